// The engine process's side of engine-protocol: hosts the engine service behind a message port and answers
// requests; when main offers it, relays the engine's proxy questions to main's session (the browser's own
// decision). Plain Node, no electron: engine-host.ts connects it to Electron's parentPort (or to a Node IPC
// channel in tests).
import type { EventMethod, EventPayload, InvokeMethod } from '../common/contract.js';
import type { Profile } from '../common/spec.js';
import type { EmitEvent, EngineService } from '../engine/service.js';
import type { SystemProxyResolver } from '../system/proxy/resolver-hook.js';
import { parseClientMessage, proxyQueryTarget, type HostMessage } from './engine-protocol.js';

/** How long the relay waits for main's proxy decision; then the engine's own reading of the settings decides. */
export const PROXY_RELAY_TIMEOUT_MS = 1_500;

/** A bidirectional message channel to the main process. */
export interface HostPort {
  post(message: HostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** The service as the engine process hosts it: its channels, and the profile they work on now (when it says). */
export type HostedService = EngineService & { currentProfile?: () => Profile; dispose?: () => void };

export interface ServeOptions {
  /** Creates the service once the init message names the profile; `broadcast` sends events outside any call. */
  createService: (profile: Profile, broadcast: EmitEvent) => HostedService;
  /** Where protocol problems are reported (stderr of the engine process). */
  log?: (line: string) => void;
  /** Installs (null: removes) the browser's proxy resolver in the engine (engine-host: setSystemProxyResolver).
   * Called on init: the relay to main when main says it resolves proxies, else null. Absent: nothing relayed. */
  installProxyResolver?: (resolver: SystemProxyResolver | null) => void;
  proxyTimeoutMs?: number;
}

interface ProxyRelay {
  /** Asks main about one of the current profile's targets; rejects on anything else, an error answer or the timeout. */
  resolver(profile: () => Profile): SystemProxyResolver;
  settle(id: number, answer: { rules: string } | { error: string }): void;
}

function createProxyRelay(port: HostPort, timeoutMs: number): ProxyRelay {
  const pending = new Map<number, { resolve: (rules: string) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  return {
    resolver: (profile) => (url) =>
      new Promise<string>((resolve, reject) => {
        const target = proxyQueryTarget(url, profile());
        if (target === null) {
          reject(new Error(`only the profile's targets are resolved by the browser, not ${url}`));
          return;
        }
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the main process did not resolve the proxy within ${timeoutMs} ms`));
        }, timeoutMs);
        timer.unref();
        pending.set(id, { resolve, reject, timer });
        port.post({ type: 'resolve-proxy', id, url: target });
      }),
    settle: (id, answer) => {
      const waiting = pending.get(id);
      if (!waiting) return; // answered after the timeout: the settings already decided
      pending.delete(id);
      clearTimeout(waiting.timer);
      if ('rules' in answer) waiting.resolve(answer.rules);
      else waiting.reject(new Error(answer.error));
    },
  };
}

export function serveEngine(port: HostPort, options: ServeOptions): void {
  const log = options.log ?? ((line: string) => process.stderr.write(`[engine] ${line}\n`));
  let service: HostedService | null = null;
  const relay = createProxyRelay(port, options.proxyTimeoutMs ?? PROXY_RELAY_TIMEOUT_MS);

  const run = async (id: number, method: InvokeMethod, input: unknown): Promise<void> => {
    if (service === null) {
      port.post({ id, error: { message: 'The diagnostics engine was not given a profile yet.' } });
      return;
    }
    const emit: EmitEvent = <E extends EventMethod>(event: E, payload: EventPayload<E>): void => {
      port.post({ id, event: { method: event, payload } });
    };
    try {
      // The input was validated against this method's schema by parseClientMessage.
      const call = service[method] as (input: unknown, emit: EmitEvent) => Promise<unknown>;
      const result = await call(input, emit);
      port.post({ id, result });
    } catch (error) {
      port.post({ id, error: { message: error instanceof Error ? error.message : String(error) } });
    }
  };

  port.onMessage((raw) => {
    const message = parseClientMessage(raw);
    switch (message.kind) {
      case 'init': {
        service?.dispose?.();
        const broadcast: EmitEvent = (event, payload) => port.post({ event: { method: event, payload } });
        const hosted = options.createService(message.profile, broadcast);
        service = hosted;
        // The service may switch profiles (selectService): the relay asks about the one in use at that moment.
        const profileNow = (): Profile => hosted.currentProfile?.() ?? message.profile;
        options.installProxyResolver?.(message.resolvesProxies ? relay.resolver(profileNow) : null);
        return;
      }
      case 'proxy-resolved':
        relay.settle(message.id, { rules: message.rules });
        return;
      case 'proxy-failed':
        relay.settle(message.id, { error: message.message });
        return;
      case 'request':
        void run(message.id, message.method, message.input);
        return;
      case 'bad-input':
        port.post({ id: message.id, error: { message: `Invalid input for ${message.method}: ${message.message}` } });
        return;
      case 'invalid':
        log(`dropped a malformed message: ${message.message}`);
    }
  });
}
