// The shapes shared by the DNS backends, the executor and the transaction: what a backend saves before a change
// (enough to restore it exactly), and the operations it plans (pure data the executor runs, elevated if needed).
import { z } from 'zod';
import { hasControlChars, type DnsBackendId, type InterfaceDns } from '../../common/dns-schema.js';

// ---------- What each backend saves (journal content; validated when read back) ----------
// The journal lives in the user's data folder, so anything could be in it: every shape is strict (no unknown key),
// every string and list bounded, and the restore plans check the rest (resolv-conf.ts: the path and target).

/** A resolv.conf larger than this is not one (glibc reads a few lines); bounds what a restore may write. */
export const RESOLV_CONF_MAX_BYTES = 64 * 1024;
const BASE64_MAX = 4 * Math.ceil(RESOLV_CONF_MAX_BYTES / 3);

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !hasControlChars(value), { message: 'control characters are not allowed' });
const list = <T extends z.ZodType>(item: T, max = 64) => z.array(item).max(max);
/** Server tokens as each tool prints them (resolvectl adds ports, zones and SNI names). */
const ipList = list(text(300), 32);
const absolutePath = text(4096).refine((value) => value.startsWith('/'), { message: 'must be an absolute path' });

export const ResolvConfSavedSchema = z.strictObject({
  kind: z.literal('resolv-conf'),
  /** The path the system reads (/etc/resolv.conf). */
  path: absolutePath,
  /** Where it really lives when it is a symlink (written there, so the link stays a link). */
  target: absolutePath,
  /** The exact bytes, so a restore is byte-identical. */
  contentBase64: z
    .string()
    .max(BASE64_MAX, { message: `more than ${RESOLV_CONF_MAX_BYTES} bytes` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'not Base64' }),
  /** For people reading the journal only: a write keeps the mode the file has then, never this one. */
  mode: z.number().int().min(0).max(0o7777).optional(),
});

export const NmFamilySavedSchema = z.strictObject({
  method: text(32),
  dns: ipList,
  ignoreAutoDns: z.boolean(),
});
export const NetworkManagerSavedSchema = z.strictObject({
  kind: z.literal('networkmanager'),
  connections: list(
    z.strictObject({ uuid: text(64), name: text(256), device: text(64), ipv4: NmFamilySavedSchema, ipv6: NmFamilySavedSchema }),
  ),
});

export const ResolvedSavedSchema = z.strictObject({
  kind: z.literal('systemd-resolved'),
  links: list(z.strictObject({ link: text(64), servers: ipList, domains: list(text(256)), defaultRoute: z.boolean().optional() })),
});

export const MacosSavedSchema = z.strictObject({
  kind: z.literal('macos'),
  /** Per network service: its manual list, empty when automatic (DHCP). */
  services: list(z.strictObject({ name: text(256), servers: ipList })),
});

export const WindowsSavedSchema = z.strictObject({
  kind: z.literal('windows'),
  /** Per adapter: the static list of each family, null when it is automatic (DHCP). */
  adapters: list(
    z.strictObject({ ifIndex: z.number().int().positive(), alias: text(256), staticIpv4: ipList.nullable(), staticIpv6: ipList.nullable() }),
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
  /** Replaces an existing file's bytes; it keeps its owner and mode (no mode is ever taken from a journal). */
  | { kind: 'write-file'; path: string; contentBase64: string };

/** What a backend reads: the interfaces as the user sees them, and what to save to restore them. */
export interface BackendState<S extends SavedConfig = SavedConfig> {
  interfaces: InterfaceDns[];
  saved: S;
}

export interface DnsBackend<S extends SavedConfig = SavedConfig> {
  id: DnsBackendId;
  /** For people: "NetworkManager", "/etc/resolv.conf"… */
  label: string;
  /** The most servers the system reads from this configuration (resolv.conf: glibc's three); no limit when absent. */
  maxServers?: number;
  read(): Promise<BackendState<S>>;
  /**
   * Operations that put `servers` on the named interfaces (names already checked against `state`). `original` is
   * what a later revert restores (the settings before Gateway Doctor's first change): a backend that can leave a
   * record of it in the system's own, administrator-owned configuration does so (resolv-conf.ts).
   */
  planApply(state: BackendState<S>, interfaces: string[], servers: string[], original?: S): { operations: Operation[]; warnings: string[] };
  /** Operations that bring back exactly what `saved` holds. */
  planRestore(saved: S): Operation[];
  /** Cache flushes, run right after a change (optional operations). */
  planFlush(): Operation[];
  /**
   * Before a revert restores settings a journal holds: whether they are what Gateway Doctor saved before the change
   * now in effect, as far as the system's own record tells ('restore'), or whether that change is no longer in
   * effect at all ('gone': something else rewrote the settings since; nothing is restored). Throws DnsStateError
   * when they are not Gateway Doctor's. Backends without such a record leave it out (the journal's seal decides).
   */
  checkSaved?(saved: S): Promise<'restore' | 'gone'>;
}
