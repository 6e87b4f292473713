// The development bridge's page side (bundled to dist/bridge/client.js, a classic script the bridge injects
// before the renderer's own): defines `window.gatewayDoctor` like the Electron preload does, but each call is a
// POST to the bridge whose NDJSON answer is read as it streams (events first, then the result or an error).
// Only types come from the contract: its runtime side would put the whole schema library (~800 KB) in front of
// every page load. The records below make the compiler insist on every method the contract names.
import { BROADCAST_EVENTS, EVENT_CHANNELS, INVOKE_CHANNELS } from '../common/channels.js';
import type { EventMethod, EventPayload, GatewayDoctorApi, InvokeMethod } from '../common/contract.js';

// Method names from the zod-free channel map, so the page does not load the schemas.
const INVOKE_METHODS = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];
const EVENT_METHODS = Object.keys(EVENT_CHANNELS) as EventMethod[];

export const TOKEN_HEADER = 'x-gateway-doctor-token';
/** How long the client waits before it reopens a broken event stream. */
export const EVENT_STREAM_RETRY_MS = 1_000;
export const TOKEN_STORAGE_KEY = 'gateway-doctor-bridge-token';

type Listener = (payload: unknown) => void;

/** One line of the bridge's answer. */
type BridgeLine =
  | { event: string; payload: unknown }
  | { result: unknown }
  | { error: { message: string } };

export interface BridgeClientOptions {
  /** The bridge's token (null: calls go out without one and the bridge refuses them). */
  token: string | null;
  /** Where the bridge is; the page's own origin by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** Splits a byte stream into lines as they arrive (the last line may lack its newline). */
async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.trim() !== '') yield line;
      }
    }
    buffered += decoder.decode();
    if (buffered.trim() !== '') yield buffered;
  } finally {
    reader.releaseLock();
  }
}

async function refusalMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
  } catch {
    // not JSON: use the text itself
  }
  return text.trim() || response.statusText || 'no reason given';
}

export function createBridgeApi(options: BridgeClientOptions): GatewayDoctorApi {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const base = options.baseUrl ?? '';
  const listeners = new Map<string, Set<Listener>>();

  const dispatch = (event: string, payload: unknown): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not stop the stream for the others.
        console.error(`gateway-doctor bridge: a ${event} listener threw`, error);
      }
    }
  };

  // Events outside any call (a watch's) arrive on one long-lived stream, open while anyone listens to them.
  let eventStream: AbortController | null = null;
  const listensToBroadcasts = (): boolean => BROADCAST_EVENTS.some((event) => (listeners.get(event)?.size ?? 0) > 0);
  const readBroadcasts = async (controller: AbortController): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await doFetch(`${base}/api/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(options.token ? { [TOKEN_HEADER]: options.token } : {}) },
          body: '{}',
          cache: 'no-store',
          credentials: 'omit',
          signal: controller.signal,
        });
        if (response.ok && response.body) {
          for await (const line of readLines(response.body)) {
            let message: { event?: unknown; payload?: unknown };
            try {
              message = JSON.parse(line) as typeof message;
            } catch {
              continue;
            }
            if (typeof message.event === 'string' && (BROADCAST_EVENTS as readonly string[]).includes(message.event)) dispatch(message.event, message.payload);
          }
        }
      } catch {
        // The bridge went away or the stream broke: try again shortly, while someone still listens.
      }
      if (!controller.signal.aborted) await new Promise((resolve) => setTimeout(resolve, EVENT_STREAM_RETRY_MS));
    }
  };
  const updateEventStream = (): void => {
    if (listensToBroadcasts() && eventStream === null) {
      eventStream = new AbortController();
      void readBroadcasts(eventStream);
    } else if (!listensToBroadcasts() && eventStream !== null) {
      eventStream.abort();
      eventStream = null;
    }
  };

  const invoke = async (method: InvokeMethod, input: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.token ? { [TOKEN_HEADER]: options.token } : {}) },
        body: JSON.stringify({ input }),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      throw new Error(`Cannot reach the development bridge (is "npm run web" still running?): ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!response.ok) {
      throw new Error(`The development bridge refused ${method} (HTTP ${response.status}): ${await refusalMessage(response)}`);
    }
    if (!response.body) throw new Error(`The development bridge answered ${method} without a body`);
    for await (const line of readLines(response.body)) {
      let message: BridgeLine;
      try {
        message = JSON.parse(line) as BridgeLine;
      } catch {
        throw new Error(`The development bridge sent a line that is not JSON: ${line.slice(0, 80)}`);
      }
      if ('event' in message) {
        if ((EVENT_METHODS as string[]).includes(message.event)) dispatch(message.event, message.payload);
      } else if ('result' in message) {
        return message.result;
      } else if ('error' in message) {
        throw new Error(message.error.message);
      }
    }
    throw new Error(`The development bridge closed the connection before answering ${method}`);
  };

  const api: Record<string, unknown> = {};
  for (const method of INVOKE_METHODS) {
    api[method] = (input?: unknown) => invoke(method, input);
  }
  for (const event of EVENT_METHODS) {
    api[event] = (listener: (payload: EventPayload<typeof event>) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${event} needs a function`);
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      // A fresh wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
      const entry: Listener = (payload) => listener(payload as EventPayload<typeof event>);
      set.add(entry);
      updateEventStream();
      return () => {
        set.delete(entry);
        updateEventStream();
      };
    };
  }
  return Object.freeze(api) as GatewayDoctorApi;
}

/**
 * The token arrives once in the address (`?token=…`): keep it for this tab (a reload must still work) and take it
 * out of the address bar, history and anything the user copies.
 */
export function takeToken(): string | null {
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    // storage disabled: the token lives only as long as this page
  }
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl === null) return stored;
  try {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
  } catch {
    // see above
  }
  params.delete('token');
  const query = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  return fromUrl;
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  Object.defineProperty(window, 'gatewayDoctor', {
    value: createBridgeApi({ token: takeToken() }),
    enumerable: true,
    writable: false,
    configurable: false,
  });
}
