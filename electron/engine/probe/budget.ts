// One probe's time budget: its own timeout and the sweep's abort signal merged into one signal every layer obeys.
export class LayerError extends Error {
  constructor(
    /** Node/OpenSSL code (ECONNREFUSED, ECONNRESET…) or EABORTED when the budget ran out. */
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'LayerError';
  }
}

/** The code of any error a layer may throw. */
export function errorCode(error: unknown): string {
  if (error instanceof LayerError) return error.code;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'EUNKNOWN';
}

export class ProbeBudget {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly endsAt: number;
  private readonly timer: NodeJS.Timeout;
  private readonly onOuterAbort = (): void => this.controller.abort();

  constructor(
    timeoutMs: number,
    private readonly outer?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.endsAt = performance.now() + Math.max(0, timeoutMs);
    this.timer = setTimeout(() => this.controller.abort(), Math.max(0, timeoutMs));
    if (outer?.aborted) this.controller.abort();
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  /**
   * A signal for one layer: aborted when the budget runs out, or after `capMs` (the layer's own cap). Its timer is
   * ours, held strongly: a signal from AbortSignal.timeout() inside AbortSignal.any() may be garbage-collected before
   * it fires (Node 20), and the layer would then wait for the whole budget.
   */
  layer(capMs: number): { signal: AbortSignal; dispose: () => void } {
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    const timer = setTimeout(abort, Math.max(1, Math.round(capMs)));
    if (this.signal.aborted) abort();
    else this.signal.addEventListener('abort', abort, { once: true });
    return {
      signal: controller.signal,
      dispose: () => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', abort);
      },
    };
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - performance.now());
  }

  /** Why the budget ran out: the caller cancelled (the sweep's deadline) or the probe's own timeout passed. */
  exhaustedCode(): 'ECANCELLED' | 'ETIMEDOUT' {
    return this.outer?.aborted ? 'ECANCELLED' : 'ETIMEDOUT';
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }
}
