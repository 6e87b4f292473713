// Lab: runs a command in its own network and mount namespace (root only): `lo` is up, nothing else exists, so no
// packet can leave the machine, and /etc/resolv.conf (and optionally /etc/hosts) are bind-mounted temp files, so
// the machine's own settings are never touched.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'netns-entry.mjs');

/** Why namespaced tests cannot run here, or null when they can. */
export function netnsUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  try {
    execFileSync('unshare', ['--mount', '--net', '--fork', '--', 'true'], { stdio: 'ignore' });
    return null;
  } catch (error) {
    return `unshare --mount --net failed: ${(error as Error).message}`;
  }
}

export interface NetnsOptions {
  /** Content of /etc/resolv.conf inside the namespace. */
  resolvConf: string;
  hosts?: string;
  /** Extra environment for the command. */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Keep this temp folder (the caller reads files from it afterwards); a new one otherwise. */
  workDir?: string;
}

export interface NetnsResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The temp folder holding the namespace's resolv.conf (as `resolv.conf`) after the run. */
  workDir: string;
}

/** Runs argv (e.g. ['node', 'script.mjs']) inside a fresh namespace; resolves when it exits. */
export function runInNetns(argv: string[], options: NetnsOptions): Promise<NetnsResult> {
  const workDir = options.workDir ?? mkdtempSync(path.join(tmpdir(), 'gd-netns-'));
  const resolvConf = path.join(workDir, 'resolv.conf');
  writeFileSync(resolvConf, options.resolvConf);
  const spec: { resolvConf: string; hosts?: string; argv: string[] } = { resolvConf, argv };
  if (options.hosts !== undefined) {
    spec.hosts = path.join(workDir, 'hosts');
    writeFileSync(spec.hosts, options.hosts);
  }
  return new Promise((resolve) => {
    execFile(
      'unshare',
      ['--mount', '--net', '--fork', '--', process.execPath, ENTRY, JSON.stringify(spec)],
      { env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const failure = error as (NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals }) | null;
        resolve({
          code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
          signal: failure?.signal ?? null,
          stdout,
          stderr,
          workDir,
        });
      },
    );
  });
}
