// The DNS switch's journal: written (durably) before anything changes, so a crash at any point leaves behind what
// to restore. States: pending (about to change) → applied (changed, not yet verified) → verified (kept as the
// last change, for `dns revert`); removed once reverted. A pending or applied journal whose process is gone is an
// interrupted change, found by the next `dns status` or app start.
import { readFile, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DnsBackendIdSchema, type DnsChange } from '../../common/dns-schema.js';
import { writeFileDurable } from './durable-write.js';
import { SavedConfigSchema } from './types.js';

export const JOURNAL_FILE = 'dns-journal.json';

export const JournalSchema = z.object({
  version: z.literal(1),
  state: z.enum(['pending', 'applied', 'verified']),
  /** The process making the change (to tell a running switch from an interrupted one). */
  pid: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  backend: DnsBackendIdSchema,
  servers: z.array(z.string()),
  interfaces: z.array(z.string()),
  /** What `revert` restores: the configuration before Gateway Doctor's first change. */
  original: SavedConfigSchema,
  /** What a failed verification restores: the configuration just before this change. */
  before: SavedConfigSchema,
  /** The verified change this one replaced (restored as the journal if this one fails). */
  previous: z
    .object({ createdAt: z.iso.datetime(), servers: z.array(z.string()), interfaces: z.array(z.string()) })
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

export async function readJournal(dataDir: string): Promise<Journal | null> {
  const file = journalPath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new JournalError(`cannot read the DNS journal ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JournalSchema.parse(JSON.parse(text));
  } catch {
    throw new JournalError(`the DNS journal ${file} is damaged; look at it, fix DNS by hand if needed, then delete it`);
  }
}

export async function writeJournal(dataDir: string, journal: Journal): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFileDurable(journalPath(dataDir), JSON.stringify(JournalSchema.parse(journal), null, 2) + '\n', { mode: 0o600 });
}

export async function removeJournal(dataDir: string): Promise<void> {
  await rm(journalPath(dataDir), { force: true });
}

function processAlive(pid: number): boolean {
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
