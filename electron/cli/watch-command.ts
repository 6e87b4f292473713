// `gateway-doctor watch [--profile FILE | --service ID | --url URL] [--every S] [--for MIN] [--notify]` (SPEC.md
// "Command line"): re-checks the status page and the targets (a check now, then every S seconds, doubling up to
// every 5 minutes) and prints one line per change; exit 0 as soon as the service works, 1 when --for runs out (or
// Ctrl+C stops it). --notify also shows a desktop notification when it works.
import { parseArgs } from 'node:util';
import { printableLine } from '../common/printable.js';
import { watchNotification, type WatchState } from '../common/watch.js';
import { startWatch, WATCH_MAX_INTERVAL_MS } from '../engine/watch/watch.js';
import { checkServiceOnce } from '../engine/watch/watch-check.js';
import { sendDesktopNotification, type NotifyOutcome } from '../system/notify/desktop-notification.js';
import type { CliIo } from './cli.js';
import { profileFromOptions, SERVICE_OPTIONS, SERVICE_OPTIONS_USAGE } from './service-options.js';

export const WATCH_DEFAULTS = { everySeconds: 60, forMinutes: 60 } as const;
const EVERY_MAX_SECONDS = 3_600;
const FOR_MAX_MINUTES = 24 * 60;

export const WATCH_USAGE = `  watch ${SERVICE_OPTIONS_USAGE} [--every S] [--for MIN] [--notify]
      Re-check the status page and the service until it works again (exit 0) or --for runs out (exit 1):
      a check now, then after S seconds (default ${WATCH_DEFAULTS.everySeconds}), twice as long each time up to every ${WATCH_MAX_INTERVAL_MS / 60_000} minutes,
      for up to MIN minutes (default ${WATCH_DEFAULTS.forMinutes}). --notify also shows a desktop notification when it works.
`;

export interface WatchCliIo extends CliIo {
  /** Subscribes to Ctrl+C (SIGINT/SIGTERM) for the watch's duration; returns the unsubscribe function. */
  onInterrupt?: (listener: () => void) => () => void;
  /** For tests: another desktop notifier. */
  notify?: (title: string, body: string) => Promise<NotifyOutcome>;
}

/** Bad --every or --for: exit 2, one line. */
export class WatchUsageError extends Error {}

export function parseEvery(value: string | undefined): number {
  if (value === undefined) return WATCH_DEFAULTS.everySeconds;
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 1 || seconds > EVERY_MAX_SECONDS) {
    throw new WatchUsageError(`--every must be a whole number of seconds from 1 to ${EVERY_MAX_SECONDS}, not "${printableLine(value, 40)}"`);
  }
  return seconds;
}

export function parseFor(value: string | undefined): number {
  if (value === undefined) return WATCH_DEFAULTS.forMinutes;
  const minutes = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || minutes <= 0 || minutes > FOR_MAX_MINUTES) {
    throw new WatchUsageError(`--for must be a number of minutes above 0 and up to ${FOR_MAX_MINUTES}, not "${printableLine(value, 40)}"`);
  }
  return minutes;
}

/** 60 → "60 minutes", 1 → "1 minute", 0.1 → "6 s". */
export function formatDuration(minutes: number): string {
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  return `${Number(minutes.toFixed(2))} minute${minutes === 1 ? '' : 's'}`;
}

/** Local wall-clock time, HH:MM:SS. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * Turns the watch's states into the lines the CLI prints: one when what a check found changes, one at the end.
 * Every line goes through printableLine (a service's name and an incident's title are outside text).
 */
export function createWatchPrinter(forMinutes: number, time: (iso: string) => string = clockTime): (state: WatchState) => string | null {
  let printed: string | null = null;
  let sawFailure = false;
  const line = (iso: string, text: string): string => `${time(iso)}  ${printableLine(text, 400)}\n`;
  return (state) => {
    const check = state.lastCheck;
    switch (state.state) {
      case 'checking':
        return null;
      case 'waiting': {
        if (check === null || check.summary === printed) return null;
        printed = check.summary;
        sawFailure = true;
        const next = state.nextCheckAt ? ` Next check at ${time(state.nextCheckAt)}.` : '';
        return line(check.at, `${check.summary}${next}`);
      }
      case 'working':
        return line(check?.at ?? new Date().toISOString(), `${sawFailure ? 'Works again' : 'Works'}: ${check?.summary ?? `${state.service} answers normally.`}`);
      case 'expired':
        return line(state.until, `Gave up after ${formatDuration(forMinutes)}: ${state.service} does not work yet.`);
      case 'stopped':
        return line(new Date().toISOString(), `Stopped watching: ${state.service} did not work yet.`);
    }
  };
}

export async function commandWatch(args: string[], io: WatchCliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { ...SERVICE_OPTIONS, every: { type: 'string' }, for: { type: 'string' }, notify: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new WatchUsageError((error as Error).message.split('\n')[0]!);
  }
  const everySeconds = parseEvery(values.every);
  const forMinutes = parseFor(values.for);
  const profile = await profileFromOptions(values);
  const name = printableLine(profile.name, 80);
  io.stderr(
    `Watching ${name} for up to ${formatDuration(forMinutes)}: a check now, then after ${everySeconds} s and less often later ` +
      `(at most every ${Math.max(everySeconds, WATCH_MAX_INTERVAL_MS / 1000) / 60} min). Ctrl+C stops.\n`,
  );
  const print = createWatchPrinter(forMinutes);
  const watch = startWatch({
    service: profile.name,
    firstCheckMs: 0,
    intervalMs: everySeconds * 1000,
    maxIntervalMs: WATCH_MAX_INTERVAL_MS,
    durationMs: forMinutes * 60_000,
    check: (signal) => checkServiceOnce({ profile, signal }),
    onChange: (state) => {
      const text = print(state);
      if (text !== null) io.stdout(text);
    },
  });
  const unsubscribe = io.onInterrupt?.(() => watch.stop());
  const final = await watch.done;
  unsubscribe?.();
  if (final.state !== 'working') return 1;
  const note = values.notify ? watchNotification(final) : null;
  if (note !== null) {
    const outcome = await (io.notify ?? sendDesktopNotification)(note.title, note.body);
    if (!outcome.sent) io.stderr(`gateway-doctor: ${outcome.note}\n`);
  }
  return 0;
}
