// Realistic engine answers for the renderer's unit tests (shaped exactly like the engine's, and checked against
// the contract's schemas by the tests that use them).
import type { AppInfo } from '../../electron/common/contract.js';
import { STEPS, type CheckResult, type Report } from '../../electron/common/spec.js';

export const statusPageFail: CheckResult = {
  id: 'status-page',
  step: 'status-page',
  title: "Service's status page",
  status: 'fail',
  summary: "ChatGPT's status page reports an active incident: “Elevated errors on ChatGPT”. The problem is most likely on ChatGPT's side: wait and retry later.",
  durationMs: 212,
  evidence: {
    url: 'http://127.0.0.1:43117/api/v2/summary.json',
    httpStatus: 200,
    durationMs: 211,
    indicator: 'major',
    description: 'Partial System Outage',
    components: [{ id: 'kctg6l3hn8b2', name: 'Conversations', status: 'partial_outage' }],
    incidents: [{ name: 'Elevated errors on ChatGPT', status: 'investigating', impact: 'major', relevant: true }],
  },
};

export const dnsPass: CheckResult = {
  id: 'dns-system',
  step: 'dns',
  title: 'System DNS answers',
  status: 'pass',
  summary: 'Your DNS server finds chatgpt.com, and its answers match the reference resolvers.',
  durationMs: 31,
  evidence: { resolver: '127.0.0.53', addresses: ['104.18.32.47', '172.64.155.209'] },
};

export const dnsWarn: CheckResult = {
  id: 'dns-reference',
  step: 'dns',
  title: 'Reference DNS resolvers',
  status: 'warn',
  summary: 'One of the two reference DNS resolvers did not answer.',
  durationMs: 2004,
  evidence: { answered: ['8.8.8.8'], silent: ['1.1.1.1'], error: 'ETIMEDOUT' },
};

export const connectionError: CheckResult = {
  id: 'connectivity',
  step: 'connection',
  title: 'Internet connection',
  status: 'error',
  summary: 'This check did not finish within the 10 s deadline: nothing answered in time.',
  durationMs: 9950,
  evidence: { error: 'ETIMEDOUT', deadlineMs: 10000 },
};

export function makeReport(checks: CheckResult[] = [statusPageFail]): Report {
  return {
    schemaVersion: 1,
    generator: { name: 'gateway-doctor', version: '0.1.0' },
    startedAt: '2026-11-26T04:20:11.532Z',
    durationMs: 2240,
    profile: { name: 'ChatGPT', targets: ['https://chatgpt.com/', 'https://auth.openai.com/'] },
    environment: {
      os: { platform: 'linux', release: '6.8.0-49-generic', arch: 'x64' },
      adapters: [],
      dnsServers: [],
      proxy: null,
      vpn: null,
      redacted: true,
    },
    checks,
    verdict: {
      cause: 'service-outage',
      confidence: 'medium',
      summary: 'ChatGPT reports an incident (“Elevated errors on ChatGPT”): the error comes from ChatGPT\'s servers, not from this computer.',
      nextSteps: [
        { step: 'status-page', action: "Follow ChatGPT's status page until the incident is resolved." },
        { step: 'wait-retry', action: 'Wait a few minutes, then try again; nothing on this computer needs to change.' },
      ],
      alsoFound: [],
    },
    facts: { statusPage: { reachable: true, outage: true, indicator: 'major', incidents: ['Elevated errors on ChatGPT'] } },
  };
}

export const appInfo: AppInfo = {
  name: 'Gateway Doctor',
  version: '0.1.0',
  platform: 'linux',
  host: 'web-bridge',
  profile: {
    name: 'ChatGPT',
    targets: [
      { id: 'app', url: 'https://chatgpt.com/' },
      { id: 'auth', url: 'https://auth.openai.com/' },
    ],
    statusPage: { url: 'https://status.openai.com/api/v2/summary.json', components: ['Conversations', 'Login'] },
    referenceResolvers: ['8.8.8.8', '1.1.1.1'],
    connectivityCheck: 'http://connectivitycheck.gstatic.com/generate_204',
    supportUrl: 'https://help.openai.com/',
  },
  steps: STEPS.map((s) => ({ id: s.id, title: s.title })),
};
