// The engine process's side of engine-protocol: hosts the engine service behind a message port and answers
// requests. Plain Node, no electron: engine-host.ts connects it to Electron's parentPort (or to a Node IPC
// channel in tests).
import type { EventMethod, EventPayload, InvokeMethod } from '../common/contract.js';
import type { Profile } from '../common/spec.js';
import type { EmitEvent, EngineService } from '../engine/service.js';
import { parseClientMessage, type HostMessage } from './engine-protocol.js';

/** A bidirectional message channel to the main process. */
export interface HostPort {
  post(message: HostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
}

export interface ServeOptions {
  /** Creates the service once the init message names the profile. */
  createService: (profile: Profile) => EngineService;
  /** Where protocol problems are reported (stderr of the engine process). */
  log?: (line: string) => void;
}

export function serveEngine(port: HostPort, options: ServeOptions): void {
  const log = options.log ?? ((line: string) => process.stderr.write(`[engine] ${line}\n`));
  let service: EngineService | null = null;

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
      case 'init':
        service = options.createService(message.profile);
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
