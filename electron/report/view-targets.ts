// Per target, the one layer that failed: DNS → TCP → TLS → HTTP, each with its code and timing, read from the
// targets check's evidence (TargetProbeResult, electron/engine/probe/types.ts) and the measured facts. Evidence is
// read tolerantly: a report from an older or newer engine may lack a field, never breaks the report.
import type { FailedLayer, TargetFacts } from '../common/facts.js';
import type { Report } from '../common/spec.js';
import { siteName } from '../common/site.js';

export const LAYERS = ['DNS', 'TCP', 'TLS', 'HTTP'] as const;
export type LayerName = (typeof LAYERS)[number];

export type LayerState = 'ok' | 'failed' | 'not-tried' | 'not-used';

export const LAYER_STATE_SYMBOLS: Record<LayerState, string> = { ok: '✓', failed: '✕', 'not-tried': '–', 'not-used': '–' };
export const LAYER_STATE_LABELS: Record<LayerState, string> = { ok: 'OK', failed: 'Failed', 'not-tried': 'Not tried', 'not-used': 'Not used' };

export interface LayerCell {
  layer: LayerName;
  state: LayerState;
  /** Codes and timings for support: "ENOTFOUND · 148 ms", "502 · 16 ms", "TLSv1.3 · 155 ms". */
  detail: string;
}

export interface TargetLine {
  /** host[:port] of the target. */
  host: string;
  url: string;
  /** The target answers as a browser needs it to. */
  ok: boolean;
  /** The layer that failed, or null when the service answered (whatever the HTTP status). */
  failedAt: LayerName | null;
  /** "fails at DNS", "answers with a server error (HTTP 502)", "answers (HTTP 200)". */
  outcome: string;
  /** The proxy the request went through, if any. */
  via?: string;
  layers: LayerCell[];
}

type Layer = { ok?: unknown; durationMs?: unknown; error?: unknown; [key: string]: unknown } | undefined;

const LAYER_OF: Record<Exclude<FailedLayer, null>, LayerName> = { dns: 'DNS', tcp: 'TCP', tls: 'TLS', http: 'HTTP' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined);
const ms = (value: unknown): string | undefined => (typeof value === 'number' && Number.isFinite(value) ? `${Math.round(value)} ms` : undefined);
const joined = (...parts: (string | undefined)[]): string => parts.filter((p): p is string => p !== undefined && p !== '').join(' · ');


const TLS_PROBLEMS: Record<string, string> = {
  'unknown-issuer': 'certificate from an unknown issuer',
  'wrong-host': 'certificate for another name',
  expired: 'certificate expired',
  other: 'handshake failed',
};

function cell(layer: LayerName, probe: Layer, failedHere: boolean, detail: (probe: NonNullable<Layer>) => string | undefined): LayerCell {
  if (!probe) return { layer, state: 'not-tried', detail: '' };
  const state: LayerState = failedHere || probe.ok === false ? 'failed' : 'ok';
  return { layer, state, detail: detail(probe) ?? '' };
}

/** The four layers of one probe, from its evidence. */
function layersOf(evidence: Record<string, unknown>, facts: TargetFacts | undefined): LayerCell[] {
  const failed = (text(evidence.failedLayer) ?? facts?.failedLayer ?? null) as FailedLayer;
  const dns = evidence.dns as Layer;
  const tcp = evidence.tcp as Layer;
  const tls = evidence.tls as Layer;
  const http = evidence.http as Layer;
  const proxy = isRecord(evidence.proxy) ? evidence.proxy : undefined;
  const https = /^https:/i.test(text(evidence.url) ?? facts?.url ?? '');
  const cells: LayerCell[] = [
    cell('DNS', dns, failed === 'dns', (p) =>
      p.skipped === true ? (proxy ? 'not needed (through the proxy)' : 'not needed (an address)') : joined(text(p.error), ms(p.durationMs)),
    ),
    cell('TCP', tcp, failed === 'tcp', (p) => joined(text(p.error), proxy && failed === 'tcp' ? text(proxy.status) : undefined, ms(p.durationMs))),
    https
      ? cell('TLS', tls, failed === 'tls', (p) =>
          joined(
            typeof p.problem === 'string' ? TLS_PROBLEMS[p.problem] ?? p.problem : undefined,
            text(p.error),
            p.ok === false ? undefined : text(p.protocol),
            ms(p.durationMs),
          ),
        )
      : { layer: 'TLS', state: 'not-used', detail: 'plain http' },
    cell('HTTP', http, failed === 'http', (p) => joined(text(p.status) ?? text(p.error), text(p.signature) === 'origin' ? undefined : text(p.signature), ms(p.durationMs))),
  ];
  // An HTTP answer a browser cannot use (a server error, a 404 at the root) is where it fails, too.
  const httpCell = cells[3]!;
  if (facts && !facts.reachable && facts.failedLayer === null && httpCell.state === 'ok') httpCell.state = 'failed';
  return cells;
}

/** Without evidence (a report cut short, or from another tool): what the facts alone say. */
function layersFromFacts(facts: TargetFacts): LayerCell[] {
  const order: FailedLayer[] = ['dns', 'tcp', 'tls', 'http'];
  const failedIndex = facts.failedLayer === null ? 3 : order.indexOf(facts.failedLayer);
  return LAYERS.map((layer, index): LayerCell => {
    if (index < failedIndex) return { layer, state: 'ok', detail: '' };
    if (index > failedIndex) return { layer, state: 'not-tried', detail: '' };
    if (facts.failedLayer !== null) return { layer, state: 'failed', detail: '' };
    return { layer, state: facts.reachable ? 'ok' : 'failed', detail: facts.httpStatus !== undefined ? String(facts.httpStatus) : '' };
  });
}

function outcomeOf(failedAt: LayerName | null, facts: TargetFacts | undefined, status: number | undefined): string {
  const code = status ?? facts?.httpStatus;
  if (failedAt === 'HTTP' && code !== undefined) return `fails at HTTP: ${facts?.serverError ? 'server error' : 'status'} ${code}`;
  if (failedAt) return `fails at ${failedAt}`;
  return code !== undefined ? `answers (HTTP ${code})` : 'answers';
}

/** One line per target, in the profile's order; empty when the targets were not probed. */
export function targetLines(report: Report): TargetLine[] {
  const check = report.checks.find((c) => c.id === 'targets');
  const probes = Array.isArray(check?.evidence.targets) ? (check.evidence.targets as unknown[]).filter(isRecord) : [];
  const facts = report.facts?.targets ?? [];
  const ids = [...new Set([...probes.map((p) => text(p.id)), ...facts.map((f) => f.id)].filter((id): id is string => id !== undefined))];
  return ids.map((id): TargetLine => {
    const probe = probes.find((p) => p.id === id);
    const fact = facts.find((f) => f.id === id);
    const url = text(probe?.url) ?? fact?.url ?? id;
    const failed = (probe ? (text(probe.failedLayer) ?? null) : (fact?.failedLayer ?? null)) as FailedLayer;
    const status = isRecord(probe?.http) && typeof probe.http.status === 'number' ? probe.http.status : undefined;
    const layers = probe ? layersOf(probe, fact) : layersFromFacts(fact!);
    const proxy = probe && isRecord(probe.proxy) ? text(probe.proxy.url) : undefined;
    const ok = fact ? fact.reachable : failed === null && (status === undefined || status < 400);
    // An HTTP answer a browser cannot use (a server error, a 404 at the root) fails at the HTTP layer.
    const failedAt: LayerName | null = failed ? LAYER_OF[failed] : ok ? null : 'HTTP';
    return {
      host: siteName(url),
      url,
      ok,
      failedAt,
      outcome: outcomeOf(failedAt, fact, status),
      ...(proxy ? { via: proxy } : {}),
      layers,
    };
  });
}
