// "Watch until it is back": what a watch reports after each change, shared by the engine (which runs it), the IPC
// contract, the CLI's lines and the notifications the app and the browser show. Runs anywhere.
import { z } from 'zod';
import { oneLine } from './one-line.js';

export const WATCH_STATES = ['waiting', 'checking', 'working', 'stopped', 'expired'] as const;
export type WatchStateName = (typeof WATCH_STATES)[number];

/** What one re-check found. */
export const WatchCheckSchema = z.object({
  at: z.iso.datetime(),
  /** Every target answers normally and the status page shows no outage (or there is none to read). */
  works: z.boolean(),
  /** A plain sentence about what was found ("ChatGPT still answers with a server error."). */
  summary: z.string(),
  /** What the status page said: none configured, operational, an outage, or unreadable. */
  statusPage: z.enum(['none', 'operational', 'outage', 'unknown']),
  targets: z.object({ answering: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
});
export type WatchCheck = z.infer<typeof WatchCheckSchema>;

export const WatchStateSchema = z.object({
  /** waiting: until the next check; checking: a check is running; working: the service works again (the watch
   * is over); stopped: cancelled (by the person, or by choosing another service); expired: the time ran out. */
  state: z.enum(WATCH_STATES),
  /** The watched service's name (the profile's). */
  service: z.string(),
  startedAt: z.iso.datetime(),
  /** When the watch gives up (expired). */
  until: z.iso.datetime(),
  /** Checks done so far. */
  checks: z.number().int().nonnegative(),
  lastCheck: WatchCheckSchema.nullable(),
  /** When the next check starts; null while checking and once the watch is over. */
  nextCheckAt: z.iso.datetime().nullable(),
});
export type WatchState = z.infer<typeof WatchStateSchema>;

/** Whether the watch is still going (a second start returns this one). */
export const isWatchRunning = (state: WatchState | null): boolean => state !== null && (state.state === 'waiting' || state.state === 'checking');

/**
 * The desktop notification for a watch event, or null when the event deserves none: only the moment the service
 * works again is worth interrupting the person for. Used by Electron main (Notification) and by the renderer
 * through the bridge (Web Notifications), so both say the same.
 */
export function watchNotification(state: WatchState): { title: string; body: string } | null {
  if (state.state !== 'working') return null;
  const name = oneLine(state.service, 80);
  return {
    title: `${name} works again`,
    body: state.lastCheck ? oneLine(state.lastCheck.summary, 200) : `${name} answers normally.`,
  };
}
