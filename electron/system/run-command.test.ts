import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError, powershellArgv, runCommand, windowsSystem32Path, windowsSystemRoot } from './run-command.js';

const node = process.execPath;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls a condition for up to 3 s (a killed child is reaped, a signal handler runs, a moment later). */
async function eventually(condition: () => boolean): Promise<boolean> {
  for (let waited = 0; waited < 3_000; waited += 50) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

describe('runCommand', () => {
  it('runs an argv array without a shell: metacharacters stay plain text', async () => {
    const tricky = '$(echo pwned); `id` | cat > /tmp/x && echo "quoted"';
    const result = await runCommand([node, '-e', 'process.stdout.write(process.argv[1])', tricky], { timeoutMs: 10_000 });
    expect(result.stdout).toBe(tricky);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('asks for unlocalized output on Unix', async () => {
    const result = await runCommand([node, '-e', 'process.stdout.write(process.env.LC_ALL ?? "")'], { timeoutMs: 10_000 });
    expect(result.stdout).toBe(process.platform === 'win32' ? '' : 'C');
  });

  it('returns what the program printed', async () => {
    expect((await runCommand([node, '-e', 'process.stdout.write("ok")'], { timeoutMs: 5_000 })).stdout).toBe('ok');
  });

  it('reports a missing program as ENOENT', async () => {
    await expect(runCommand(['gateway-doctor-no-such-program'], { timeoutMs: 5_000 })).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a non-zero exit with its status and stderr', async () => {
    const error = (await runCommand([node, '-e', 'console.error("RTNETLINK answers: Network is unreachable"); process.exit(2)'], { timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    )) as CommandError;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.code).toBe('EEXIT');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('Network is unreachable');
  });

  it('kills a command that outlives its timeout', async () => {
    const started = Date.now();
    await expect(runCommand([node, '-e', 'setTimeout(() => {}, 30000)'], { timeoutMs: 300 })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('sends SIGTERM on timeout by default, so a tool can stop cleanly', async () => {
    const marker = path.join(mkdtempSync(path.join(tmpdir(), 'gd-run-')), 'terminated');
    const child = 'process.on("SIGTERM", () => { require("fs").writeFileSync(process.argv[1], "cleaned up"); process.exit(3); }); setTimeout(() => {}, 30000)';
    await expect(runCommand([node, '-e', child, marker], { timeoutMs: 1_500 })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(await eventually(() => existsSync(marker))).toBe(true);
    expect(readFileSync(marker, 'utf8')).toBe('cleaned up');
  });

  it('with killSignal SIGKILL, ends a tool that ignores SIGTERM', async () => {
    const child = 'process.on("SIGTERM", () => {}); process.stderr.write(String(process.pid)); setTimeout(() => {}, 30000)';
    const error = (await runCommand([node, '-e', child], { timeoutMs: 1_500, killSignal: 'SIGKILL' }).catch((e: unknown) => e)) as CommandError;
    expect(error.code).toBe('ETIMEDOUT');
    const pid = Number(error.stderr);
    expect(pid).toBeGreaterThan(0);
    try {
      expect(await eventually(() => !alive(pid))).toBe(true);
    } finally {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('stops when the sweep is aborted, and does not start after', async () => {
    const controller = new AbortController();
    const pending = runCommand([node, '-e', 'setTimeout(() => {}, 30000)'], { timeoutMs: 20_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'ECANCELLED' });
    await expect(runCommand([node, '-e', '1'], { timeoutMs: 1000, signal: controller.signal })).rejects.toMatchObject({ code: 'ECANCELLED' });
  });

  it('builds a PowerShell argv that forces UTF-8 output, PowerShell named by its full path', () => {
    const argv = powershellArgv('Get-NetRoute | ConvertTo-Json', {});
    expect(argv.slice(0, 4)).toEqual(['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-NoProfile', '-NonInteractive', '-Command']);
    expect(argv[4]).toMatch(/^\[Console\]::OutputEncoding = \[System\.Text\.Encoding\]::UTF8; Get-NetRoute/);
    expect(powershellArgv('x', { SystemRoot: 'E:\\WINNT' })[0]).toBe('E:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('takes %SystemRoot% only when it is an absolute drive path', () => {
    expect(windowsSystemRoot({ SystemRoot: 'C:\\WINDOWS' })).toBe('C:\\WINDOWS');
    expect(windowsSystemRoot({ SYSTEMROOT: 'D:\\Windows\\' })).toBe('D:\\Windows');
    for (const value of ['Windows', '.\\Windows', '\\\\evil\\share\\Windows', 'C:Windows', 'C:\\Windows\\..\\Users\\me', 'C:/Windows', 'C:\\Win\ndows', '']) {
      expect(windowsSystemRoot({ SystemRoot: value })).toBe('C:\\Windows');
    }
    expect(windowsSystemRoot({})).toBe('C:\\Windows');
    expect(windowsSystem32Path('ipconfig.exe', { SystemRoot: 'C:\\WINDOWS' })).toBe('C:\\WINDOWS\\System32\\ipconfig.exe');
    expect(() => windowsSystem32Path('..\\evil.exe', {})).toThrow(/not a System32 program name/);
  });
});

describe('runCommand with input', () => {
  it('writes the bytes to stdin and closes it', async () => {
    const bytes = Buffer.from('nameserver 127.0.0.2\n\u00e9\u0000end', 'utf8');
    const result = await runCommand([node, '-e', 'process.stdin.on("data", (c) => process.stdout.write(c.toString("hex")))'], { timeoutMs: 10_000, input: bytes });
    expect(result.stdout).toBe(bytes.toString('hex'));
  });

  it('does not fail on its own when the tool exits without reading stdin (a dismissed prompt)', async () => {
    const big = Buffer.alloc(1024 * 1024, 'x');
    await expect(runCommand([node, '-e', 'process.exit(126)'], { timeoutMs: 10_000, input: big })).rejects.toMatchObject({ code: 'EEXIT', exitCode: 126 });
  });
});
