// The bridge's API: `POST /api/<method>` for each invoke channel of the contract. Validates the call like
// Electron's main process does, runs it on the engine service and streams the answer as NDJSON lines:
// `{"event":"onProgress","payload":…}` for each event emitted during the call, then `{"result":…}` or
// `{"error":{"message":"…"}}`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { invokeChannels, type InvokeMethod } from '../common/contract.js';
import { describeIssues } from '../common/zod-issues.js';
import type { EmitEvent, EngineService } from '../engine/service.js';

/** Request bodies are small (`{"input":{…}}`); anything bigger is refused. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A refused call: the HTTP status and a one-line message for the page's error bar. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isInvokeMethod(name: string): name is InvokeMethod {
  return Object.hasOwn(invokeChannels, name);
}

const BodySchema = z.object({ input: z.unknown().optional() }).strict();

/** Validates a parsed body against the method's input schema; returns the input the engine gets. */
export function parseCallBody(method: InvokeMethod, body: unknown): unknown {
  const envelope = BodySchema.safeParse(body);
  if (!envelope.success) {
    throw new ApiError(400, `invalid request body: expected {"input": …} (${describeIssues(envelope.error)})`);
  }
  const input = invokeChannels[method].input.safeParse(envelope.data.input);
  if (!input.success) throw new ApiError(400, `invalid input for ${method}: ${describeIssues(input.error)}`);
  return input.data;
}

/** Reads a JSON request body with a size cap and a JSON content type. */
export async function readJsonBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(415, 'the request body must be application/json');
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new ApiError(413, `the request body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError(413, `the request body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw new ApiError(400, 'the request body is not valid JSON');
  }
}

/** `POST /api/events`: the stream of events the engine sends outside any call (channels.ts BROADCAST_EVENTS). */
export const EVENTS_PATH_NAME = 'events';

/** A set of open event streams; each broadcast goes to every one as an NDJSON line. */
export interface EventStreams {
  open(response: ServerResponse): void;
  broadcast: EmitEvent;
}

export function createEventStreams(): EventStreams {
  const streams = new Set<ServerResponse>();
  return {
    open: (response) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
      response.flushHeaders();
      response.socket?.setNoDelay(true);
      streams.add(response);
      response.on('close', () => streams.delete(response));
    },
    broadcast: (event, payload) => {
      const line = `${JSON.stringify({ event, payload })}\n`;
      for (const response of streams) if (!response.writableEnded && !response.destroyed) response.write(line);
    },
  };
}

/** Runs an already validated call and streams its events and answer as NDJSON. */
export async function streamCall(response: ServerResponse, service: EngineService, method: InvokeMethod, input: unknown): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
  response.flushHeaders();
  response.socket?.setNoDelay(true);
  const writeLine = (message: unknown): void => {
    // The page may have gone away mid-call; the engine runs to its deadline anyway.
    if (!response.writableEnded && !response.destroyed) response.write(`${JSON.stringify(message)}\n`);
  };
  const emit: EmitEvent = (event, payload) => writeLine({ event, payload });
  const call = service[method] as (input: unknown, emit: EmitEvent) => Promise<unknown>;
  try {
    const result = await call(input, emit);
    // The page gets what the contract promises, or an error saying it did not.
    const checked = invokeChannels[method].output.safeParse(result);
    if (checked.success) writeLine({ result });
    else writeLine({ error: { message: `the engine's answer to ${method} does not match the contract: ${describeIssues(checked.error)}` } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    writeLine({ error: { message: message.split('\n')[0] || 'the engine failed without a message' } });
  }
  if (!response.writableEnded) response.end();
}
