// Pure derivations for the DNS step from the stored engine answers: what may be done now, and why not.
import type { DnsChange, DnsStatus } from '../../../electron/common/dns-schema.js';
import type { CheckResult } from '../../../electron/common/spec.js';
import { allChecks, type WizardView } from '../selectors.js';
import type { DnsBusy } from './dns-slice.js';

export const DNS_CHECK_ID = 'dns';

/** The finished `dns` check: from the report, or from the progress stream as soon as it is done. */
export function dnsCheckResult(view: WizardView): CheckResult | undefined {
  return allChecks(view).find((check) => check.id === DNS_CHECK_ID)?.result ?? undefined;
}

/** A change that Revert undoes: a verified switch that was kept, or one a crash left half-done. */
export function revertableChange(status: DnsStatus | null): DnsChange | null {
  const change = status?.change;
  return change && (change.state === 'active' || change.state === 'interrupted') ? change : null;
}

export function interruptedChange(status: DnsStatus | null): DnsChange | null {
  return status?.change?.state === 'interrupted' ? status.change : null;
}

export interface SwitchAvailability {
  allowed: boolean;
  /** Why not, in plain words (null when allowed, or while something runs). */
  reason: string | null;
}

/** Whether a new switch may start now. */
export function switchAvailability(status: DnsStatus | null, busy: DnsBusy | null): SwitchAvailability {
  if (busy) return { allowed: false, reason: null };
  if (!status) return { allowed: false, reason: 'The current DNS settings have not been read yet.' };
  const state = status.change?.state;
  if (state === 'in-progress') return { allowed: false, reason: 'A DNS switch is running now (from another window or the command line). Wait for it to finish.' };
  if (state === 'interrupted') return { allowed: false, reason: 'An earlier DNS change was interrupted: restore the previous DNS first.' };
  if (status.interfaces.length === 0) return { allowed: false, reason: 'No network interface with DNS settings was found.' };
  return { allowed: true, reason: null };
}

/** "26 Nov 2026, 04:38" in the user's locale; the raw value if it is not a date. */
export function changeTime(createdAt: string, locale?: string): string {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return createdAt;
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
