// Times in reports: in UTC and labelled so, because the person and the support engineer reading the report are
// rarely in the same time zone. Pure, so every format prints the same moment the same way.

const pad = (n: number): string => String(n).padStart(2, '0');

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2026-12-01" (UTC). */
export function utcDate(iso: string): string {
  const d = parse(iso);
  return d ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : iso;
}

/** "10:02:13" (UTC), or "10:02" with `short`. */
export function utcClock(iso: string, short = false): string {
  const d = parse(iso);
  if (!d) return iso;
  const minutes = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return short ? minutes : `${minutes}:${pad(d.getUTCSeconds())}`;
}

/** "2026-12-01 10:02:13 UTC". */
export function utcDateTime(iso: string): string {
  return parse(iso) ? `${utcDate(iso)} ${utcClock(iso)} UTC` : iso;
}

/** The clock time, with the date in front when it is not the report's day. */
export function utcMoment(iso: string, reportDay: string, short = false): string {
  const clock = utcClock(iso, short);
  return utcDate(iso) === reportDay ? clock : `${utcDate(iso)} ${clock}`;
}

/** "0.8 s", "12 s". */
export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
