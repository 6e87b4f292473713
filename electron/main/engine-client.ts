// The main process's side of engine-protocol: starts the engine process, routes calls to it and their
// progress events back, and survives its death. Plain Node (the process is given as a factory), so tests run
// it against a real child process; main.ts passes one that wraps Electron's utilityProcess.fork.
import {
  invokeChannels,
  type EventMethod,
  type EventPayload,
  type InvokeMethod,
  type InvokeOutput,
} from '../common/contract.js';
import type { Profile } from '../common/spec.js';
import { describeIssues, parseEventPayload, parseHostMessage, type ClientMessage } from './engine-protocol.js';

/** A running engine process, as the client needs it (Electron's UtilityProcess or a Node child, adapted). */
export interface EngineProcess {
  send(message: ClientMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type EngineEventListener = <E extends EventMethod>(method: E, payload: EventPayload<E>) => void;

export interface CallOptions {
  onEvent?: EngineEventListener;
  /** Give up (and restart the engine) when no answer comes within this time. */
  timeoutMs?: number;
}

export interface EngineClient {
  /** Starts the engine process now rather than on the first call. */
  start(): void;
  call<M extends InvokeMethod>(method: M, input: unknown, options?: CallOptions): Promise<InvokeOutput<M>>;
  /** Stops the engine process and fails what is pending; later calls are refused. */
  dispose(): void;
}

export interface EngineClientOptions {
  spawn: () => EngineProcess;
  profile: Profile;
  /** Used when a call gives no timeoutMs. */
  defaultTimeoutMs?: number;
  log?: (line: string) => void;
}

interface Pending {
  method: InvokeMethod;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onEvent: EngineEventListener | undefined;
  timer: NodeJS.Timeout;
}

interface Running {
  process: EngineProcess;
  pending: Map<number, Pending>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createEngineClient(options: EngineClientOptions): EngineClient {
  const log = options.log ?? ((line: string) => console.warn(`[engine-client] ${line}`));
  let current: Running | null = null;
  let nextId = 1;
  let disposed = false;

  /** Forgets a process (it died, hung or is being stopped) and fails its calls with `reason`. */
  const retire = (running: Running, reason: (method: InvokeMethod) => string): void => {
    if (current === running) current = null;
    for (const [id, pending] of running.pending) {
      running.pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(new Error(reason(pending.method)));
    }
  };

  const launch = (): Running => {
    const running: Running = { process: options.spawn(), pending: new Map() };
    running.process.onMessage((raw) => handleMessage(running, raw));
    running.process.onExit((code) => {
      if (disposed || current !== running) return;
      log(`the engine process exited (code ${code ?? 'none'}); it will be restarted on the next request`);
      retire(
        running,
        (method) =>
          `The diagnostics engine stopped unexpectedly (exit code ${code ?? 'none'}) while answering "${method}". ` +
          'It is restarted automatically: please try again.',
      );
    });
    running.process.send({ init: { profile: options.profile } });
    return running;
  };

  const handleMessage = (running: Running, raw: unknown): void => {
    const message = parseHostMessage(raw);
    if (message.kind === 'invalid') {
      log(`dropped a malformed message from the engine: ${message.message}`);
      return;
    }
    const pending = running.pending.get(message.id);
    if (!pending) return; // a call that already timed out or failed
    if (message.kind === 'event') {
      const payload = parseEventPayload(message.method, message.payload);
      if (payload === null) log(`dropped an invalid ${message.method} event from the engine`);
      else pending.onEvent?.(message.method, payload);
      return;
    }
    running.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.kind === 'error') {
      pending.reject(new Error(message.message));
      return;
    }
    const output = invokeChannels[pending.method].output.safeParse(message.result);
    if (output.success) pending.resolve(output.data);
    else pending.reject(new Error(`The diagnostics engine gave an invalid answer to "${pending.method}": ${describeIssues(output.error)}`));
  };

  const ensureRunning = (): Running => {
    current ??= launch();
    return current;
  };

  return {
    start: () => {
      if (!disposed) ensureRunning();
    },

    call: <M extends InvokeMethod>(method: M, input: unknown, callOptions: CallOptions = {}) =>
      new Promise<InvokeOutput<M>>((resolve, reject) => {
        if (disposed) {
          reject(new Error('The diagnostics engine has been shut down.'));
          return;
        }
        let running: Running;
        try {
          running = ensureRunning();
        } catch (error) {
          reject(new Error(`The diagnostics engine could not be started: ${(error as Error).message}`));
          return;
        }
        const id = nextId++;
        const timeoutMs = callOptions.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
        const timer = setTimeout(() => {
          // A hung engine would hang every later call too: stop it, the next call starts a fresh one.
          log(`no answer to "${method}" within ${timeoutMs} ms: restarting the engine`);
          retire(running, (m) =>
            m === method
              ? `The diagnostics engine did not answer "${method}" within ${Math.round(timeoutMs / 1000)} s and was restarted. Please try again.`
              : `The diagnostics engine was restarted while answering "${m}". Please try again.`,
          );
          running.process.kill();
        }, timeoutMs);
        running.pending.set(id, {
          method,
          resolve: resolve as (value: unknown) => void,
          reject,
          onEvent: callOptions.onEvent,
          timer,
        });
        try {
          running.process.send({ id, method, input });
        } catch (error) {
          running.pending.delete(id);
          clearTimeout(timer);
          reject(new Error(`The diagnostics engine could not be reached: ${(error as Error).message}`));
        }
      }),

    dispose: () => {
      if (disposed) return;
      disposed = true;
      const running = current;
      if (running) {
        retire(running, () => 'The diagnostics engine has been shut down.');
        running.process.kill();
      }
    },
  };
}
