// Lab: a DNS switch environment over a temp resolv.conf and real lab DNS servers on loopback, for unit tests that
// run without a namespace. Each "server address" a test writes (127.0.0.2, 127.0.0.3…) is mapped to a lab server on
// a random port, since verification asks the servers themselves when the file is not /etc/resolv.conf.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { anyBackend } from '../../../electron/system/dns/detect.js';
import { executeOperations } from '../../../electron/system/dns/executor.js';
import { resolvConfBackend } from '../../../electron/system/dns/resolv-conf.js';
import type { DnsEnvironment } from '../../../electron/system/dns/transaction.js';
import type { DnsBackend, Operation } from '../../../electron/system/dns/types.js';
import { verifyResolution } from '../../../electron/system/dns/verify.js';
import { startDnsServer, type DnsBehaviour, type LabDnsServer } from '../dns-server.js';

export interface LabEnvironment {
  env: DnsEnvironment;
  file: string;
  dataDir: string;
  /** Every batch of operations executed, in order. */
  executed: Operation[][];
  /** How many times the backend read the machine's settings. */
  reads: () => number;
  logs: string[];
  servers: Map<string, LabDnsServer>;
  close(): Promise<void>;
}

export interface LabOptions {
  original: string;
  /** Written address → how the lab server behind it answers every name ('silent': never). */
  resolvers: Record<string, DnsBehaviour | 'silent'>;
  /** Replaces the executor (to simulate a refused prompt or a failure). */
  execute?: (operations: Operation[]) => Promise<{ warnings: string[] }>;
  /** Wraps the backend (to simulate a system that ignores the change). */
  wrapBackend?: (backend: DnsBackend) => DnsBackend;
}

export async function labEnvironment(options: LabOptions): Promise<LabEnvironment> {
  const work = mkdtempSync(path.join(tmpdir(), 'gd-dns-lab-'));
  const file = path.join(work, 'resolv.conf');
  writeFileSync(file, options.original);
  const dataDir = path.join(work, 'data');
  const servers = new Map<string, LabDnsServer>();
  for (const [address, behaviour] of Object.entries(options.resolvers)) {
    const lab = await startDnsServer({ address: '127.0.0.1', fallback: behaviour === 'silent' ? { kind: 'silent' } : behaviour });
    servers.set(address, lab);
  }
  let reads = 0;
  const base = anyBackend(resolvConfBackend(file));
  const counted: DnsBackend = {
    ...base,
    read: () => {
      reads++;
      return base.read();
    },
  };
  const backend = options.wrapBackend ? options.wrapBackend(counted) : counted;
  const executed: Operation[][] = [];
  const logs: string[] = [];
  const env: DnsEnvironment = {
    dataDir,
    backend,
    backendFor: () => backend,
    execute: async (operations) => {
      executed.push(operations);
      return options.execute ? options.execute(operations) : executeOperations(operations, { platform: 'linux', privileged: true });
    },
    verify: (hosts, written) =>
      verifyResolution(hosts, {
        deadlineMs: 800,
        // An address no lab server stands behind goes to a closed port: refused at once.
        servers: (written ?? []).map((s) => servers.get(s)?.endpoint ?? '127.0.0.1:9'),
      }),
    verifyDeadlineMs: 800,
    log: (line) => logs.push(line),
  };
  return {
    env,
    file,
    dataDir,
    executed,
    reads: () => reads,
    logs,
    servers,
    close: async () => {
      await Promise.all([...servers.values()].map((s) => s.close()));
    },
  };
}
