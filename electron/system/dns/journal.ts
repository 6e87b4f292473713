// The DNS switch's journal: written (durably) before anything changes, so a crash at any point leaves behind what
// to restore. States: pending (about to change) → applied (changed, not yet verified) → verified (kept as the
// last change, for `dns revert`); removed once reverted. A pending or applied journal whose process is gone is an
// interrupted change, found by the next `dns status` or app start.
// The journal lives in the user's data folder, where anything running as the user can edit it, and a revert acts
// on it with administrator rights: it is read strictly (every key known, every value bounded) and refused whole
// at the first doubt; the restore plans then check what it names against the machine (resolv-conf.ts).
import { open, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DnsBackendIdSchema, type DnsChange } from '../../common/dns-schema.js';
import { writeFileDurable } from './durable-write.js';
import { SavedConfigSchema } from './types.js';

export const JOURNAL_FILE = 'dns-journal.json';

/** A real journal is a few KiB; anything far larger is not one. */
export const JOURNAL_MAX_BYTES = 1024 * 1024;

const names = z.array(z.string().max(256)).max(64);

export const JournalSchema = z.strictObject({
  version: z.literal(1),
  state: z.enum(['pending', 'applied', 'verified']),
  /** The process making the change (to tell a running switch from an interrupted one). */
  pid: z.number().int().positive(),
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

export async function readJournal(dataDir: string): Promise<Journal | null> {
  const file = journalPath(dataDir);
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > JOURNAL_MAX_BYTES) throw new JournalError(`the DNS journal ${file} is ${size} bytes, far too large to be one; nothing was reverted: look at it, fix DNS by hand if needed, then delete it`);
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof JournalError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new JournalError(`cannot read the DNS journal ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new JournalError(`the DNS journal ${file} is damaged (not JSON); look at it, fix DNS by hand if needed, then delete it`);
  }
  const parsed = JournalSchema.safeParse(json);
  if (!parsed.success) {
    throw new JournalError(
      `the DNS journal ${file} is damaged or was edited (${firstIssue(parsed.error)}); nothing was reverted: look at it, fix DNS by hand if needed, then delete it`,
    );
  }
  return parsed.data;
}

export async function writeJournal(dataDir: string, journal: Journal): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFileDurable(journalPath(dataDir), JSON.stringify(JournalSchema.parse(journal), null, 2) + '\n', { mode: 0o600 });
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

/** A switch is still running when its process lives and it started less than this long ago (pids get reused). */
const RUNNING_MAX_MS = 10 * 60_000;

export function journalChange(journal: Journal, now = Date.now(), alive: (pid: number) => boolean = processAlive): DnsChange {
  const running = journal.state !== 'verified' && alive(journal.pid) && now - Date.parse(journal.createdAt) < RUNNING_MAX_MS;
  return {
    state: journal.state === 'verified' ? 'active' : running ? 'in-progress' : 'interrupted',
    backend: journal.backend,
    createdAt: journal.createdAt,
    servers: journal.servers,
    interfaces: journal.interfaces,
    revert: 'gateway-doctor dns revert',
  };
}
