// How long each part of a DNS change may take. One place, because the hosts' limits (main's IPC call, the app's
// wait at quit) must stay longer than the transaction's own: a host that gives up first would cut a change in half.
// No imports: main's bundle reads these without pulling in the engine.

/** One command that asks nobody for a password (nmcli, resolvectl, a root write). */
export const DIRECT_TIMEOUT_MS = 30_000;
/** One elevated command: someone may be typing a password at the pkexec / osascript / UAC prompt. */
export const PROMPT_TIMEOUT_MS = 300_000;
/** Resolving the profile's hosts through the new servers. */
export const VERIFY_DEADLINE_MS = 5_000;
/** Reading the settings back, the journal writes, the flush: everything besides prompts and verification. */
const HOUSEKEEPING_MS = 60_000;

/**
 * The longest a switch or revert can run: the change's prompt, verification, and a second prompt for the undo
 * when verification fails (pkexec asks again), plus housekeeping. Main's IPC limit for dnsSwitch / dnsRevert.
 */
export const DNS_CHANGE_LIMIT_MS = 2 * PROMPT_TIMEOUT_MS + VERIFY_DEADLINE_MS + HOUSEKEEPING_MS;

/**
 * How long quitting the app waits for a DNS change that is running: long enough for a change past its prompt to
 * verify and keep (or undo) itself; a change still at its prompt changed nothing yet.
 */
export const QUIT_WAIT_FOR_CHANGE_MS = VERIFY_DEADLINE_MS + 10_000;
