import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('engine service: choosing the service (issue 8)', () => {
  const labProfile = () =>
    parseProfile({ name: 'Lab', targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }], statusPage: { url: server!.url } }, 't');
  const noop = () => {};

  it('lists the built-in services and switches to one, or to a typed address; every channel then reads the new profile', async () => {
    server = await startStatusServer('operational');
    const service = createEngineService({ profile: labProfile(), host: 'web-bridge' });
    expect((await service.getInfo(undefined, noop)).serviceId).toBeUndefined();
    expect((await service.listServices(undefined, noop))[0]).toEqual({ id: 'chatgpt', name: 'ChatGPT', host: 'chatgpt.com' });

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
