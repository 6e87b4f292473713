// The checks every bridge request passes before anything else: the Host header (defeats DNS rebinding: a foreign
// name that resolves to 127.0.0.1 still carries its own name), the Origin (a foreign page may send requests but
// must not be served), and the API token.
import { timingSafeEqual } from 'node:crypto';

/** The only Host values the bridge answers: its own loopback address or `localhost`, with its port. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** An Origin header, when present, must be the page's own origin (the same host it addressed). */
export function originAllowed(origin: string | undefined, host: string): boolean {
  return origin === undefined || origin === `http://${host}`;
}

/** Constant-time comparison of the request's token with the bridge's. */
export function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // Only the length can leak, and the token's length is no secret.
  return a.length === b.length && timingSafeEqual(a, b);
}
