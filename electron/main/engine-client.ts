// The main process's side of engine-protocol: starts the engine process, routes calls to it and their
// progress events back, answers its proxy questions from the browser's session, and survives its death. Plain
// Node (the process and the session's resolver are given), so tests run it against a real child process;
// main.ts passes a process that wraps Electron's utilityProcess.fork and session.defaultSession.resolveProxy.
import {
  invokeChannels,
  type EventMethod,
  type EventPayload,
  type InvokeMethod,
  type InvokeOutput,
} from '../common/contract.js';
import type { Profile } from '../common/spec.js';
import {
  describeIssues,
  PacRulesSchema,
  parseEventPayload,
  parseHostMessage,
  proxyQueryTarget,
  type ClientMessage,
} from './engine-protocol.js';

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
  /** Chromium's proxy decision for a URL ("DIRECT", "PROXY host:port; DIRECT"): session.resolveProxy in main.
   * When given, the engine asks it about the profile's targets (and only those) before its own reading. */
  resolveProxy?: (url: string) => Promise<string>;
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
    running.process.send({ init: { profile: options.profile, ...(options.resolveProxy ? { resolvesProxies: true } : {}) } });
    return running;
  };

  /** Answers the engine's resolve-proxy, for a target of the profile only; the engine falls back on an error. */
  const answerProxyQuestion = (running: Running, id: number, url: string): void => {
    const reply = (answer: { rules: string } | { error: string }): void => {
      if (current !== running) return; // that engine is gone
      try {
        running.process.send({ type: 'proxy-resolved', id, ...answer });
      } catch (error) {
        log(`could not answer the engine's proxy question: ${(error as Error).message}`);
      }
    };
    const target = proxyQueryTarget(url, options.profile);
    const resolveProxy = options.resolveProxy;
    if (!resolveProxy || target === null) {
      log(`refused to resolve the proxy for ${JSON.stringify(url.slice(0, 200))}: ${resolveProxy ? "not one of the profile's targets" : 'no resolver'}`);
      reply({ error: resolveProxy ? "Only the profile's targets may be asked." : 'This host does not resolve proxies.' });
      return;
    }
    Promise.resolve()
      .then(() => resolveProxy(target))
      .then(
        (rules) => {
          const valid = PacRulesSchema.safeParse(rules);
          reply(valid.success ? { rules: valid.data } : { error: 'The browser gave an answer that is not a proxy list.' });
        },
        (error: unknown) => reply({ error: `The browser could not resolve the proxy: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1_000) }),
      );
  };

  const handleMessage = (running: Running, raw: unknown): void => {
    const message = parseHostMessage(raw);
    if (message.kind === 'invalid') {
      log(`dropped a malformed message from the engine: ${message.message}`);
      return;
    }
    if (message.kind === 'resolve-proxy') {
      answerProxyQuestion(running, message.id, message.url);
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
