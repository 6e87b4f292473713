// Runs a worker-thread script that posts one answer, under a time limit: past it (or when the signal aborts) the
// worker is terminated and the caller gets an error at once. The worker has its own event loop, so whatever it
// blocks on (systeminformation's execSync) never delays the caller's timers and sockets.
import { Worker } from 'node:worker_threads';

export class WorkerTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the worker did not answer within ${timeoutMs} ms`);
    this.name = 'WorkerTimeoutError';
  }
}

export interface RunWorkerOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  workerData?: unknown;
}

/** The worker's first message. The worker is terminated once it has answered, failed, timed out or been cancelled. */
export function runWorker(file: string | URL, options: RunWorkerOptions): Promise<unknown> {
  const { timeoutMs, signal } = options;
  return new Promise<unknown>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('the worker was cancelled before it started'));
      return;
    }
    let worker: Worker;
    try {
      // The worker's stdout is read and dropped: the CLI's stdout carries the JSON report.
      worker = new Worker(file, { workerData: options.workerData, stdout: true });
    } catch (error) {
      reject(error as Error);
      return;
    }
    worker.stdout.resume();
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // Not awaited: a worker stuck in a synchronous system call ends only when the call returns, and the caller
      // must not wait for that. unref: such a worker does not keep the process alive either.
      worker.unref();
      worker.terminate().catch(() => undefined);
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new WorkerTimeoutError(timeoutMs))), Math.max(0, timeoutMs));
    const onAbort = (): void => finish(() => reject(new Error('the worker was cancelled')));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message: unknown) => finish(() => resolve(message)));
    // Kept for the worker's whole life: an 'error' event without a listener would throw in the caller.
    worker.on('error', (error: Error) => finish(() => reject(error)));
    worker.once('exit', (code: number) => finish(() => reject(new Error(`the worker exited (code ${code}) without answering`))));
  });
}
