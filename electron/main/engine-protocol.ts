// The messages between the main process (engine-client) and the engine process (engine-host). Both sides
// parse what they receive: a message that does not match is dropped, never trusted. Runs in plain Node.
// Main calls the engine (init, requests → results, errors, progress events); the engine asks main one thing only
// main can answer: Chromium's proxy decision for one of the profile's targets (resolve-proxy → proxy-resolved).
import { z } from 'zod';
import {
  EVENT_METHODS,
  INVOKE_METHODS,
  eventChannels,
  invokeChannels,
  type EventMethod,
  type EventPayload,
  type InvokeMethod,
} from '../common/contract.js';
import { ProfileSchema, type Profile } from '../common/spec.js';
import { describeIssues } from '../common/zod-issues.js';

// engine-client.ts takes it from here too.

const CallId = z.number().int().nonnegative();

// ---------- main → engine ----------

/** The first message after the engine process starts: what to diagnose, and whether main answers resolve-proxy. */
export interface InitMessage {
  init: { profile: Profile; resolvesProxies?: boolean };
}
export interface RequestMessage {
  id: number;
  method: InvokeMethod;
  input: unknown;
}
/** Main's answer to a resolve-proxy: Electron's PAC-style string ("DIRECT", "PROXY host:port; DIRECT"), or why
 * there is none. */
export type ProxyResolvedMessage = { type: 'proxy-resolved'; id: number } & ({ rules: string } | { error: string });
export type ClientMessage = InitMessage | RequestMessage | ProxyResolvedMessage;

const InitMessageSchema = z
  .object({ init: z.object({ profile: ProfileSchema, resolvesProxies: z.boolean().optional() }).strict() })
  .strict();
const RequestMessageSchema = z
  .object({ id: CallId, method: z.enum(INVOKE_METHODS as [InvokeMethod, ...InvokeMethod[]]), input: z.unknown() })
  .strict();

/** What session.resolveProxy returns: printable ASCII, a few entries long. */
export const PacRulesSchema = z.string().max(4_096).regex(/^[\x20-\x7e]*$/, 'not a PAC result');
const ProxyResolvedMessageSchema = z.union([
  z.object({ type: z.literal('proxy-resolved'), id: CallId, rules: PacRulesSchema }).strict(),
  z.object({ type: z.literal('proxy-resolved'), id: CallId, error: z.string().max(1_000) }).strict(),
]);

export type ParsedClientMessage =
  | { kind: 'init'; profile: Profile; resolvesProxies: boolean }
  | { kind: 'request'; id: number; method: InvokeMethod; input: unknown }
  | { kind: 'proxy-resolved'; id: number; rules: string }
  | { kind: 'proxy-failed'; id: number; message: string }
  | { kind: 'bad-input'; id: number; method: InvokeMethod; message: string }
  | { kind: 'invalid'; message: string };

/** Parses a message the engine received; a request's input is validated against the IPC contract again. */
export function parseClientMessage(raw: unknown): ParsedClientMessage {
  const init = InitMessageSchema.safeParse(raw);
  if (init.success) return { kind: 'init', profile: init.data.init.profile, resolvesProxies: init.data.init.resolvesProxies === true };
  const resolved = ProxyResolvedMessageSchema.safeParse(raw);
  if (resolved.success) {
    const answer = resolved.data;
    return 'rules' in answer ? { kind: 'proxy-resolved', id: answer.id, rules: answer.rules } : { kind: 'proxy-failed', id: answer.id, message: answer.error };
  }
  const request = RequestMessageSchema.safeParse(raw);
  if (!request.success) return { kind: 'invalid', message: describeIssues(request.error) };
  const { id, method } = request.data;
  const input = invokeChannels[method].input.safeParse(request.data.input);
  if (!input.success) return { kind: 'bad-input', id, method, message: describeIssues(input.error) };
  return { kind: 'request', id, method, input: input.data };
}

// ---------- engine → main ----------

export interface ResultMessage {
  id: number;
  result: unknown;
}
export interface ErrorMessage {
  id: number;
  error: { message: string };
}
export interface EventMessage<E extends EventMethod = EventMethod> {
  id: number;
  event: { method: E; payload: EventPayload<E> };
}
/** An event outside any call (a watch's onWatch): main forwards it to the app's window. */
export interface BroadcastMessage<E extends EventMethod = EventMethod> {
  event: { method: E; payload: EventPayload<E> };
}
/** The engine asks main for Chromium's proxy decision for one of the profile's targets. */
export interface ResolveProxyMessage {
  type: 'resolve-proxy';
  id: number;
  url: string;
}
export type HostMessage = ResultMessage | ErrorMessage | EventMessage | BroadcastMessage | ResolveProxyMessage;

/** Long enough for any real target URL; which URLs may be asked is proxyQueryTarget's to decide. */
const ResolveProxyMessageSchema = z.object({ type: z.literal('resolve-proxy'), id: CallId, url: z.string().max(2_048) }).strict();

const ResultMessageSchema = z.object({ id: CallId, result: z.unknown() }).strict();
const ErrorMessageSchema = z.object({ id: CallId, error: z.object({ message: z.string() }).strict() }).strict();
const EventEnvelope = z.object({ method: z.enum(EVENT_METHODS as [EventMethod, ...EventMethod[]]), payload: z.unknown() }).strict();
const EventMessageSchema = z.object({ id: CallId, event: EventEnvelope }).strict();
const BroadcastMessageSchema = z.object({ event: EventEnvelope }).strict();

export type ParsedHostMessage =
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'event'; id: number; method: EventMethod; payload: unknown }
  | { kind: 'broadcast'; method: EventMethod; payload: unknown }
  | { kind: 'resolve-proxy'; id: number; url: string }
  | { kind: 'invalid'; message: string };

/** Parses a message from the engine; results and payloads are checked against the contract by the caller. */
export function parseHostMessage(raw: unknown): ParsedHostMessage {
  const ask = ResolveProxyMessageSchema.safeParse(raw);
  if (ask.success) return { kind: 'resolve-proxy', id: ask.data.id, url: ask.data.url };
  const error = ErrorMessageSchema.safeParse(raw);
  if (error.success) return { kind: 'error', id: error.data.id, message: error.data.error.message };
  const event = EventMessageSchema.safeParse(raw);
  if (event.success) return { kind: 'event', id: event.data.id, method: event.data.event.method, payload: event.data.event.payload };
  const broadcast = BroadcastMessageSchema.safeParse(raw);
  if (broadcast.success) return { kind: 'broadcast', method: broadcast.data.event.method, payload: broadcast.data.event.payload };
  // `z.unknown()` also accepts a missing key: insist on it, or `{ id }` alone would read as a result.
  const result = ResultMessageSchema.safeParse(raw);
  if (result.success && typeof raw === 'object' && raw !== null && 'result' in raw) {
    return { kind: 'result', id: result.data.id, result: result.data.result };
  }
  return { kind: 'invalid', message: 'not a result, error, event, broadcast or resolve-proxy message' };
}

/**
 * The URL a resolve-proxy may ask about, normalized: an http(s) URL that is one of the profile's targets (the
 * only URLs the checks route). Anything else gets null: main's session is not an oracle for arbitrary URLs.
 */
export function proxyQueryTarget(url: string, profile: Profile): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return profile.targets.some((target) => new URL(target.url).href === parsed.href) ? parsed.href : null;
}

/** Checks an event payload against the contract (null when it does not match). */
export function parseEventPayload<E extends EventMethod>(method: E, payload: unknown): EventPayload<E> | null {
  const parsed = eventChannels[method].payload.safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<E>) : null;
}

