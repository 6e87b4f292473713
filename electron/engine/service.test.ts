import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDnsEnvironment } from '../system/dns/index.js';
import { journalPath } from '../system/dns/journal.js';
import { startStatusServer, type StatusServer } from '../../e2e/lab/status-server.js';
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
      events.push(`${method}:${'type' in payload ? payload.type : payload.message}`),
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
