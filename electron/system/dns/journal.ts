// The DNS switch's journal: written (durably) before anything changes, so a crash at any point leaves behind what
// to restore. States: pending (about to change) → applied (changed, not yet verified) → verified (kept as the
// last change, for `dns revert`); removed once reverted. A pending or applied journal whose process is gone is an
// interrupted change, found by the next `dns status` or app start.
// The journal lives in the user's data folder, where anything running as the user can edit it, and a revert acts
// on it with administrator rights: it is read strictly (every key known, every value bounded) and refused whole
// at the first doubt; the restore plans then check what it names against the machine (resolv-conf.ts).
// A journal is also sealed: an HMAC over its content with a key kept apart from it (dns-journal.key, created once,
// owner-only), so a journal that Gateway Doctor did not write, or that was changed after, is refused whole before
// anything is shown or restored. Whether its switch is still running is told by its process really being alive
// (pid AND start time, process-start.ts), never by its clock: a forged "pid 1, from 2999" locks nobody out.
// The file is opened as a regular file only, non-blocking (a FIFO there answers at once), and size-capped.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { link, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DnsBackendIdSchema, type DnsChange } from '../../common/dns-schema.js';
import { readRegularFile, UnreadableFileError, unreadableProblem } from '../../engine/fs/read-regular-file.js';
import { writeFileDurable } from './durable-write.js';
import type { ProcessStartReader } from './process-start.js';
import { canonicalJson, describeSaved, savedDigest } from './saved-config.js';
import { SavedConfigSchema } from './types.js';

export const JOURNAL_FILE = 'dns-journal.json';
/** The key of the journal's seal: apart from the journal, created once, readable by its owner only. */
export const JOURNAL_KEY_FILE = 'dns-journal.key';

/** A real journal is a few KiB; anything far larger is not one. */
export const JOURNAL_MAX_BYTES = 1024 * 1024;

const names = z.array(z.string().max(256)).max(64);

export const JournalSchema = z.strictObject({
  version: z.literal(1),
  state: z.enum(['pending', 'applied', 'verified']),
  /** The process making the change (to tell a running switch from an interrupted one). */
  pid: z.number().int().positive(),
  /** When that process started (process-start.ts): with the pid, who it is. Absent: it could not be told. */
  processStart: z.string().max(128).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  backend: DnsBackendIdSchema,
  servers: z.array(z.string().max(64)).max(16),
  interfaces: names,
  /** What `revert` restores: the configuration before Gateway Doctor's first change. */
  original: SavedConfigSchema,
  /** What a failed verification restores: the configuration just before this change. */
  before: SavedConfigSchema,
  /** The verified change this one replaced (restored as the journal if this one fails). */
  previous: z
    .strictObject({ createdAt: z.iso.datetime(), servers: z.array(z.string().max(64)).max(16), interfaces: names })
    .nullable(),
  /** HMAC-SHA256 of everything else, keyed by dns-journal.key; written by writeJournal, checked by readJournal. */
  seal: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type Journal = z.infer<typeof JournalSchema>;

/** The journal exists but cannot be read: nothing is reverted blindly. */
export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalError';
  }
}

export const journalPath = (dataDir: string): string => path.join(dataDir, JOURNAL_FILE);

/** Where a value breaks the schema, for the message ("original.target: must be an absolute path"). */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map(String).join('.') || '(top level)';
  return issue.code === 'unrecognized_keys' ? `${where}: unknown key ${issue.keys.join(', ')}` : `${where}: ${issue.message}`;
}

const keyPath = (dataDir: string): string => path.join(dataDir, JOURNAL_KEY_FILE);
const KEY_PATTERN = /^[0-9a-f]{64}\n?$/;

/** The seal key, or null when there is none (yet). */
async function readKey(dataDir: string): Promise<Buffer | null> {
  let text: string;
  try {
    text = (await readRegularFile(keyPath(dataDir), { maxBytes: 256 })).toString('utf8');
  } catch (error) {
    if (error instanceof UnreadableFileError && error.reason === 'missing') return null;
    throw error;
  }
  return KEY_PATTERN.test(text) ? Buffer.from(text.trim(), 'hex') : null;
}

/** The seal key, created on first use: written complete under a temp name, then linked into place (never half a
 * key, and two first writers agree on one). */
async function sealKey(dataDir: string): Promise<Buffer> {
  const existing = await readKey(dataDir).catch(() => null);
  if (existing) return existing;
  const file = keyPath(dataDir);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFileDurable(temp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    await link(temp, file);
  } catch (error) {
    // EEXIST: another writer won. Anything else that is there but is no key is replaced.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || (await readKey(dataDir).catch(() => null)) === null) {
      await writeFileDurable(file, await readRegularFile(temp, { maxBytes: 256 }), { mode: 0o600 });
    }
  } finally {
    await rm(temp, { force: true });
  }
  const key = await readKey(dataDir);
  if (!key) throw new JournalError(`the DNS journal key ${file} could not be created`);
  return key;
}

function seal(journal: Journal, key: Buffer): string {
  const { seal: _old, ...content } = journal;
  return createHmac('sha256', key).update(canonicalJson(content)).digest('hex');
}

const HAND_FIX = 'look at it, fix DNS by hand if needed, then delete it';

export async function readJournal(dataDir: string): Promise<Journal | null> {
  const file = journalPath(dataDir);
  let text: string;
  try {
    text = (await readRegularFile(file, { maxBytes: JOURNAL_MAX_BYTES })).toString('utf8');
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    if (error.reason === 'missing') return null;
    if (error.reason === 'too-large') throw new JournalError(`the DNS journal ${file} is ${error.detail}, far too large to be one; nothing was reverted: ${HAND_FIX}`);
    if (error.reason === 'unreadable') throw new JournalError(`cannot read the DNS journal ${file} (${error.detail})`);
    throw new JournalError(`the DNS journal ${file} ${unreadableProblem(error, JOURNAL_MAX_BYTES)}, so Gateway Doctor did not write it; nothing was changed or restored: ${HAND_FIX}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new JournalError(`the DNS journal ${file} is damaged (not JSON); ${HAND_FIX}`);
  }
  const parsed = JournalSchema.safeParse(json);
  if (!parsed.success) {
    throw new JournalError(`the DNS journal ${file} is damaged or was edited (${firstIssue(parsed.error)}); nothing was reverted: ${HAND_FIX}`);
  }
  const key = await readKey(dataDir).catch(() => null);
  const expected = key ? Buffer.from(seal(parsed.data, key), 'hex') : null;
  const found = parsed.data.seal ? Buffer.from(parsed.data.seal, 'hex') : null;
  if (!expected || !found || !timingSafeEqual(expected, found)) {
    throw new JournalError(
      `the DNS journal ${file} was not written by Gateway Doctor, or was changed after it was written (its seal does not match); nothing was changed or restored from it: ${HAND_FIX}`,
    );
  }
  const { seal: _seal, ...journal } = parsed.data;
  return journal;
}

export async function writeJournal(dataDir: string, journal: Journal): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const { seal: _old, ...content } = JournalSchema.parse(journal);
  const sealed: Journal = { ...content, seal: seal(content, await sealKey(dataDir)) };
  await writeFileDurable(journalPath(dataDir), JSON.stringify(sealed, null, 2) + '\n', { mode: 0o600 });
}

export async function removeJournal(dataDir: string): Promise<void> {
  await rm(journalPath(dataDir), { force: true });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else (the elevated helper, for instance).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the journal's switch is still at work: its process lives and is the one that started then. */
export async function switchRunning(journal: Journal, processStart: ProcessStartReader): Promise<boolean> {
  if (journal.state === 'verified' || journal.processStart === undefined) return false;
  return (await processStart(journal.pid)) === journal.processStart;
}

/** The change a journal describes, with what a revert would restore (shown before anyone confirms it). */
export function journalChange(journal: Journal, running: boolean): DnsChange {
  return {
    state: journal.state === 'verified' ? 'active' : running ? 'in-progress' : 'interrupted',
    backend: journal.backend,
    createdAt: journal.createdAt,
    servers: journal.servers,
    interfaces: journal.interfaces,
    revert: 'gateway-doctor dns revert',
    restore: { digest: savedDigest(journal.original), lines: describeSaved(journal.original) },
  };
}
