// The IPC guard with events shaped like Electron's IpcMainInvokeEvent (senderFrame with url/parent, and
// sender.mainFrame): only the app's top frame with well-formed input reaches the implementation.
import { describe, expect, it } from 'vitest';
import type { AppInfo, InvokeMethod } from '../common/contract.js';
import { builtinProfile } from '../engine/profile.js';
import { createGuardedHandlers, pageUrl, type FrameLike, type Implementation, type InvokeEventLike } from './ipc-guard.js';

const APP_URL = 'file:///opt/Gateway%20Doctor/resources/app.asar/dist/renderer/index.html';

interface FakeFrame extends FrameLike {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

function frame(url: string, parent: FakeFrame | null = null, routingId = 1): FakeFrame {
  return { url, parent, processId: 7, routingId };
}

interface FakeEvent extends InvokeEventLike {
  senderFrame: FakeFrame | null;
  sender: { id: number; mainFrame: FakeFrame };
}

function eventFrom(senderFrame: FakeFrame | null, mainFrame: FakeFrame = senderFrame ?? frame(APP_URL), senderId = 1): FakeEvent {
  return { senderFrame, sender: { id: senderId, mainFrame } };
}

const INFO: AppInfo = {
  name: 'Gateway Doctor',
  version: '0.1.0',
  platform: 'linux',
  host: 'electron',
  profile: builtinProfile(),
  steps: [{ id: 'status-page', title: "Check the service's status page" }],
};

function setup(isTrustedSender?: (sender: FakeEvent['sender']) => boolean) {
  const calls: { method: string; input: unknown }[] = [];
  const refusals: string[] = [];
  const implementation: Implementation<FakeEvent> = {
    getInfo: async (input) => {
      calls.push({ method: 'getInfo', input });
      return INFO;
    },
    runDiagnosis: async (input) => {
      calls.push({ method: 'runDiagnosis', input });
      if (input.checks?.includes('explode')) throw new Error('engine exploded');
      throw new Error('not needed in this test');
    },
    recheck: async (input) => {
      calls.push({ method: 'recheck', input });
      throw new Error('not needed in this test');
    },
    exportReport: async (input) => {
      calls.push({ method: 'exportReport', input });
      return { fileName: 'report.md', mimeType: 'text/markdown', content: '# Report' };
    },
    dnsStatus: async (input) => {
      calls.push({ method: 'dnsStatus', input });
      return { backend: 'resolv-conf', backendLabel: '/etc/resolv.conf', interfaces: [], change: null };
    },
    dnsPlan: async (input) => {
      calls.push({ method: 'dnsPlan', input });
      throw new Error('not needed in this test');
    },
    dnsSwitch: async (input) => {
      calls.push({ method: 'dnsSwitch', input });
      throw new Error('not needed in this test');
    },
    dnsRevert: async (input) => {
      calls.push({ method: 'dnsRevert', input });
      return { reverted: false, interfaces: [], message: 'There is no DNS change to revert.', warnings: [] };
    },
    listBrowsers: async (input) => {
      calls.push({ method: 'listBrowsers', input });
      return { browsers: [] };
    },
    openInBrowser: async (input) => {
      calls.push({ method: 'openInBrowser', input });
      return { ...input, opened: false, url: null, message: 'not needed in this test' };
    },
    allowedLinks: async (input) => {
      calls.push({ method: 'allowedLinks', input });
      return { origins: [], portal: null, pages: [] };
    },
    openExternal: async (input) => {
      calls.push({ method: 'openExternal', input });
      return { url: input.url, opened: true };
    },
    loadProgress: async (input) => {
      calls.push({ method: 'loadProgress', input });
      return { progress: null };
    },
    saveProgress: async (input) => {
      calls.push({ method: 'saveProgress', input });
      return { savedAt: '2025-01-01T00:00:00.000Z' };
    },
    clearProgress: async (input) => {
      calls.push({ method: 'clearProgress', input });
      return { cleared: true };
    },
    listServices: async (input) => {
      calls.push({ method: 'listServices', input });
      return [];
    },
    selectService: async (input) => {
      calls.push({ method: 'selectService', input });
      return INFO;
    },
    startWatch: async (input) => {
      calls.push({ method: 'startWatch', input });
      throw new Error('not needed in this test');
    },
    stopWatch: async (input) => {
      calls.push({ method: 'stopWatch', input });
      return null;
    },
    getWatch: async (input) => {
      calls.push({ method: 'getWatch', input });
      return null;
    },
  };
  const handlers = createGuardedHandlers<FakeEvent>({
    trustedUrl: APP_URL,
    implementation,
    log: (line) => refusals.push(line),
    ...(isTrustedSender ? { isTrustedSender } : {}),
  });
  return { handlers, calls, refusals };
}

describe('IPC guard', () => {
  it('lets the app page in its top frame through with a well-formed call', async () => {
    const { handlers, calls } = setup();
    await expect(handlers.getInfo(eventFrom(frame(APP_URL)), undefined)).resolves.toEqual(INFO);
    expect(calls).toEqual([{ method: 'getInfo', input: undefined }]);
  });

  it('ignores the hash and query of the app page', async () => {
    const { handlers, calls } = setup();
    await handlers.getInfo(eventFrom(frame(`${APP_URL}?step=dns#details`)), undefined);
    expect(calls).toHaveLength(1);
  });

  it('accepts a top frame that is a different wrapper object of the main frame', async () => {
    const { handlers, calls } = setup();
    await handlers.getInfo(eventFrom(frame(APP_URL), frame(APP_URL)), undefined);
    expect(calls).toHaveLength(1);
  });

  const untrusted: [string, () => FakeEvent, RegExp][] = [
    ['a null senderFrame (navigated away or destroyed)', () => eventFrom(null, frame(APP_URL)), /sending frame is gone/],
    ['a remote page', () => eventFrom(frame('https://evil.example/index.html')), /is not the app/],
    ['another local file', () => eventFrom(frame('file:///tmp/index.html')), /is not the app/],
    ['a look-alike path', () => eventFrom(frame(`${APP_URL}/../index.html.evil`)), /is not the app/],
    [
      'a subframe, even one showing the app page',
      () => {
        const top = frame(APP_URL);
        return eventFrom(frame(APP_URL, top, 2), top);
      },
      /not the top frame/,
    ],
    [
      'a parentless frame that is not the main frame (e.g. a popup in the same contents)',
      () => eventFrom(frame(APP_URL, null, 5), frame(APP_URL, null, 1)),
      /not the top frame/,
    ],
  ];

  for (const [name, makeEvent, reason] of untrusted) {
    it(`refuses ${name} without calling the implementation`, async () => {
      const { handlers, calls, refusals } = setup();
      await expect(handlers.getInfo(makeEvent(), undefined)).rejects.toThrow(reason);
      await expect(handlers.runDiagnosis(makeEvent(), { timeoutMs: 5_000 })).rejects.toThrow(/^Refused diagnose:run/);
      expect(calls).toEqual([]);
      expect(refusals).toHaveLength(2);
    });
  }

  it('refuses a sender that is not one of the app windows', async () => {
    const { handlers, calls } = setup((sender) => sender.id === 1);
    await expect(handlers.getInfo(eventFrom(frame(APP_URL), undefined, 2), undefined)).rejects.toThrow(/not an app window/);
    await expect(handlers.getInfo(eventFrom(frame(APP_URL), undefined, 1), undefined)).resolves.toEqual(INFO);
    expect(calls).toHaveLength(1);
  });

  const malformed: [string, InvokeMethod, unknown, RegExp][] = [
    ['an argument to getInfo', 'getInfo', { sneaky: true }, /Invalid input for getInfo/],
    ['a string instead of a request', 'runDiagnosis', 'run everything', /Invalid input for runDiagnosis/],
    ['an unknown key', 'runDiagnosis', { timeoutMs: 5_000, profile: '/etc/passwd' }, /Invalid input for runDiagnosis.*profile/],
    ['a timeout out of range', 'runDiagnosis', { timeoutMs: 5 }, /Invalid input for runDiagnosis: timeoutMs/],
    ['a malformed check id', 'runDiagnosis', { checks: ['../../x'] }, /Invalid input for runDiagnosis: checks\.0/],
    ['an unknown report format', 'exportReport', { format: 'exe', redact: true }, /Invalid input for exportReport: format/],
    ['a missing redact flag', 'exportReport', { format: 'md' }, /Invalid input for exportReport: redact/],
    // Issue 4's hostile DNS inputs: refused before anything runs.
    ['a command after an address', 'dnsSwitch', { servers: ['8.8.8.8;reboot'] }, /Invalid input for dnsSwitch: servers\.0/],
    ['a shell substitution', 'dnsSwitch', { servers: ['$(id)'] }, /Invalid input for dnsSwitch: servers\.0/],
    ['an impossible address', 'dnsPlan', { servers: ['300.1.1.1'] }, /Invalid input for dnsPlan: servers\.0/],
    ['an empty server list', 'dnsSwitch', { servers: [] }, /Invalid input for dnsSwitch: servers/],
    ['an unknown preset', 'dnsSwitch', { preset: 'evil' }, /Invalid input for dnsSwitch: preset/],
    ['an interface name with a newline', 'dnsSwitch', { interfaces: ['eth0\nrm -rf /'] }, /Invalid input for dnsSwitch: interfaces\.0/],
    ['an interface name that looks like an option', 'dnsSwitch', { interfaces: ['--help'] }, /Invalid input for dnsSwitch: interfaces\.0/],
    ['an argument to dnsRevert', 'dnsRevert', { everything: true }, /Invalid input for dnsRevert/],
    // Issue 8: a service is a built-in id or an http(s) address, nothing else; a watch's bounds hold.
    ['a service id that is a path', 'selectService', { service: '../../etc/passwd' }, /Invalid input for selectService/],
    ['a file: address', 'selectService', { url: 'file:///etc/passwd' }, /Invalid input for selectService: url: only http: and https:/],
    ['an address with credentials', 'selectService', { url: 'https://me:pw@example.com/' }, /Invalid input for selectService: url: .*user name or password/],
    ['an overlong address', 'selectService', { url: `https://example.com/${'a'.repeat(3_000)}` }, /Invalid input for selectService/],
    ['both a service and an address', 'selectService', { service: 'claude', url: 'https://claude.ai/' }, /Invalid input for selectService/],
    ['a profile smuggled in', 'selectService', { profile: { name: 'x' } }, /Invalid input for selectService/],
    ['a first check too soon', 'startWatch', { firstCheckMs: 10 }, /Invalid input for startWatch: firstCheckMs/],
    ['a watch of a year', 'startWatch', { forMinutes: 525_600 }, /Invalid input for startWatch: forMinutes/],
    ['an unknown watch option', 'startWatch', { everyMs: 1 }, /Invalid input for startWatch/],
    ['an argument to stopWatch', 'stopWatch', { all: true }, /Invalid input for stopWatch/],
  ];

  for (const [name, method, input, message] of malformed) {
    it(`refuses a malformed payload (${name}) without calling the implementation`, async () => {
      const { handlers, calls } = setup();
      const handler = handlers[method] as (event: FakeEvent, raw: unknown) => Promise<unknown>;
      const failure = await handler(eventFrom(frame(APP_URL)), input).catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(message);
      expect((failure as Error).stack).not.toMatch(/ipc-guard|\n\s+at /); // nothing of main's code goes to the renderer
      expect(calls).toEqual([]);
    });
  }

  it('passes well-formed service and watch calls on', async () => {
    const { handlers, calls } = setup();
    await handlers.selectService(eventFrom(frame(APP_URL)), { service: 'claude' });
    await handlers.selectService(eventFrom(frame(APP_URL)), { url: 'https://chat.example.com/x' });
    await handlers.stopWatch(eventFrom(frame(APP_URL)), undefined);
    await handlers.startWatch(eventFrom(frame(APP_URL)), undefined).catch(() => {});
    await handlers.startWatch(eventFrom(frame(APP_URL)), { firstCheckMs: 1_000, forMinutes: 5 }).catch(() => {});
    expect(calls).toEqual([
      { method: 'selectService', input: { service: 'claude' } },
      { method: 'selectService', input: { url: 'https://chat.example.com/x' } },
      { method: 'stopWatch', input: undefined },
      { method: 'startWatch', input: undefined },
      { method: 'startWatch', input: { firstCheckMs: 1_000, forMinutes: 5 } },
    ]);
  });

  it('passes a well-formed exportReport call on', async () => {
    const { handlers, calls } = setup();
    await expect(handlers.exportReport(eventFrom(frame(APP_URL)), { format: 'md', redact: true })).resolves.toMatchObject({
      fileName: 'report.md',
    });
    expect(calls).toEqual([{ method: 'exportReport', input: { format: 'md', redact: true } }]);
  });

  it('passes a well-formed runDiagnosis input on, and an implementation error back as a message only', async () => {
    const { handlers, calls } = setup();
    const failure = await handlers
      .runDiagnosis(eventFrom(frame(APP_URL)), { checks: ['explode'], timeoutMs: 2_000 })
      .catch((error: Error) => error);
    expect(calls).toEqual([{ method: 'runDiagnosis', input: { checks: ['explode'], timeoutMs: 2_000 } }]);
    expect((failure as Error).message).toBe('engine exploded');
    expect((failure as Error).stack).not.toMatch(/at /);
  });
});

describe('IPC guard: the channels of the wizard\'s actions', () => {
  const emptyProgress = { service: null, steps: [], currentStep: null, timers: [], lastReport: null };

  it('openInBrowser takes a known browser and mode only: never an address', async () => {
    const { handlers, calls } = setup();
    const app = eventFrom(frame(APP_URL));
    await expect(handlers.openInBrowser(app, { browser: 'firefox', mode: 'private' })).resolves.toMatchObject({ opened: false });
    for (const bad of [
      { browser: 'firefox', mode: 'private', url: 'https://evil.example/' },
      { browser: 'netscape', mode: 'normal' },
      { browser: 'chrome', mode: 'kiosk' },
      { browser: 'chrome' },
      'chrome',
    ]) {
      await expect(handlers.openInBrowser(app, bad), JSON.stringify(bad)).rejects.toThrow(/Invalid input for openInBrowser/);
    }
    expect(calls).toEqual([{ method: 'openInBrowser', input: { browser: 'firefox', mode: 'private' } }]);
  });

  it('saveProgress validates every field and caps the size', async () => {
    const { handlers, calls } = setup();
    const app = eventFrom(frame(APP_URL));
    const good = { ...emptyProgress, service: { id: 'chatgpt' }, steps: [{ step: 'refresh', result: 'not-fixed', at: '2025-01-01T10:00:00.000Z' }], currentStep: 'clear-cache', timers: [{ step: 'wait-retry', endsAt: '2025-01-01T10:15:00.000Z' }] };
    await expect(handlers.saveProgress(app, good)).resolves.toEqual({ savedAt: '2025-01-01T00:00:00.000Z' });
    for (const [bad, problem] of [
      [{ ...good, steps: [{ step: 'reboot', result: 'fixed', at: '2025-01-01T10:00:00.000Z' }] }, /steps/],
      [{ ...good, steps: [{ step: 'refresh', result: 'maybe', at: '2025-01-01T10:00:00.000Z' }] }, /steps/],
      [{ ...good, service: { url: 'javascript:alert(1)' } }, /service/],
      [{ ...good, service: { url: 'https://user:pw@example.com/' } }, /service/],
      [{ ...good, timers: [{ step: 'wait-retry', endsAt: 'tomorrow' }] }, /timers/],
      [{ ...good, extra: true }, /extra/],
      [{ ...good, lastReport: { nonsense: true } }, /lastReport/],
      [{ ...good, lastReport: { ...makeReportLike(), checks: [{ ...makeCheckLike(), evidence: { blob: 'x'.repeat(2 * 1024 * 1024) } }] } }, /larger than 2 MB/],
    ] as const) {
      await expect(handlers.saveProgress(app, bad)).rejects.toThrow(problem);
    }
    expect(calls.map((c) => c.method)).toEqual(['saveProgress']);
  });

  it('openExternal takes an address and nothing else', async () => {
    const { handlers, calls } = setup();
    const app = eventFrom(frame(APP_URL));
    await expect(handlers.openExternal(app, { url: 'https://help.openai.com/' })).resolves.toEqual({ url: 'https://help.openai.com/', opened: true });
    await expect(handlers.openExternal(app, 'https://help.openai.com/')).rejects.toThrow(/Invalid input for openExternal/);
    await expect(handlers.openExternal(app, { url: 'x'.repeat(5_000) })).rejects.toThrow(/Invalid input for openExternal/);
    expect(calls).toHaveLength(1);
  });
});

function makeCheckLike() {
  return { id: 'targets', step: 'refresh', title: 'Targets', status: 'pass', summary: 'ok', durationMs: 1, evidence: {} };
}

function makeReportLike() {
  return {
    schemaVersion: 1,
    generator: { name: 'gateway-doctor', version: '0.1.0' },
    startedAt: '2025-01-01T10:00:00.000Z',
    durationMs: 10,
    profile: { name: 'Lab', targets: ['https://chat.lab/'] },
    environment: { os: { platform: 'linux', release: '6', arch: 'x64' }, adapters: [], dnsServers: [], proxy: null, vpn: null, redacted: false },
    checks: [makeCheckLike()],
    verdict: { cause: 'browser', confidence: 'high', summary: 'ok', nextSteps: [], alsoFound: [] },
  };
}

describe('pageUrl', () => {
  it('drops hash and query and rejects non-URLs', () => {
    expect(pageUrl('file:///a/index.html?x=1#y')).toBe('file:///a/index.html');
    expect(pageUrl('not a url')).toBeNull();
  });
});
