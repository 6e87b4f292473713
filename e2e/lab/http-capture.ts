// Lab: reads a captured HTTP answer (a `.http` fixture: status line, headers, blank line, body) so tests can feed
// it to a parser or a lab server can replay it.
import { readFileSync } from 'node:fs';

export interface CapturedAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** Headers that describe the original connection and transfer, not the answer: a replay lets Node set its own. */
const TRANSPORT_HEADERS = new Set(['content-length', 'connection', 'transfer-encoding', 'date', 'keep-alive', 'content-encoding']);

export function readCapture(file: string | URL): CapturedAnswer {
  const raw = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const split = raw.indexOf('\n\n');
  const [statusLine, ...headerLines] = raw.slice(0, split).split('\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body: raw.slice(split + 2) };
}

/** The capture as a lab server would replay it. */
export function replayable(capture: CapturedAnswer): CapturedAnswer {
  return { ...capture, headers: Object.fromEntries(Object.entries(capture.headers).filter(([name]) => !TRANSPORT_HEADERS.has(name))) };
}
