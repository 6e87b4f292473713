import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CommandError, type RunOptions } from '../run-command.js';
import { setSystemProxyResolver, hasSystemProxyResolver, resolveWithBrowser } from './resolver-hook.js';
import { decideForUrl, decideForUrlInSweep, describeProxyReading, readProxySettings, readProxySettingsForSweep } from './system-proxy.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** A runner that answers one command from a fixture and records what it was asked. */
function fakeRunner(answers: Record<string, string | Error>) {
  const calls: string[][] = [];
  const run = async (argv: readonly string[], _options: RunOptions) => {
    calls.push([...argv]);
    const answer = answers[argv[0]!];
    if (answer === undefined) throw new CommandError(`${argv[0]}: not found`, 'ENOENT', argv);
    if (answer instanceof Error) throw answer;
    return { stdout: answer, stderr: '', durationMs: 3 };
  };
  return { run, calls };
}

describe('readProxySettings', () => {
  it('prefers the environment over the OS setting, and reads the OS setting for evidence', async () => {
    const { run, calls } = fakeRunner({ 'reg.exe': fixture('reg-internet-settings-manual.txt') });
    const reading = await readProxySettings({ platform: 'win32', env: { HTTPS_PROXY: 'http://u:pw@envproxy:3128' }, run, timeoutMs: 1000 });
    expect(calls).toEqual([['reg.exe', 'query', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings']]);
    expect(reading.effective?.source).toBe('env');
    expect(reading.sources.map((s) => [s.source, s.config?.mode])).toEqual([
      ['env', 'manual'],
      ['registry', 'manual'],
    ]);
    const evidence = JSON.stringify(describeProxyReading(reading));
    expect(evidence).not.toContain('pw');
    expect(evidence).toContain('HTTPS_PROXY');
  });

  it('uses the OS setting when the environment sets nothing (macOS)', async () => {
    const { run } = fakeRunner({ scutil: fixture('scutil-proxy-manual.txt') });
    const reading = await readProxySettings({ platform: 'darwin', env: {}, run, timeoutMs: 1000 });
    expect(reading.effective?.source).toBe('scutil');
    const decision = await decideForUrl(reading, 'https://chatgpt.com/', { timeoutMs: 100, resolver: null });
    expect(decision).toMatchObject({ kind: 'proxy', decidedBy: 'scutil', server: { host: 'secure-proxy.corp.example' } });
  });

  it('reads gsettings only on GNOME-family desktops, as Chromium does', async () => {
    const gnome = fakeRunner({ gsettings: fixture('gsettings-manual.txt') });
    const onGnome = await readProxySettings({ platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, run: gnome.run, timeoutMs: 1000 });
    expect(onGnome.effective?.source).toBe('gsettings');
    const kde = fakeRunner({ gsettings: fixture('gsettings-manual.txt') });
    const onKde = await readProxySettings({ platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'KDE' }, run: kde.run, timeoutMs: 1000 });
    expect(kde.calls).toEqual([]);
    expect(onKde.effective).toBeNull();
  });

  it('records an OS command that fails, and goes direct', async () => {
    const { run } = fakeRunner({ scutil: new CommandError('scutil: no answer within 1000 ms', 'ETIMEDOUT', ['scutil']) });
    const reading = await readProxySettings({ platform: 'darwin', env: {}, run, timeoutMs: 1000 });
    expect(reading.effective).toBeNull();
    expect(reading.sources[1]).toMatchObject({ source: 'scutil', config: null, error: 'scutil: no answer within 1000 ms' });
    expect(await decideForUrl(reading, 'https://chatgpt.com/', { timeoutMs: 100, resolver: null })).toMatchObject({ kind: 'direct' });
  });

  it('reads once per sweep', async () => {
    const sweep = new AbortController().signal;
    const env = { https_proxy: 'http://p:1' };
    const a = readProxySettingsForSweep(sweep, { platform: 'linux', env, timeoutMs: 100 });
    const b = readProxySettingsForSweep(sweep, { platform: 'linux', env: {}, timeoutMs: 100 });
    expect(a).toBe(b);
    expect((await b).effective?.source).toBe('env');
    expect(readProxySettingsForSweep(new AbortController().signal, { platform: 'linux', env: {}, timeoutMs: 100 })).not.toBe(a);
  });
});

describe("the browser's resolver (Electron hook)", () => {
  it('decides when installed, and is bounded by a timeout', async () => {
    const reading = await readProxySettings({ platform: 'linux', env: {}, timeoutMs: 100 });
    const resolver = async (url: string) => (url.includes('chatgpt') ? 'PROXY pac-proxy.corp:8080; DIRECT' : 'DIRECT');
    expect(await decideForUrl(reading, 'https://chatgpt.com/', { timeoutMs: 100, resolver })).toMatchObject({
      kind: 'proxy',
      decidedBy: 'electron',
      server: { host: 'pac-proxy.corp', port: 8080 },
    });
    expect(await decideForUrl(reading, 'https://other.example/', { timeoutMs: 100, resolver })).toMatchObject({ kind: 'direct', decidedBy: 'electron' });
    const silent = () => new Promise<string>(() => {});
    const started = Date.now();
    expect(await resolveWithBrowser('https://x/', 50, silent)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('is installed and removed by the host', async () => {
    expect(hasSystemProxyResolver()).toBe(false);
    setSystemProxyResolver(async () => 'HTTPS secure:443');
    try {
      expect(hasSystemProxyResolver()).toBe(true);
      expect(await resolveWithBrowser('https://x/', 100)).toMatchObject({ raw: 'HTTPS secure:443' });
    } finally {
      setSystemProxyResolver(null);
    }
    expect(await resolveWithBrowser('https://x/', 100)).toBeNull();
  });
});

describe('decideForUrlInSweep', () => {
  it("asks the browser's resolver once per sweep and URL", async () => {
    const asked: string[] = [];
    const resolver = async (url: string) => {
      asked.push(url);
      return 'PROXY 127.0.0.1:3128';
    };
    const reading = await readProxySettings({ platform: 'linux', env: {}, timeoutMs: 1000 });
    const sweep = new AbortController().signal;
    const options = { timeoutMs: 1000, resolver };
    const [a, b] = await Promise.all([
      decideForUrlInSweep(sweep, reading, 'https://chat.lab/', options),
      decideForUrlInSweep(sweep, reading, 'https://chat.lab/', options),
    ]);
    expect(b).toBe(a);
    expect(a).toMatchObject({ kind: 'proxy', decidedBy: 'electron', server: { host: '127.0.0.1', port: 3128 } });
    expect(asked).toEqual(['https://chat.lab/']);
    await decideForUrlInSweep(sweep, reading, 'https://auth.lab/', options); // another URL: asked
    await decideForUrlInSweep(new AbortController().signal, reading, 'https://chat.lab/', options); // another sweep: asked
    expect(asked).toEqual(['https://chat.lab/', 'https://auth.lab/', 'https://chat.lab/']);
  });

  it('does not hand a caller with another reading or resolver the cached answer', async () => {
    const sweep = new AbortController().signal;
    const direct = await readProxySettings({ platform: 'linux', env: {}, timeoutMs: 1000 });
    const proxied = await readProxySettings({ platform: 'linux', env: { https_proxy: 'http://127.0.0.1:3128' }, timeoutMs: 1000 });
    const url = 'https://chat.lab/';
    expect(await decideForUrlInSweep(sweep, direct, url, { timeoutMs: 1000, resolver: null })).toMatchObject({ kind: 'direct' });
    expect(await decideForUrlInSweep(sweep, proxied, url, { timeoutMs: 1000, resolver: null })).toMatchObject({ kind: 'proxy', decidedBy: 'env' });
    expect(await decideForUrlInSweep(sweep, direct, url, { timeoutMs: 1000, resolver: async () => 'PROXY 127.0.0.1:8080' })).toMatchObject({
      kind: 'proxy',
      decidedBy: 'electron',
    });
  });
});
