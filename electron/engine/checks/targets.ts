// The `targets` check: every profile target probed concurrently, layer by layer (DNS → TCP → TLS → HTTP), the way
// the browser reaches it (through the proxy the browser would use, if it is one we can speak). Fills
// `facts.targets` for the verdict.
import type { CheckContext, CheckDefinition, CheckOutcome } from '../check.js';
import type { TargetFacts } from '../../common/facts.js';
import { proxyEvidence, type ProxyLookup } from '../probe/browser-route.js';
import { capitalizeClause, describeProbe } from '../probe/describe.js';
import { classifyStatus, toTargetFacts } from '../probe/status-class.js';
import { probeAllTargets } from '../probe/sweep-probes.js';
import type { TargetProbeResult } from '../probe/types.js';

export { TARGET_TIMEOUT_MS } from '../probe/sweep-probes.js';

export interface TargetsCheckOptions {
  /** Where the proxy settings are read (default: this machine's, once per sweep). */
  proxy?: ProxyLookup;
}

function targetEvidence(id: string, result: TargetProbeResult, proxy: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    id,
    ...result,
    ...(proxy ? { proxySetting: proxy } : {}),
  };
}

/** Ends a clause as a sentence. */
const sentence = (text: string): string => `${capitalizeClause(text)}.`;

export async function runTargets(context: CheckContext, options: TargetsCheckOptions = {}): Promise<CheckOutcome> {
  // The sweep's one probe per target (the retry and connection checks read the same ones).
  const probes = (await probeAllTargets(context, options.proxy)).map((p) => ({ id: p.id, result: p.result, proxy: proxyEvidence(p.route) }));
  const targets: TargetFacts[] = probes.map((p) => toTargetFacts(p.id, p.result));
  const evidence = { targets: probes.map((p) => targetEvidence(p.id, p.result, p.proxy)) };
  const name = context.profile.name;

  const failing = probes.filter((p) => p.result.failedLayer !== null);
  const serverErrors = probes.filter((p) => p.result.failedLayer === null && classifyStatus(p.result.http?.status ?? 0) === 'server-error');
  const odd = probes.filter((p) => p.result.failedLayer === null && classifyStatus(p.result.http?.status ?? 0) === 'other');
  const problems = [...failing, ...serverErrors];

  if (problems.length === 0 && odd.length === 0) {
    const slowest = Math.max(...probes.map((p) => p.result.totalMs));
    return {
      status: 'pass',
      summary:
        probes.length === 1
          ? `${sentence(describeProbe(probes[0]!.result))} ${name} is reachable from this computer.`
          : `All ${probes.length} of ${name}'s addresses answer this computer normally (the slowest in ${slowest} ms).`,
      evidence,
      facts: { targets },
    };
  }
  const described = probes.filter((p) => problems.includes(p) || odd.includes(p)).map((p) => sentence(describeProbe(p.result)));
  const working = probes.length - problems.length - odd.length;
  const tail = working > 0 ? ` ${working === 1 ? 'One other address answers' : `${working} other addresses answer`} normally.` : '';
  return {
    status: problems.length > 0 ? 'fail' : 'warn',
    summary: `${described.join(' ')}${tail}`,
    evidence,
    facts: { targets },
  };
}

export function createTargetsCheck(options: TargetsCheckOptions = {}): CheckDefinition {
  return {
    id: 'targets',
    step: 'refresh',
    title: 'Reaching the service',
    run: (context) => runTargets(context, options),
  };
}

export const targetsCheck: CheckDefinition = createTargetsCheck();
