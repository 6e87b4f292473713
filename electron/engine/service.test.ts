import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { labEnvironment, type LabEnvironment } from '../../e2e/lab/dns-switch/lab-environment.js';
import type { Report } from '../common/spec.js';
import { fileExists } from '../system/browsers/detect.js';
import { launchDetached } from '../system/browsers/launcher.js';
import { createDnsEnvironment } from '../system/dns/index.js';
import { journalPath } from '../system/dns/journal.js';
import { startStatusServer, type StatusServer } from '../../e2e/lab/status-server.js';
import type { WatchState } from '../common/watch.js';
import { parseProfile } from './profile.js';
import { createEngineService, NoReportError, type EmitEvent } from './service.js';

let server: StatusServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('engine service (what the IPC channels call)', () => {
  it('runs a diagnosis with progress events, then exports the same report', async () => {
    server = await startStatusServer('major-outage');
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }], statusPage: { url: server.url } }, 't');
    const service = createEngineService({ profile, host: 'web-bridge' });
    const noop = () => {};

    await expect(service.exportReport({ format: 'md', redact: true }, noop)).rejects.toBeInstanceOf(NoReportError);

    const events: string[] = [];
    const report = await service.runDiagnosis({ checks: ['status-page'], timeoutMs: 5_000 }, (method, payload) =>
      events.push(`${method}:${'type' in payload ? payload.type : 'message' in payload ? payload.message : payload.state}`),
    );
    expect(events).toEqual(['onProgress:check-started', 'onProgress:check-finished']);

    const exported = await service.exportReport({ format: 'json', redact: false }, noop);
    expect(JSON.parse(exported.content)).toEqual(report);
    expect(exported.mimeType).toBe('application/json');
    expect(exported.fileName).toMatch(/^gateway-doctor-lab-\d{4}-\d{2}-\d{2}T\d{6}Z\.json$/);

    const html = await service.exportReport({ format: 'html', redact: true }, noop);
    expect(html.content).toContain('<h1>Gateway Doctor report — Lab</h1>');
    expect(html.content).toContain('personal details redacted');
  });

  it('re-checks some checks into the latest report: the verdict follows, the rest keeps its time', async () => {
    server = await startStatusServer('major-outage');
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }], statusPage: { url: server.url } }, 't');
    const service = createEngineService({ profile, host: 'web-bridge' });
    const first = await service.runDiagnosis({ checks: ['status-page', 'targets'], timeoutMs: 5_000 }, () => {});
    expect(first.verdict.alsoFound.concat(first.verdict.cause)).toContain('service-outage');

    server.scenario = 'operational';
    const events: string[] = [];
    const merged = await service.recheck({ checks: ['status-page'], timeoutMs: 5_000 }, (method, payload) =>
      events.push(`${method}:${'type' in payload ? payload.type : 'message' in payload ? payload.message : payload.state}`),
    );
    expect(events).toEqual(['onProgress:check-started', 'onProgress:check-finished']);
    expect(merged.checks.map((c) => c.id)).toEqual(['status-page', 'targets']);
    const statusPage = merged.checks.find((c) => c.id === 'status-page')!;
    expect(statusPage.status).toBe('pass');
    expect(Date.parse(statusPage.measuredAt!)).toBeGreaterThanOrEqual(Date.parse(first.startedAt));
    expect(merged.checks.find((c) => c.id === 'targets')).toEqual(first.checks.find((c) => c.id === 'targets'));
    expect(merged.facts?.statusPage?.outage).toBe(false);
    expect([merged.verdict.cause, ...merged.verdict.alsoFound]).not.toContain('service-outage');
    // The export is the merged report.
    expect(JSON.parse((await service.exportReport({ format: 'json', redact: false }, () => {})).content)).toEqual(merged);
  });

  it('forty diagnoses asked at once share one sweep: every call gets the report within its deadline', async () => {
    server = await startStatusServer('hang');
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }], statusPage: { url: server.url } }, 't');
    const service = createEngineService({ profile, host: 'web-bridge' });
    const started = Date.now();
    const progress: number[] = Array(40).fill(0);
    const reports = await Promise.all(
      progress.map((_n, i) => service.runDiagnosis({ checks: ['status-page'], timeoutMs: 1_500 }, () => (progress[i]! += 1))),
    );
    expect(Date.now() - started).toBeLessThan(1_500 + 500);
    expect(new Set(reports.map((r) => r.startedAt)).size).toBe(1);
    expect(server.requests).toBe(1);
    // Each caller saw the sweep's progress (started and finished), including those who joined late.
    expect(progress.every((n) => n === 2)).toBe(true);
  });

  it('describes the app for the UI', async () => {
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }] }, 't');
    const info = await createEngineService({ profile, host: 'electron' }).getInfo(undefined, () => {});
    expect(info.steps).toHaveLength(12);
    expect(info.steps[0]).toEqual({ id: 'status-page', title: "Check the service's status page" });
    expect(info.profile.name).toBe('Lab');
  });
});

describe('engine service: DNS channels refuse bad input before anything runs', () => {
  it('an interface that is not one of the machine\'s is refused with a clear message; nothing changed, no journal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gd-service-dns-'));
    const resolvConf = path.join(dir, 'resolv.conf');
    const original = '# kept as it is\nnameserver 127.0.0.1\noptions timeout:1\n';
    writeFileSync(resolvConf, original);
    const dataDir = path.join(dir, 'data');
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'https://chat.lab/' }] }, 't');
    const progress: string[] = [];
    const service = createEngineService({
      profile,
      host: 'web-bridge',
      dnsEnvironment: (log) =>
        createDnsEnvironment({
          log,
          dataDir,
          env: { ...process.env, GATEWAY_DOCTOR_DNS_BACKEND: 'resolv-conf', GATEWAY_DOCTOR_RESOLV_CONF: resolvConf },
        }),
    });
    const emit: EmitEvent = (_method, payload) => {
      if ('message' in payload) progress.push(payload.message);
    };

    for (const call of [
      () => service.dnsPlan({ servers: ['127.0.0.2'], interfaces: ['eth9'] }, emit),
      () => service.dnsSwitch({ servers: ['127.0.0.2'], interfaces: ['eth9'] }, emit),
    ]) {
      await expect(call()).rejects.toThrow(/"eth9" is not one of this machine's network interfaces/);
    }
    expect(readFileSync(resolvConf, 'utf8')).toBe(original);
    expect(existsSync(journalPath(dataDir))).toBe(false);
    expect(progress.filter((line) => /Setting DNS/.test(line))).toEqual([]);
    // The status still reads, and shows no pending change.
    expect((await service.dnsStatus(undefined, emit)).change).toBeNull();
  });
});

describe("engine service: the report's session", () => {
  let lab: LabEnvironment | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('records every run, every DNS change and the marks saved, and hands them out with the report and its export', async () => {
    server = await startStatusServer('major-outage');
    lab = await labEnvironment({ original: 'nameserver 127.0.0.9\n', resolvers: { '127.0.0.2': { kind: 'answer', ipv4: ['127.0.0.80'] }, '127.0.0.3': 'silent' } });
    const dns = lab.env;
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'https://chat.lab/' }], statusPage: { url: server.url } }, 't');
    const service = createEngineService({ profile, host: 'web-bridge', dnsEnvironment: async () => dns });
    const noop = () => {};

    const first = await service.runDiagnosis({ checks: ['status-page'], timeoutMs: 5_000 }, noop);
    expect(first.session).toEqual({ steps: [], changes: [], runs: [{ startedAt: first.startedAt, cause: first.verdict.cause }] });

    expect((await service.dnsSwitch({ servers: ['127.0.0.2'] }, noop)).ok).toBe(true);
    expect((await service.dnsSwitch({ servers: ['127.0.0.3'] }, noop)).reverted).toBe(true);
    expect((await service.dnsRevert(undefined, noop)).reverted).toBe(true);
    // A request refused before anything changed is not a change.
    await expect(service.dnsSwitch({ servers: ['127.0.0.2'], interfaces: ['eth9'] }, noop)).rejects.toThrow();

    const marks = [
      { step: 'refresh', result: 'not-fixed', at: '2025-03-01T10:00:00.000Z' },
      { step: 'dns', result: 'fixed', at: '2025-03-01T10:09:00.000Z' },
    ] as const;
    await service.saveProgress({ service: null, steps: [...marks], currentStep: 'dns', timers: [], lastReport: first }, noop);

    const second = await service.runDiagnosis({ checks: ['status-page'], timeoutMs: 5_000 }, noop);
    const session = second.session!;
    expect(session.runs).toEqual([
      { startedAt: first.startedAt, cause: first.verdict.cause },
      { startedAt: second.startedAt, cause: second.verdict.cause },
    ]);
    expect(session.steps).toEqual(marks);
    expect(session.changes.map((c) => c.kind)).toEqual(['dns-switch', 'dns-auto-revert', 'dns-revert']);
    expect(session.changes[0]!.summary).toBe("DNS was switched to 127.0.0.2 on 1 network connection and kept: the new servers found the service's addresses.");
    expect(session.changes[1]!.summary).toMatch(/^DNS was switched to 127\.0\.0\.3 on 1 network connection for a moment, then put back automatically: the new DNS servers did not resolve chat\.lab/);
    expect(session.changes[2]!.summary).toBe("The DNS settings from before Gateway Doctor's change were restored on 1 network connection.");

    // The export carries the session as it is at export time, redacted or not.
    await service.clearProgress(undefined, noop);
    for (const redact of [false, true]) {
      const exported = JSON.parse((await service.exportReport({ format: 'json', redact }, noop)).content) as Report;
      expect(exported.environment.redacted).toBe(redact);
      expect(exported.session).toEqual({ ...session, steps: [] });
    }
    const markdown = (await service.exportReport({ format: 'md', redact: true }, noop)).content;
    expect(markdown).toContain('Lab');
  });
});

describe('engine service: progress kept in the data folder', () => {
  it('saves, loads in a later session (whose report then carries the marks), and starts over', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'gd-service-progress-')), 'data');
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }] }, 't');
    const noop = () => {};
    const marks = [{ step: 'private-window', result: 'fixed', at: '2025-03-01T10:00:00.000Z' }] as const;

    const before = createEngineService({ profile, host: 'electron', dataDir });
    expect(await before.loadProgress(undefined, noop)).toEqual({ progress: null });
    const { savedAt } = await before.saveProgress({ service: { id: 'chatgpt' }, steps: [...marks], currentStep: 'other-browser', timers: [], lastReport: null }, noop);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'progress.json'), 'utf8'))).toMatchObject({ version: 1, savedAt, service: { id: 'chatgpt' } });

    const after = createEngineService({ profile, host: 'electron', dataDir });
    const loaded = await after.loadProgress(undefined, noop);
    expect(loaded.progress).toMatchObject({ currentStep: 'other-browser', steps: marks });
    const report = await after.runDiagnosis({ checks: ['browsers'], timeoutMs: 5_000 }, noop);
    expect(report.session?.steps).toEqual(marks);

    expect(await after.clearProgress(undefined, noop)).toEqual({ cleared: true });
    expect(existsSync(path.join(dataDir, 'progress.json'))).toBe(false);
    expect((JSON.parse((await after.exportReport({ format: 'json', redact: false }, noop)).content) as Report).session?.steps).toEqual([]);
  });

  it('keeps its own last report, never the page’s copy, and exports it after a restart', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'gd-service-progress-')), 'data');
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }] }, 't');
    const noop = () => {};
    const before = createEngineService({ profile, host: 'electron', dataDir });
    const report = await before.runDiagnosis({ checks: ['browsers'], timeoutMs: 5_000 }, noop);
    const forged = { ...report, verdict: { ...report.verdict, summary: 'Forged by the page.' } };
    await before.saveProgress({ service: null, steps: [], currentStep: 'support', timers: [], lastReport: forged }, noop);

    const after = createEngineService({ profile, host: 'electron', dataDir });
    await expect(after.exportReport({ format: 'json', redact: false }, noop)).rejects.toBeInstanceOf(NoReportError);
    const loaded = await after.loadProgress(undefined, noop);
    expect(loaded.progress?.lastReport?.verdict.summary).toBe(report.verdict.summary);
    const exported = JSON.parse((await after.exportReport({ format: 'json', redact: false }, noop)).content) as Report;
    expect(exported.startedAt).toBe(report.startedAt);
    expect(exported.verdict.summary).not.toBe('Forged by the page.');
  });

  it('the development bridge keeps progress in memory only (its page uses localStorage)', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'gd-service-progress-')), 'data');
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }] }, 't');
    const service = createEngineService({ profile, host: 'web-bridge', dataDir });
    await service.saveProgress({ service: null, steps: [], currentStep: 'refresh', timers: [], lastReport: null }, () => {});
    expect((await service.loadProgress(undefined, () => {})).progress?.currentStep).toBe('refresh');
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe.skipIf(process.platform === 'win32')('engine service: browser actions', () => {
  it("lists the installed browsers with their extensions, and opens the profile's first target in them, never another address", async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'gd-service-browsers-'));
    const bin = path.join(work, 'bin');
    const home = path.join(work, 'home');
    mkdirSync(bin);
    cpSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../system/browsers/fixtures/firefox'), path.join(home, '.mozilla', 'firefox'), { recursive: true });
    // A fake Firefox on PATH that records its arguments.
    const log = path.join(work, 'argv.log');
    writeFileSync(path.join(bin, 'firefox'), `#!/bin/sh\n: > "${log}"\nfor arg in "$@"; do printf '%s\\0' "$arg" >> "${log}"; done\nexit 0\n`);
    chmodSync(path.join(bin, 'firefox'), 0o755);
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'https://chat.lab/c/1?x=a b' }, { id: 'auth', url: 'https://auth.lab/' }] }, 't');
    const service = createEngineService({
      profile,
      host: 'electron',
      browsers: { platform: 'linux', env: { PATH: bin }, home, exists: fileExists, launch: (argv, name) => launchDetached(argv, { name }) },
    });
    const noop = () => {};

    const list = await service.listBrowsers(undefined, noop);
    expect(list.browsers.map((b) => b.id)).toEqual(['firefox']);
    expect(list.browsers[0]).toMatchObject({
      name: 'Mozilla Firefox',
      actions: { open: true, private: true, extensionsPage: true },
      manual: {},
      privateWindow: { name: 'private window', shortcut: 'Ctrl + Shift + P' },
      extensions: { total: 3, flagged: 2 },
    });

    const recorded = () => readFileSync(log, 'utf8').split('\0').slice(0, -1);
    expect(await service.openInBrowser({ browser: 'firefox', mode: 'private' }, noop)).toEqual({
      opened: true,
      browser: 'firefox',
      mode: 'private',
      url: 'https://chat.lab/c/1?x=a%20b',
      message: 'Mozilla Firefox was asked to open https://chat.lab/c/1?x=a%20b in a private window.',
    });
    expect(recorded()).toEqual(['-private-window', 'https://chat.lab/c/1?x=a%20b']);
    await service.openInBrowser({ browser: 'firefox', mode: 'normal' }, noop);
    expect(recorded()).toEqual(['https://chat.lab/c/1?x=a%20b']);
    await service.openInBrowser({ browser: 'firefox', mode: 'extensions' }, noop);
    expect(recorded()).toEqual(['about:addons']);

    expect(await service.openInBrowser({ browser: 'chrome', mode: 'normal' }, noop)).toMatchObject({
      opened: false,
      url: null,
      message: 'Google Chrome was not found on this computer, so it cannot be opened from here.',
    });
  });
});

describe('engine service: choosing the service (issue 8)', () => {
  const labProfile = () =>
    parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }], statusPage: { url: server!.url } }, 't');
  const noop = () => {};

  it('lists the built-in services and switches to one, or to a typed address; every channel then reads the new profile', async () => {
    server = await startStatusServer('operational');
    const service = createEngineService({ profile: labProfile(), host: 'web-bridge' });
    expect((await service.getInfo(undefined, noop)).serviceId).toBeUndefined();
    // The profile it was started with comes first (the way back to it), then the built-in services.
    const listed = await service.listServices(undefined, noop);
    expect(listed[0]).toEqual({ id: 'start-profile', name: 'Lab', host: '127.0.0.1:9' });
    expect(listed[1]).toEqual({ id: 'chatgpt', name: 'ChatGPT', host: 'chatgpt.com' });

    const claude = await service.selectService({ service: 'claude' }, noop);
    expect(claude).toMatchObject({ serviceId: 'claude', profile: { name: 'Claude', targets: [{ url: 'https://claude.ai/' }] } });
    expect(service.currentProfile().name).toBe('Claude');
    expect(await service.getInfo(undefined, noop)).toEqual(claude);

    const typed = await service.selectService({ url: 'http://127.0.0.1:9/some/page' }, noop);
    expect(typed.serviceId).toBeUndefined();
    expect(typed.profile).toMatchObject({ name: '127.0.0.1:9', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }] });
    const report = await service.runDiagnosis({ checks: ['status-page'], timeoutMs: 2_000 }, noop);
    expect(report.profile).toEqual({ name: '127.0.0.1:9', targets: ['http://127.0.0.1:9/'] });

    await expect(service.selectService({ service: 'nope' }, noop)).rejects.toThrow(/no such service/);
    expect(service.currentProfile().name).toBe('127.0.0.1:9');
    // Back to the profile it was started with.
    expect((await service.selectService({ service: 'start-profile' }, noop)).profile).toEqual(labProfile());
  });

  it("forgets the last report on a switch: another service's report is never exported as this one's", async () => {
    server = await startStatusServer('major-outage');
    const service = createEngineService({ profile: labProfile(), host: 'web-bridge' });
    await service.runDiagnosis({ checks: ['status-page'], timeoutMs: 2_000 }, noop);
    await expect(service.exportReport({ format: 'json', redact: false }, noop)).resolves.toMatchObject({ mimeType: 'application/json' });
    await service.selectService({ service: 'claude' }, noop);
    await expect(service.exportReport({ format: 'json', redact: false }, noop)).rejects.toBeInstanceOf(NoReportError);
  });

  it('a diagnosis that was running during a switch is answered, but not kept for export', async () => {
    server = await startStatusServer('hang');
    const service = createEngineService({ profile: labProfile(), host: 'web-bridge' });
    let started!: () => void;
    const checkStarted = new Promise<void>((resolve) => (started = resolve));
    const running = service.runDiagnosis({ checks: ['status-page'], timeoutMs: 1_500 }, () => started());
    await checkStarted;
    await service.selectService({ service: 'claude' }, noop);
    expect((await running).profile.name).toBe('Lab');
    await expect(service.exportReport({ format: 'md', redact: true }, noop)).rejects.toBeInstanceOf(NoReportError);
  });

  it('runs one watch at a time, reports it as broadcasts, and stops it when the service changes', async () => {
    const broadcasts: WatchState[] = [];
    const profile = parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }] }, 't');
    const service = createEngineService({
      profile,
      host: 'web-bridge',
      broadcast: (method, payload) => method === 'onWatch' && broadcasts.push(payload as WatchState),
    });
    expect(await service.getWatch(undefined, noop)).toBeNull();
    expect(await service.stopWatch(undefined, noop)).toBeNull();
    const first = await service.startWatch({ firstCheckMs: 30_000, forMinutes: 5 }, noop);
    expect(first).toMatchObject({ state: 'waiting', service: 'Lab', checks: 0 });
    expect(Date.parse(first.until) - Date.parse(first.startedAt)).toBe(5 * 60_000);
    expect(Date.parse(first.nextCheckAt!) - Date.parse(first.startedAt)).toBe(30_000);
    const second = await service.startWatch(undefined, noop);
    expect(second.startedAt).toBe(first.startedAt);
    expect(broadcasts).toHaveLength(1);

    await service.selectService({ service: 'claude' }, noop);
    expect(broadcasts.at(-1)).toMatchObject({ state: 'stopped', service: 'Lab' });
    expect(await service.getWatch(undefined, noop)).toBeNull();

    const claude = await service.startWatch(undefined, noop);
    expect(claude).toMatchObject({ service: 'Claude', state: 'waiting' });
    expect(Date.parse(claude.nextCheckAt!) - Date.parse(claude.startedAt)).toBe(30_000);
    expect(await service.stopWatch(undefined, noop)).toMatchObject({ state: 'stopped', service: 'Claude' });
    expect(await service.getWatch(undefined, noop)).toMatchObject({ state: 'stopped' });
    service.dispose();
  });
});
