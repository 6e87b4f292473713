import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchDetached } from './launcher.js';

const isWindows = process.platform === 'win32';
const started: number[] = [];

afterEach(() => {
  // Only the fake browsers this file started, by their own pid.
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/** A fake browser: a shell script that records its arguments (one per line, NUL-safe via printf) and its pid. */
function fakeBrowser(body: string): { dir: string; program: string; log: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gd-fake-browser-'));
  const program = path.join(dir, 'firefox');
  const log = path.join(dir, 'argv.log');
  writeFileSync(
    program,
    `#!/bin/sh\n: > "${log}"\nfor arg in "$@"; do printf '%s\\0' "$arg" >> "${log}"; done\necho "pid=$$ electron_run_as_node=\${ELECTRON_RUN_AS_NODE:-unset}" > "${log}.info"\necho "noise on stdout"\n${body}\n`,
  );
  chmodSync(program, 0o755);
  return { dir, program, log };
}

const recordedArgv = (log: string): string[] => readFileSync(log, 'utf8').split('\0').slice(0, -1);

async function waitFor<T>(read: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(isWindows)('launchDetached (a fake browser executable)', () => {
  it('passes the exact argv, with no shell in between, and succeeds when the browser hands off and exits 0', async () => {
    const fake = fakeBrowser('exit 0');
    const tricky = ['-private-window', 'https://chat.lab/?q=a b&x=$(touch pwned)', '; touch pwned2', '`id`', "it's"];
    const outcome = await launchDetached([fake.program, ...tricky], { name: 'Firefox', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    expect(outcome).toEqual({ ok: true });
    expect(recordedArgv(fake.log)).toEqual(tricky);
    expect(existsSync(path.join(process.cwd(), 'pwned'))).toBe(false);
    expect(existsSync(path.join(fake.dir, 'pwned2'))).toBe(false);
    // Electron's "behave as Node" switch never reaches a browser.
    expect(readFileSync(`${fake.log}.info`, 'utf8')).toContain('electron_run_as_node=unset');
  });

  it('succeeds once a browser that keeps running has survived the watch, and leaves it running detached', async () => {
    const fake = fakeBrowser('exec sleep 30');
    const before = Date.now();
    const outcome = await launchDetached([fake.program, 'https://chat.lab/'], { name: 'Firefox', watchMs: 300 });
    expect(outcome).toEqual({ ok: true });
    expect(Date.now() - before).toBeGreaterThanOrEqual(250);
    const info = await waitFor(() => (existsSync(`${fake.log}.info`) ? readFileSync(`${fake.log}.info`, 'utf8') : undefined));
    const pid = Number(/pid=(\d+)/.exec(info)![1]);
    started.push(pid);
    expect(() => process.kill(pid, 0)).not.toThrow(); // still running after launchDetached returned
    expect(recordedArgv(fake.log)).toEqual(['https://chat.lab/']);
  });

  it('reports a browser that closes at once with an error in one plain sentence, the status kept for support', async () => {
    const fake = fakeBrowser('exit 3');
    expect(await launchDetached([fake.program, 'https://chat.lab/'], { name: 'Firefox' })).toEqual({
      ok: false,
      message: 'Firefox closed as soon as it started, so nothing was opened. Open Firefox yourself and try again.',
      detail: 'exit status 3',
    });
  });

  it('reports a program that is gone (ENOENT)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gd-fake-browser-'));
    expect(await launchDetached([path.join(dir, 'no-such-browser'), 'https://chat.lab/'], { name: 'Brave' })).toEqual({
      ok: false,
      message: 'Brave could not be started: its program is no longer where it was found (it may have been moved or uninstalled).',
      detail: 'ENOENT',
    });
  });

  it('reports a program that may not be run (EACCES)', async () => {
    const fake = fakeBrowser('exit 0');
    chmodSync(fake.program, 0o644);
    expect(await launchDetached([fake.program, 'https://chat.lab/'], { name: 'Opera' })).toEqual({
      ok: false,
      message: 'Opera could not be started: this user account is not allowed to run its program.',
      detail: 'EACCES',
    });
    expect(existsSync(fake.log)).toBe(false);
  });
});
