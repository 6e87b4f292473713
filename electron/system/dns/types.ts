// The shapes shared by the DNS backends, the executor and the transaction: what a backend saves before a change
// (enough to restore it exactly), and the operations it plans (pure data the executor runs, elevated if needed).
import { z } from 'zod';
import type { DnsBackendId, InterfaceDns } from '../../common/dns-schema.js';

// ---------- What each backend saves (journal content; validated when read back) ----------

const ipList = z.array(z.string());

export const ResolvConfSavedSchema = z.object({
  kind: z.literal('resolv-conf'),
  /** The path the system reads (/etc/resolv.conf). */
  path: z.string(),
  /** Where it really lives when it is a symlink (written there, so the link stays a link). */
  target: z.string(),
  /** The exact bytes, so a restore is byte-identical. */
  contentBase64: z.string(),
  mode: z.number().int(),
});

export const NmFamilySavedSchema = z.object({
  method: z.string(),
  dns: ipList,
  ignoreAutoDns: z.boolean(),
});
export const NetworkManagerSavedSchema = z.object({
  kind: z.literal('networkmanager'),
  connections: z.array(
    z.object({ uuid: z.string(), name: z.string(), device: z.string(), ipv4: NmFamilySavedSchema, ipv6: NmFamilySavedSchema }),
  ),
});

export const ResolvedSavedSchema = z.object({
  kind: z.literal('systemd-resolved'),
  links: z.array(z.object({ link: z.string(), servers: ipList, domains: z.array(z.string()), defaultRoute: z.boolean().optional() })),
});

export const MacosSavedSchema = z.object({
  kind: z.literal('macos'),
  /** Per network service: its manual list, empty when automatic (DHCP). */
  services: z.array(z.object({ name: z.string(), servers: ipList })),
});

export const WindowsSavedSchema = z.object({
  kind: z.literal('windows'),
  /** Per adapter: the static list of each family, null when it is automatic (DHCP). */
  adapters: z.array(
    z.object({ ifIndex: z.number().int().positive(), alias: z.string(), staticIpv4: ipList.nullable(), staticIpv6: ipList.nullable() }),
  ),
});

export const SavedConfigSchema = z.discriminatedUnion('kind', [
  ResolvConfSavedSchema,
  NetworkManagerSavedSchema,
  ResolvedSavedSchema,
  MacosSavedSchema,
  WindowsSavedSchema,
]);
export type SavedConfig = z.infer<typeof SavedConfigSchema>;
export type SavedConfigOf<K extends SavedConfig['kind']> = Extract<SavedConfig, { kind: K }>;

// ---------- Operations ----------

/** One step of a change. Pure data: the executor decides how to run it (directly, or elevated). */
export type Operation =
  | {
      kind: 'exec';
      argv: string[];
      /**
       * The tool asks the system for the right itself (nmcli and resolvectl go through polkit), so it never
       * needs an elevation wrapper around it.
       */
      selfAuthorizing?: boolean;
      /** A failure is a warning, not a failed change (cache flushes). */
      optional?: boolean;
    }
  | { kind: 'write-file'; path: string; contentBase64: string; mode: number };

/** What a backend reads: the interfaces as the user sees them, and what to save to restore them. */
export interface BackendState<S extends SavedConfig = SavedConfig> {
  interfaces: InterfaceDns[];
  saved: S;
}

export interface DnsBackend<S extends SavedConfig = SavedConfig> {
  id: DnsBackendId;
  /** For people: "NetworkManager", "/etc/resolv.conf"… */
  label: string;
  read(): Promise<BackendState<S>>;
  /** Operations that put `servers` on the named interfaces (names already checked against `state`). */
  planApply(state: BackendState<S>, interfaces: string[], servers: string[]): { operations: Operation[]; warnings: string[] };
  /** Operations that bring back exactly what `saved` holds. */
  planRestore(saved: S): Operation[];
  /** Cache flushes, run right after a change (optional operations). */
  planFlush(): Operation[];
  /**
   * How verification resolves: through the system's resolver configuration as c-ares reads it (Linux, where
   * /etc/resolv.conf is the truth or points to the local stub), or by asking the new servers directly (macOS and
   * Windows, where c-ares' view of the system may lag).
   */
  verifyThrough: 'system' | 'servers';
}
