// The bundled main process (main.cjs, built here with esbuild as scripts/build.mjs does) run in plain Node with
// a recording stand-in for `electron` (fixtures/electron-stub.ts): the Electron binary cannot run here, but the
// bundle's wiring can be checked for real: its profile handling, security settings, IPC guard and the real
// engine-host bundle in its own process, reached over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer } from '../../e2e/lab/https-server.js';
import { startHealingWorld } from '../../e2e/lab/healing-world.js';
import { startProxyServer } from '../../e2e/lab/proxy-server.js';
import { startStatusServer, type StatusServer } from '../../e2e/lab/status-server.js';
import { INVOKE_CHANNELS } from '../common/channels.js';
import { EXTERNAL_LINK_REFUSED } from '../common/external-links.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const STUB = path.join(here, 'fixtures', 'electron-stub.ts');

let tmp: string;
let distMain: string;
let status: StatusServer;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gd-main-bundle-'));
  distMain = path.join(tmp, 'dist', 'main');
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    absWorkingDir: root,
    entryPoints: { main: 'electron/main/main.ts', 'engine-host': 'electron/main/engine-host.ts' },
    outdir: distMain,
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  });
  status = await startStatusServer('major-outage');
}, 60_000);

afterAll(async () => {
  await status?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  stderr(): string;
  ask(command: object): Promise<{ result?: unknown; error?: string; report?: Record<string, unknown> }>;
  exited: Promise<number | null>;
}

function runMain(args: string[], env?: NodeJS.ProcessEnv): Running {
  const child = fork(path.join(distMain, 'main.cjs'), args, {
    execArgv: ['--import', 'tsx', '--import', pathToFileURL(STUB).href],
    ...(env ? { env } : {}),
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const waiting: ((message: never) => void)[] = [];
  const early: unknown[] = [];
  child.on('message', (message) => {
    const next = waiting.shift();
    if (next) next(message as never);
    else early.push(message);
  });
  return {
    child,
    stderr: () => stderr,
    ask: (command) =>
      new Promise((resolve) => {
        waiting.push(resolve as never);
        child.send(command);
      }),
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
}

/** Waits until main has registered its handlers (it does so after loading the profile). */
async function ready(app: Running): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i += 1) {
    const { report } = await app.ask({ report: true });
    if (report && (report.channels as string[]).length > 0 && report.loadedFile) return report;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`main did not finish starting:\n${app.stderr()}`);
}

function labProfile(): string {
  const file = path.join(tmp, 'lab.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'Lab service',
      targets: [{ id: 'app', url: 'http://127.0.0.1:9/' }],
      statusPage: { url: status.url, components: ['Conversations'] },
      referenceResolvers: ['127.0.0.1:9'],
      connectivityCheck: 'http://127.0.0.1:9/generate_204',
    }),
  );
  return file;
}

const notRoot = process.getuid?.() !== 0;
if (notRoot) console.warn('main.cjs: the quit-during-DNS-switch test skipped: not root (the switch would need a pkexec prompt)');

describe('main.cjs', () => {
  it('starts with a --profile, secures the window and serves the contract from the engine process', async () => {
    const app = runMain(['--profile', labProfile()]);
    try {
      const report = await ready(app);
      const appUrl = pathToFileURL(path.join(tmp, 'dist', 'renderer', 'index.html')).href;

      expect(report.sandboxEnabled).toBe(true);
      expect(report.loadedFile).toBe(path.join(tmp, 'dist', 'renderer', 'index.html'));
      expect(report.windowOptions).toMatchObject({
        title: 'Gateway Doctor — Lab service',
        show: false,
        webPreferences: {
          preload: path.join(tmp, 'dist', 'preload', 'preload.cjs'),
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          // Middle-click navigation is off (electronegativity AUXCLICK).
          disableBlinkFeatures: 'Auxclick',
        },
      });
      expect(report.permissionRequest).toBe(false);
      expect(report.permissionCheck).toBe(false);
      expect(Object.entries(report.requests as Record<string, boolean>)).toEqual([
        ['https://chatgpt.com/', false],
        [pathToFileURL(path.join(tmp, 'dist', 'renderer', 'assets', 'index.js')).href, true],
      ]);
      expect(report.forked).toMatchObject({ modulePath: path.join(distMain, 'engine-host.cjs') });
      expect((report.channels as string[]).sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());

      // The app page gets answers from the engine; a subframe and a foreign page do not.
      const info = await app.ask({ invoke: 'app:get-info', frameUrl: `${appUrl}#/status-page` });
      expect(info.result).toMatchObject({ host: 'electron', profile: { name: 'Lab service' } });
      expect((await app.ask({ invoke: 'app:get-info', frameUrl: appUrl, subframe: true })).error).toMatch(/not the top frame/);
      expect((await app.ask({ invoke: 'app:get-info', frameUrl: 'https://evil.example/' })).error).toMatch(/is not the app/);
      expect((await app.ask({ invoke: 'diagnose:run', frameUrl: appUrl, input: { timeoutMs: 1 } })).error).toMatch(
        /Invalid input for runDiagnosis: timeoutMs/,
      );

      // A diagnosis runs in the engine process; its progress goes to the window that asked.
      const run = await app.ask({ invoke: 'diagnose:run', frameUrl: appUrl, input: { checks: ['status-page'], timeoutMs: 5_000 } });
      expect(run.result).toMatchObject({ schemaVersion: 1, checks: [{ id: 'status-page', status: 'fail' }] });
      const after = (await app.ask({ report: true })).report!;
      expect(after.sent).toEqual([
        { channel: 'diagnose:progress', type: 'check-started' },
        { channel: 'diagnose:progress', type: 'check-finished' },
      ]);

      // Navigation away from the app is prevented; reloading the app page is not.
      expect((await app.ask({ navigate: 'https://chatgpt.com/' })).result).toEqual({ prevented: true });
      expect((await app.ask({ navigate: appUrl })).result).toEqual({ prevented: false });
      expect(app.stderr()).toContain('[security] blocked a request to https://chatgpt.com/');
    } finally {
      app.child.send({ quit: true });
      await app.exited;
    }
  });

  it('opens only allowed links in the system browser and keeps progress in the data folder, through the engine process', async () => {
    const dataDir = mkdtempSync(path.join(tmp, 'data-'));
    const file = path.join(tmp, 'links.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Lab links',
        targets: [{ id: 'app', url: 'https://chat.lab.example/' }],
        supportUrl: 'https://help.lab.example/',
        referenceResolvers: ['127.0.0.1:9'],
        connectivityCheck: 'http://127.0.0.1:9/generate_204',
      }),
    );
    const app = runMain(['--profile', file], { ...process.env, GATEWAY_DOCTOR_DATA_DIR: dataDir });
    try {
      await ready(app);
      const appUrl = pathToFileURL(path.join(tmp, 'dist', 'renderer', 'index.html')).href;
      const invoke = (channel: string, input?: unknown) => app.ask({ invoke: channel, frameUrl: appUrl, input });

      expect((await invoke(INVOKE_CHANNELS.openExternal, { url: 'https://help.lab.example/article?id=1' })).result).toEqual({
        url: 'https://help.lab.example/article?id=1',
        opened: true,
      });
      for (const url of ['javascript:alert(1)', 'http://help.lab.example/', 'https://evil.example/', 'file:///etc/passwd']) {
        expect((await invoke(INVOKE_CHANNELS.openExternal, { url })).error, url).toBe(EXTERNAL_LINK_REFUSED);
      }
      // A link the page follows goes through the same check (and the app page itself stays put).
      expect((await app.ask({ navigate: 'https://chat.lab.example/c/1' })).result).toEqual({ prevented: true });
      expect((await app.ask({ navigate: 'https://evil.example/phish' })).result).toEqual({ prevented: true });
      let opened: string[] = [];
      for (let i = 0; i < 100 && opened.length < 2; i += 1) {
        opened = (await app.ask({ report: true })).report!.opened as string[];
        if (opened.length < 2) await new Promise((r) => setTimeout(r, 50));
      }
      expect(opened).toEqual(['https://help.lab.example/article?id=1', 'https://chat.lab.example/c/1']);

      // Progress: written in the data folder main gives the engine, read back, removed on "Start over".
      const progress = { service: { id: 'chatgpt' }, steps: [{ step: 'refresh', result: 'fixed', at: '2025-03-01T10:00:00.000Z' }], currentStep: 'refresh', timers: [], lastReport: null };
      const saved = await invoke(INVOKE_CHANNELS.saveProgress, progress);
      expect(saved.result).toMatchObject({ savedAt: expect.any(String) });
      expect(JSON.parse(readFileSync(path.join(dataDir, 'progress.json'), 'utf8'))).toMatchObject({ version: 1, ...progress });
      expect((await invoke(INVOKE_CHANNELS.loadProgress)).result).toMatchObject({ progress: { currentStep: 'refresh' } });
      expect((await invoke(INVOKE_CHANNELS.saveProgress, { ...progress, currentStep: 'reboot' })).error).toMatch(/Invalid input for saveProgress: currentStep/);
      expect((await invoke(INVOKE_CHANNELS.clearProgress)).result).toEqual({ cleared: true });
      expect(existsSync(path.join(dataDir, 'progress.json'))).toBe(false);
    } finally {
      app.child.send({ quit: true });
      await app.exited;
    }
  });

  it("gives the engine process Chromium's proxy decision (session.resolveProxy) for the profile's targets", async () => {
    const site = await startWebServer({ behaviour: { kind: 'status', status: 200 } });
    const proxy = await startProxyServer({ hosts: { 'chat.lab': '127.0.0.1' } });
    // What the engine would use without main's answer: a proxy that refuses (and no lookup of chat.lab anywhere).
    const fallback = await startProxyServer({ mode: 'deny' });
    const target = `http://chat.lab:${site.port}/`;
    const file = path.join(tmp, 'proxied.json');
    writeFileSync(file, JSON.stringify({ name: 'Lab chat', targets: [{ id: 'app', url: target }] }));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/_proxy$|^socks_/i.test(name)));
    const app = runMain(['--profile', file], { ...env, http_proxy: fallback.url, STUB_PROXY_RULES: `PROXY 127.0.0.1:${proxy.port}; DIRECT` });
    try {
      await ready(app);
      const appUrl = pathToFileURL(path.join(tmp, 'dist', 'renderer', 'index.html')).href;
      const run = await app.ask({ invoke: 'diagnose:run', frameUrl: appUrl, input: { checks: ['targets'], timeoutMs: 5_000 } });
      expect(run.result).toMatchObject({
        checks: [{ id: 'targets', status: 'pass', evidence: { targets: [{ proxySetting: { url: proxy.url, decidedBy: 'electron' } }] } }],
      });
      expect(proxy.requests).toEqual([`GET ${target}`]);
      expect(fallback.requests).toEqual([]);
      expect((await app.ask({ report: true })).report!.proxyQuestions).toEqual([target]);
    } finally {
      app.child.send({ quit: true });
      await app.exited;
      await Promise.all([site.close(), proxy.close(), fallback.close()]);
    }
  });

  it.skipIf(notRoot)('on quit, lets a running DNS switch verify (bounded) before the engine is stopped', async () => {
    // As root the engine rewrites a temp resolv.conf without a prompt; it pauses 1 s between apply and verify.
    const work = mkdtempSync(path.join(tmp, 'dns-'));
    const resolvConf = path.join(work, 'resolv.conf');
    writeFileSync(resolvConf, 'nameserver 127.0.0.9\n');
    const dataDir = path.join(work, 'data');
    const journal = path.join(dataDir, 'dns-journal.json');
    const state = (): string | null => (existsSync(journal) ? (JSON.parse(readFileSync(journal, 'utf8')) as { state: string }).state : null);
    const app = runMain(['--profile', labProfile()], {
      ...process.env,
      GATEWAY_DOCTOR_DATA_DIR: dataDir,
      GATEWAY_DOCTOR_DNS_BACKEND: 'resolv-conf',
      GATEWAY_DOCTOR_RESOLV_CONF: resolvConf,
      GATEWAY_DOCTOR_TEST_PAUSE_AFTER_APPLY: '1000',
    });
    try {
      await ready(app);
      const appUrl = pathToFileURL(path.join(tmp, 'dist', 'renderer', 'index.html')).href;
      app.child.send({ invoke: 'dns:switch', frameUrl: appUrl, input: { servers: ['127.0.0.2'] } });
      for (let i = 0; state() !== 'applied'; i += 1) {
        if (i > 200) throw new Error(`the switch did not start:\n${app.stderr()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      app.child.send({ quit: true }); // the change is applied, not yet verified
      expect(await app.exited).toBe(0);
      expect(state()).toBe('verified');
      expect(readFileSync(resolvConf, 'utf8')).toContain('nameserver 127.0.0.2\n');
    } finally {
      if (app.child.exitCode === null) app.child.kill();
    }
  });

  it('switches the service (window title, proxy questions), forwards the watch to the window and notifies when it works', async () => {
    const world = await startHealingWorld({ healAfterMs: 2_500, name: 'Healing lab' });
    const file = path.join(tmp, 'healing.json');
    writeFileSync(file, JSON.stringify(world.profile));
    const app = runMain(['--profile', labProfile()], { ...process.env, NODE_EXTRA_CA_CERTS: path.join(root, 'e2e/lab/certs/ca.pem') });
    try {
      await ready(app);
      const appUrl = pathToFileURL(path.join(tmp, 'dist', 'renderer', 'index.html')).href;
      const invoke = (channel: string, input?: unknown) => app.ask({ invoke: channel, frameUrl: appUrl, input });

      const services = (await invoke('services:list')).result as { id: string }[];
      expect(services.map((s) => s.id)).toContain('claude');
      const claude = await invoke('services:select', { service: 'claude' });
      expect(claude.result).toMatchObject({ serviceId: 'claude', profile: { name: 'Claude' } });
      expect((await invoke('services:select', { url: 'file:///etc/passwd' })).error).toMatch(/Invalid input for selectService: url/);
      // A typed address becomes the service (an IP literal: no status page is probed).
      const typed = await invoke('services:select', { url: `${world.profile.targets[0]!.url}some/page` });
      expect(typed.result).toMatchObject({ profile: { name: new URL(world.profile.targets[0]!.url).host } });
      expect((await app.ask({ report: true })).report!.titles).toEqual(['Gateway Doctor — Claude', `Gateway Doctor — ${new URL(world.profile.targets[0]!.url).host}`]);

      const started = await invoke('watch:start', { firstCheckMs: 1_000 });
      expect(started.result).toMatchObject({ state: 'waiting', checks: 0 });
      // Never two at once: a second start answers the running one.
      expect((await invoke('watch:start', { firstCheckMs: 1_000 })).result).toMatchObject({ startedAt: (started.result as { startedAt: string }).startedAt });
      let report = (await app.ask({ report: true })).report!;
      for (let i = 0; (report.notifications as unknown[]).length === 0; i += 1) {
        if (i > 300) throw new Error(`no notification:\n${JSON.stringify(report.sent)}\n${app.stderr()}`);
        await new Promise((r) => setTimeout(r, 50));
        report = (await app.ask({ report: true })).report!;
      }
      const host = new URL(world.profile.targets[0]!.url).host;
      expect(report.notifications).toEqual([{ title: `${host} works again`, body: `${host} answers normally.` }]);
      const watchEvents = (report.sent as { channel: string; type: string }[]).filter((e) => e.channel === 'watch:state').map((e) => e.type);
      expect(watchEvents[0]).toBe('waiting');
      expect(watchEvents).toContain('checking');
      expect(watchEvents.at(-1)).toBe('working');
      expect((await invoke('watch:get')).result).toMatchObject({ state: 'working', lastCheck: { works: true } });
    } finally {
      app.child.send({ quit: true });
      await app.exited;
      await world.close();
    }
  });

  it('refuses a bad profile with one error dialog and exit code 2', async () => {
    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', targets: [{ id: 'a', url: 'http://127.0.0.1:9/' }], colour: 'blue' }));
    const app = runMain(['--profile', bad]);
    const message = await new Promise<{ report: Record<string, unknown> }>((resolve) => app.child.once('message', resolve as never));
    expect(message.report.exitCode).toBe(2);
    expect(message.report.errorBox).toEqual({
      title: 'Gateway Doctor cannot start',
      message: `The profile cannot be used: ${bad}: (top level): unknown key "colour"`,
    });
    expect(message.report.forked).toBeNull(); // nothing started
    app.child.kill();
    await app.exited;
  });
});
