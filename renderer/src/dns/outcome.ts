// A finished switch or revert in plain words: the headline, why, and per host what the new DNS answered.
import type { DnsRevertResult, DnsSwitchResult } from '../../../electron/common/dns-schema.js';
import { listText } from './names.js';
import { changeTime } from './selectors.js';

export type SwitchOutcome = 'verified' | 'reverted' | 'failed';

export interface HostCheck {
  host: string;
  ok: boolean;
  /** "127.0.0.1" or the failure code. */
  detail: string;
}

export interface OutcomeView {
  outcome: SwitchOutcome;
  title: string;
  message: string;
  hosts: HostCheck[];
  warnings: string[];
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function switchOutcome(result: DnsSwitchResult): OutcomeView {
  const hosts = result.verification.map((v) => ({
    host: v.host,
    ok: v.ok,
    detail: v.ok ? v.addresses.join(', ') || 'answered' : (v.error ?? 'no answer'),
  }));
  const servers = listText(result.servers);
  const where = listText(result.interfaces);
  const base = { hosts, warnings: result.warnings };
  if (result.ok) {
    return {
      ...base,
      outcome: 'verified',
      title: 'DNS switched and verified',
      message: `DNS is now ${servers} on ${where}, and it found every address the service needs. Try the service again; if it does not help, use Revert to previous DNS.`,
    };
  }
  const reason = result.reason ?? 'the switch did not complete';
  if (result.reverted) {
    return {
      ...base,
      outcome: 'reverted',
      title: 'Switch undone — your DNS is as it was',
      message: `Gateway Doctor reverted the change by itself because ${sentence(reason)}`,
    };
  }
  const failed = sentence(`${reason.charAt(0).toUpperCase()}${reason.slice(1)}`);
  return {
    ...base,
    outcome: 'failed',
    title: 'The switch did not go through',
    // The undo itself failed: the previous settings are saved, and Revert restores them.
    message: result.revertNeeded ? `${failed} Your previous DNS settings are saved: use Revert to previous DNS to restore them.` : failed,
  };
}

/** The engine's ISO times ("saved 2026-11-26T04:38:33.598Z") as people read them. */
function readableTimes(text: string, locale?: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => changeTime(iso, locale));
}

export function revertOutcome(result: DnsRevertResult, locale?: string): { reverted: boolean; message: string; warnings: string[] } {
  const message = sentence(readableTimes(result.message, locale));
  return {
    reverted: result.reverted,
    message: result.reverted ? `Your previous DNS settings are back. ${message}` : message,
    warnings: result.warnings,
  };
}
