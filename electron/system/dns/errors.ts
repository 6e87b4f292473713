// The DNS switch's refusals that hosts tell apart (the CLI maps them to exit statuses).

/** Bad input (CLI exit 2): nothing was read beyond what the check needed, nothing changed. */
export class DnsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DnsInputError';
  }
}

/** What the engine tells people when only a revert gets them further; each host adds how (CLI command, button). */
export const RESTORE_FIRST = 'restore the previous DNS settings first';

/** The machine is not in a state to switch or revert (an interrupted change, another change running, a journal
 * that names something else than this machine's DNS settings…). Nothing was changed. */
export class DnsStateError extends Error {
  /** A revert of the saved change is what clears this (the CLI adds its command to the message). */
  readonly revertFirst: boolean;

  constructor(message: string, options: { revertFirst?: boolean } = {}) {
    super(message);
    this.name = 'DnsStateError';
    this.revertFirst = options.revertFirst ?? false;
  }
}
