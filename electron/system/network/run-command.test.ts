import { describe, expect, it } from 'vitest';
import { CommandError, powershellArgv, runCommand } from './run-command.js';

const node = process.execPath;

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

  it('stops when the sweep is aborted, and does not start after', async () => {
    const controller = new AbortController();
    const pending = runCommand([node, '-e', 'setTimeout(() => {}, 30000)'], { timeoutMs: 20_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'ECANCELLED' });
    await expect(runCommand([node, '-e', '1'], { timeoutMs: 1000, signal: controller.signal })).rejects.toMatchObject({ code: 'ECANCELLED' });
  });

  it('builds a PowerShell argv that forces UTF-8 output', () => {
    const argv = powershellArgv('Get-NetRoute | ConvertTo-Json');
    expect(argv.slice(0, 4)).toEqual(['powershell.exe', '-NoProfile', '-NonInteractive', '-Command']);
    expect(argv[4]).toMatch(/^\[Console\]::OutputEncoding = \[System\.Text\.Encoding\]::UTF8; Get-NetRoute/);
  });
});
