import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWorker, WorkerTimeoutError } from './run-worker.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gd-run-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real worker script in a temp dir. */
function script(name: string, code: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `const { parentPort, workerData } = require('node:worker_threads');\n${code}\n`);
  return file;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads a heartbeat file twice, `ms` apart: whether the worker that writes it is still running. */
async function stillBeating(file: string, ms: number): Promise<boolean> {
  const before = readFileSync(file, 'utf8');
  await sleep(ms);
  return readFileSync(file, 'utf8') !== before;
}

describe('runWorker', () => {
  it("resolves with the worker's first message", async () => {
    const file = script('echo.cjs', "parentPort.postMessage({ echoed: workerData, thread: require('node:worker_threads').isMainThread });");
    await expect(runWorker(file, { timeoutMs: 5_000, workerData: { n: 7 } })).resolves.toEqual({ echoed: { n: 7 }, thread: false });
  });

  it('rejects with the error a worker throws, and when it exits without answering', async () => {
    await expect(runWorker(script('throws.cjs', "throw new Error('no adapters here');"), { timeoutMs: 5_000 })).rejects.toThrow('no adapters here');
    await expect(runWorker(script('silent.cjs', 'process.exit(3);'), { timeoutMs: 5_000 })).rejects.toThrow('the worker exited (code 3) without answering');
  });

  it('terminates a worker that hangs at the time limit (waiting on timers)', async () => {
    const beat = path.join(dir, 'beat-timer');
    writeFileSync(beat, '');
    const file = script('hangs.cjs', `const fs = require('node:fs'); let n = 0; setInterval(() => fs.writeFileSync(${JSON.stringify(beat)}, String(++n)), 10);`);
    const started = performance.now();
    const outcome = await runWorker(file, { timeoutMs: 300 }).catch((error: unknown) => error);
    const elapsed = performance.now() - started;
    expect(outcome).toBeInstanceOf(WorkerTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
    await sleep(100); // terminate() is asynchronous
    expect(await stillBeating(beat, 200)).toBe(false);
  });

  it('terminates a worker stuck in a busy loop at the time limit, while our own timers keep running', async () => {
    const beat = path.join(dir, 'beat-busy');
    writeFileSync(beat, '');
    const file = script(
      'spins.cjs',
      `const fs = require('node:fs'); let n = 0, last = 0; for (;;) { if (Date.now() - last >= 10) { last = Date.now(); fs.writeFileSync(${JSON.stringify(beat)}, String(++n)); } }`,
    );
    let ticks = 0;
    const interval = setInterval(() => (ticks += 1), 10);
    const outcome = await runWorker(file, { timeoutMs: 300 }).catch((error: unknown) => error);
    clearInterval(interval);
    expect(outcome).toBeInstanceOf(WorkerTimeoutError);
    expect(ticks).toBeGreaterThan(10);
    await sleep(100);
    expect(await stillBeating(beat, 200)).toBe(false);
  });

  it('terminates the worker when the signal aborts, and does not start one for an aborted signal', async () => {
    const beat = path.join(dir, 'beat-abort');
    writeFileSync(beat, '');
    const file = script('abort.cjs', `const fs = require('node:fs'); let n = 0; setInterval(() => fs.writeFileSync(${JSON.stringify(beat)}, String(++n)), 10);`);
    const controller = new AbortController();
    const pending = runWorker(file, { timeoutMs: 10_000, signal: controller.signal });
    // A worker's start-up takes longer on a busy machine: wait for its first beat, not a fixed time.
    for (let waited = 0; readFileSync(beat, 'utf8') === '' && waited < 5_000; waited += 20) await sleep(20);
    expect(await stillBeating(beat, 100)).toBe(true);
    const started = performance.now();
    controller.abort();
    await expect(pending).rejects.toThrow('the worker was cancelled');
    expect(performance.now() - started).toBeLessThan(100);
    await sleep(100);
    expect(await stillBeating(beat, 200)).toBe(false);
    await expect(runWorker(file, { timeoutMs: 1_000, signal: controller.signal })).rejects.toThrow('cancelled before it started');
  });

  it("keeps the worker's stdout out of ours (the CLI's stdout is the JSON report)", async () => {
    const file = script('prints.cjs', "console.log('noise from the worker'); setTimeout(() => parentPort.postMessage('done'), 50);");
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return original(chunk, ...rest);
    }) as typeof process.stdout.write;
    try {
      await expect(runWorker(file, { timeoutMs: 5_000 })).resolves.toBe('done');
      await sleep(50);
    } finally {
      process.stdout.write = original;
    }
    expect(written.join('')).not.toContain('noise from the worker');
  });
});
