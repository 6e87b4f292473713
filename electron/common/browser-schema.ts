// The browser actions as data: which browsers the app can act on, what the wizard may ask (open the service,
// privately, or the extensions page) and what it gets back. Runs anywhere (no Node, no DOM).
import { z } from 'zod';

export const BROWSER_IDS = ['chrome', 'edge', 'firefox', 'safari', 'brave', 'opera', 'vivaldi', 'chromium'] as const;
export const BrowserIdSchema = z.enum(BROWSER_IDS);
export type BrowserIdValue = z.infer<typeof BrowserIdSchema>;

export const BROWSER_OPEN_MODES = ['normal', 'private', 'extensions'] as const;
export const BrowserOpenModeSchema = z.enum(BROWSER_OPEN_MODES);
export type BrowserOpenMode = z.infer<typeof BrowserOpenModeSchema>;

/** The renderer names a browser and a mode only: the address is always the current profile's first target. */
export const OpenInBrowserRequestSchema = z.object({ browser: BrowserIdSchema, mode: BrowserOpenModeSchema }).strict();
export type OpenInBrowserRequest = z.infer<typeof OpenInBrowserRequestSchema>;

export const OpenInBrowserResultSchema = z.object({
  opened: z.boolean(),
  browser: BrowserIdSchema,
  mode: BrowserOpenModeSchema,
  /** What was opened (the service's address, or the extensions page), null when nothing was. */
  url: z.string().nullable(),
  /** One plain sentence: what happened, or why not and what to do by hand. */
  message: z.string(),
  /** For support: the error code or exit status behind a failure. */
  detail: z.string().optional(),
});
export type OpenInBrowserResult = z.infer<typeof OpenInBrowserResultSchema>;

export const EXTENSION_RISK_KINDS = ['vpn-proxy', 'blocker', 'privacy', 'request-control'] as const;
export const ExtensionRiskSchema = z.object({ kind: z.enum(EXTENSION_RISK_KINDS), reason: z.string() });
export type ExtensionRisk = z.infer<typeof ExtensionRiskSchema>;

export const BrowserExtensionSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The browser profile it is installed in ("Default", "Profile 1", "default-release"). */
  profile: z.string(),
  enabled: z.boolean(),
  /** store: from the browser's add-on store; unpacked: loaded by a developer; external: put there by other software
   * or an administrator (policy); other: anything else. */
  source: z.enum(['store', 'unpacked', 'external', 'policy', 'other']),
  permissions: z.array(z.string()),
  /** Why this kind of extension is known to break sites, or null. */
  risk: ExtensionRiskSchema.nullable(),
});
export type BrowserExtension = z.infer<typeof BrowserExtensionSchema>;

export const ExtensionInventorySchema = z.object({
  /** Extensions the person installed (component and default ones left out), enabled or not. */
  total: z.number().int().nonnegative(),
  /** Enabled extensions of a kind known to break sites. */
  flagged: z.number().int().nonnegative(),
  items: z.array(BrowserExtensionSchema),
  /** Profile files that exist but could not be read ("Default/Preferences: not valid JSON"). */
  unreadable: z.array(z.object({ file: z.string(), reason: z.string() })),
  /** The inventory was not attempted for this browser (Safari keeps extensions inside its sandbox). */
  unavailable: z.string().optional(),
});
export type ExtensionInventory = z.infer<typeof ExtensionInventorySchema>;

export const InstalledBrowserInfoSchema = z.object({
  id: BrowserIdSchema,
  name: z.string(),
  engine: z.enum(['chromium', 'gecko', 'webkit']),
  /** What the app can do for the person in this browser. */
  actions: z.object({ open: z.boolean(), private: z.boolean(), extensionsPage: z.boolean() }),
  /** For an action the app cannot do: how the person does it by hand (one sentence each). */
  manual: z.object({ private: z.string().optional(), extensionsPage: z.string().optional() }),
  privateWindow: z.object({ name: z.string(), shortcut: z.string() }),
  /** The extensions page to type in the address bar, or where to find it. */
  extensionsPage: z.string(),
  extensions: ExtensionInventorySchema,
});
export type InstalledBrowserInfo = z.infer<typeof InstalledBrowserInfoSchema>;

export const BrowserListSchema = z.object({ browsers: z.array(InstalledBrowserInfoSchema) });
export type BrowserList = z.infer<typeof BrowserListSchema>;
