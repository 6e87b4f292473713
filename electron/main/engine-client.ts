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
import { describeIssues } from '../common/zod-issues.js';
import {
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
  /**
   * Give up when no answer comes within this time: the engine is restarted (a hung engine would hang every later
   * call), except while it changes the system (SYSTEM_CHANGES), which is never cut short.
   */
  timeoutMs?: number;
}

export interface DisposeOptions {
  /** When a system change is running, wait up to this long for it to finish before stopping the engine. */
  waitForChangeMs?: number;
}

export interface EngineClient {
  /** Starts the engine process now rather than on the first call. */
  start(): void;
  /** The profile the engine works on now: the one it started with, then each one selectService switched to. */
  currentProfile(): Profile;
  /** Told after each switch of service (the window title follows it); returns the unsubscribe function. */
  onProfileChange(listener: (profile: Profile) => void): () => void;
  call<M extends InvokeMethod>(method: M, input: unknown, options?: CallOptions): Promise<InvokeOutput<M>>;
  /** Whether a call that changes the system (a DNS switch or revert) is running in the engine now. */
  changingSystem(): boolean;
  /**
   * Refuses later calls, waits (bounded) for a running system change if asked, then stops the engine process
   * and fails what is still pending.
   */
  dispose(options?: DisposeOptions): Promise<void>;
}

/**
 * Calls that change the machine's settings. Killing the engine in the middle of one could leave DNS half-changed
 * (between apply and verify); the engine finishes it and puts the previous settings back by itself if it fails,
 * so a host that stops waiting only gives up on the answer.
 */
export const SYSTEM_CHANGES: ReadonlySet<InvokeMethod> = new Set<InvokeMethod>(['dnsSwitch', 'dnsRevert']);

export interface EngineClientOptions {
  spawn: () => EngineProcess;
  profile: Profile;
  /** Used when a call gives no timeoutMs. */
  defaultTimeoutMs?: number;
  /** Chromium's proxy decision for a URL ("DIRECT", "PROXY host:port; DIRECT"): session.resolveProxy in main.
   * When given, the engine asks it about the profile's targets (and only those) before its own reading. */
  resolveProxy?: (url: string) => Promise<string>;
  /** Events the engine sends outside any call (a watch's onWatch), checked against the contract. */
  onBroadcast?: EngineEventListener;
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
  /** Ids of system changes the engine has not answered yet (kept after a host gave up waiting on one). */
  changes: Set<number>;
  exited: boolean;
  /** Told whenever a change ends or the process exits (dispose's wait). */
  watchers: Set<() => void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createEngineClient(options: EngineClientOptions): EngineClient {
  const log = options.log ?? ((line: string) => console.warn(`[engine-client] ${line}`));
  let current: Running | null = null;
  let nextId = 1;
  let disposed = false;
  // What the engine diagnoses: sent with every (re)start's init, and the only targets proxy questions may name.
  let profile = options.profile;
  const profileListeners = new Set<(profile: Profile) => void>();
  const switchProfile = (next: Profile): void => {
    profile = next;
    for (const listener of [...profileListeners]) {
      try {
        listener(next);
      } catch (error) {
        log(`a profile listener failed: ${(error as Error).message}`);
      }
    }
  };

  const notify = (running: Running): void => {
    for (const watcher of [...running.watchers]) watcher();
  };

  /** Forgets a process (it died, hung or is being stopped) and fails its calls with `reason`. */
  const retire = (running: Running, reason: (method: InvokeMethod) => string): void => {
    if (current === running) current = null;
    running.changes.clear();
    notify(running);
    for (const [id, pending] of running.pending) {
      running.pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(new Error(reason(pending.method)));
    }
  };

  const launch = (): Running => {
    const running: Running = { process: options.spawn(), pending: new Map(), changes: new Set(), exited: false, watchers: new Set() };
    running.process.onMessage((raw) => handleMessage(running, raw));
    running.process.onExit((code) => {
      running.exited = true;
      running.changes.clear();
      notify(running);
      if (disposed || current !== running) return;
      log(`the engine process exited (code ${code ?? 'none'}); it will be restarted on the next request`);
      retire(
        running,
        (method) =>
          `The diagnostics engine stopped unexpectedly (exit code ${code ?? 'none'}) while answering "${method}". ` +
          'It is restarted automatically: please try again.',
      );
    });
    running.process.send({ init: { profile, ...(options.resolveProxy ? { resolvesProxies: true } : {}) } });
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
    const target = proxyQueryTarget(url, profile);
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
    if (message.kind === 'broadcast') {
      if (current !== running) return; // from an engine that is gone
      const payload = parseEventPayload(message.method, message.payload);
      if (payload === null) log(`dropped an invalid ${message.method} broadcast from the engine`);
      else options.onBroadcast?.(message.method, payload);
      return;
    }
    if (message.kind !== 'event' && running.changes.delete(message.id)) notify(running);
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
    // The engine switched services: later proxy questions and a restarted engine follow it.
    if (output.success && pending.method === 'selectService') switchProfile((output.data as InvokeOutput<'selectService'>).profile);
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

    currentProfile: () => profile,

    onProfileChange: (listener) => {
      profileListeners.add(listener);
      return () => void profileListeners.delete(listener);
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
          if (SYSTEM_CHANGES.has(method)) {
            // Never stop a change halfway: the engine finishes it (and reverts by itself if it fails).
            running.pending.delete(id);
            log(`no answer to "${method}" within ${timeoutMs} ms: stopped waiting; the engine finishes the change`);
            // Still unanswered after twice its limit (longer than any change can take), the engine is taken for
            // hung: the next call's timeout may restart it again.
            setTimeout(() => {
              if (running.changes.delete(id)) notify(running);
            }, timeoutMs).unref();
            reject(
              new Error(
                `"${method}" did not finish within ${Math.max(1, Math.round(timeoutMs / 1000))} s. It goes on in the background and puts ` +
                  'the previous DNS settings back by itself if it fails: check the DNS status again in a moment.',
              ),
            );
            return;
          }
          if (running.changes.size > 0) {
            // Restarting now would cut the running DNS change in half: give up on this call only.
            running.pending.delete(id);
            log(`no answer to "${method}" within ${timeoutMs} ms; not restarting the engine while it changes DNS`);
            reject(new Error(`The diagnostics engine did not answer "${method}" within ${Math.round(timeoutMs / 1000)} s while it changes DNS. Please try again when that has finished.`));
            return;
          }
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
        if (SYSTEM_CHANGES.has(method)) running.changes.add(id);
        try {
          running.process.send({ id, method, input });
        } catch (error) {
          running.pending.delete(id);
          if (running.changes.delete(id)) notify(running);
          clearTimeout(timer);
          reject(new Error(`The diagnostics engine could not be reached: ${(error as Error).message}`));
        }
      }),

    changingSystem: () => current !== null && current.changes.size > 0,

    dispose: async (disposeOptions: DisposeOptions = {}) => {
      if (disposed) return;
      disposed = true;
      const running = current;
      if (!running) return;
      const waitMs = disposeOptions.waitForChangeMs ?? 0;
      if (waitMs > 0 && running.changes.size > 0 && !running.exited) {
        log(`waiting up to ${Math.round(waitMs / 1000)} s for the running DNS change to finish before stopping the engine`);
        await new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            running.watchers.delete(check);
            resolve();
          };
          const check = (): void => {
            if (running.changes.size === 0 || running.exited) done();
          };
          const timer = setTimeout(done, waitMs);
          running.watchers.add(check);
        });
        if (running.changes.size > 0) log('the DNS change did not finish in time; stopping the engine anyway (the next start offers to revert it)');
      }
      retire(running, () => 'The diagnostics engine has been shut down.');
      running.process.kill();
    },
  };
}
