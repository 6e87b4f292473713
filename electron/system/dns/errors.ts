// The DNS switch's refusals that hosts tell apart (the CLI maps them to exit statuses).

/** Bad input (CLI exit 2): nothing was read beyond what the check needed, nothing changed. */
export class DnsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DnsInputError';
  }
}

/** The machine is not in a state to switch or revert (an interrupted change, another change running, a journal
 * that names something else than this machine's DNS settings…). Nothing was changed. */
export class DnsStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DnsStateError';
  }
}
