// The IPC contract: the one place that names every channel between the UI and the engine, with the schema of
// what goes in and what comes out. Main validates every input against it, the preload and the development
// bridge build `window.gatewayDoctor` from it, and the renderer and tests use its types.
import { z } from 'zod';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './channels.js';
import {
  DnsRevertRequestSchema,
  DnsRevertResultSchema,
  DnsStatusSchema,
  DnsSwitchRequestSchema,
  DnsSwitchResultSchema,
  InterfaceDnsSchema,
} from './dns-schema.js';
import { checkServiceUrl, SERVICE_URL_MAX_LENGTH } from './service-url.js';
import { ProfileSchema, ProgressEventSchema, ReportSchema } from './spec.js';
import { BrowserListSchema, OpenInBrowserRequestSchema, OpenInBrowserResultSchema } from './browser-schema.js';
import { AllowedLinksSchema, OpenExternalRequestSchema, OpenExternalResultSchema } from './external-links.js';
import {
  ClearProgressResultSchema,
  LoadProgressResultSchema,
  SaveProgressRequestSchema,
  SaveProgressResultSchema,
} from './progress-schema.js';
import { WatchStateSchema } from './watch.js';

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'web-bridge']),
  profile: ProfileSchema,
  /** The built-in service the profile is (absent for a typed address or a profile file). */
  serviceId: z.string().optional(),
  steps: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const DIAGNOSE_TIMEOUT = { min: 1_000, max: 120_000, default: 10_000 } as const;

export const DiagnoseRequestSchema = z
  .object({
    /** Run only these checks (by check id); all of them when absent. */
    checks: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/)).max(50).optional(),
    timeoutMs: z.number().int().min(DIAGNOSE_TIMEOUT.min).max(DIAGNOSE_TIMEOUT.max).optional(),
  })
  .strict();
export type DiagnoseRequest = z.infer<typeof DiagnoseRequestSchema>;

/** Runs some checks again (a step's, or DNS's after a change) and merges them into the latest report. */
export const RecheckRequestSchema = z
  .object({
    checks: z.array(z.string().regex(/^[a-z0-9-]{1,40}$/)).min(1).max(50),
    timeoutMs: z.number().int().min(DIAGNOSE_TIMEOUT.min).max(DIAGNOSE_TIMEOUT.max).optional(),
  })
  .strict();
export type RecheckRequest = z.infer<typeof RecheckRequestSchema>;

/** `text`: the plain-text summary (at most 15 lines) for a chat or ticket box. */
export const REPORT_FORMATS = ['json', 'md', 'html', 'text'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const ExportReportRequestSchema = z
  .object({ format: z.enum(REPORT_FORMATS), redact: z.boolean() })
  .strict();

/** The rendered report of the latest diagnosis; the UI saves it as a download (a save dialog in Electron). */
export const ExportedReportSchema = z.object({
  fileName: z.string().regex(/^[\w.-]+$/),
  mimeType: z.string(),
  content: z.string(),
});
export type ExportedReport = z.infer<typeof ExportedReportSchema>;

/** What a DNS switch would change, shown for confirmation before anything is changed. */
export const DnsPlanSchema = z.object({
  backend: z.string(),
  backendLabel: z.string(),
  servers: z.array(z.string()),
  /** The interfaces that will change, as they are now. */
  interfaces: z.array(InterfaceDnsSchema),
  warnings: z.array(z.string()),
  /** The change needs an administrator's password (an OS prompt will ask). */
  needsElevation: z.boolean(),
});
export type DnsPlan = z.infer<typeof DnsPlanSchema>;

export const DnsProgressSchema = z.object({ message: z.string() });

/** The id under which listServices offers the profile the app was started with, when it is not a built-in service
 * (a --profile file): switching away from it must not lose the way back. Never a built-in service's id. */
export const START_PROFILE_ID = 'start-profile';

/** A built-in service as a start screen lists it. */
export const ServiceSummarySchema = z.object({ id: z.string(), name: z.string(), host: z.string() });
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>;

/** The service to diagnose from now on: a built-in one by id, or any http(s) address (SPEC.md "Built-in services"). */
export const ServiceSelectionSchema = z.union([
  z.object({ service: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a built-in service id') }).strict(),
  z
    .object({
      url: z
        .string()
        .max(SERVICE_URL_MAX_LENGTH)
        .superRefine((value, context) => {
          const checked = checkServiceUrl(value);
          if (!checked.ok) context.addIssue({ code: 'custom', message: checked.message });
        }),
    })
    .strict(),
]);
export type ServiceSelection = z.infer<typeof ServiceSelectionSchema>;

/** Bounds of a watch started from the app: a short first delay is for tests and impatient people. */
export const WATCH_FIRST_CHECK = { min: 1_000, max: 30_000, default: 30_000 } as const;
export const WATCH_DURATION_MINUTES = { min: 1, max: 720, default: 60 } as const;

export const StartWatchRequestSchema = z
  .object({
    /** Before the first re-check; later ones back off from twice this, up to every 5 minutes. */
    firstCheckMs: z.number().int().min(WATCH_FIRST_CHECK.min).max(WATCH_FIRST_CHECK.max).optional(),
    /** The watch expires after this long. */
    forMinutes: z.number().int().min(WATCH_DURATION_MINUTES.min).max(WATCH_DURATION_MINUTES.max).optional(),
  })
  .strict()
  .optional();
export type StartWatchRequest = z.infer<typeof StartWatchRequestSchema>;

/** Request/response channels. The key is the preload method's name. */
export const invokeChannels = {
  getInfo: { channel: INVOKE_CHANNELS.getInfo, input: z.undefined(), output: AppInfoSchema },
  runDiagnosis: { channel: INVOKE_CHANNELS.runDiagnosis, input: DiagnoseRequestSchema, output: ReportSchema },
  recheck: { channel: INVOKE_CHANNELS.recheck, input: RecheckRequestSchema, output: ReportSchema },
  exportReport: { channel: INVOKE_CHANNELS.exportReport, input: ExportReportRequestSchema, output: ExportedReportSchema },
  dnsStatus: { channel: INVOKE_CHANNELS.dnsStatus, input: z.undefined(), output: DnsStatusSchema },
  dnsPlan: { channel: INVOKE_CHANNELS.dnsPlan, input: DnsSwitchRequestSchema, output: DnsPlanSchema },
  dnsSwitch: { channel: INVOKE_CHANNELS.dnsSwitch, input: DnsSwitchRequestSchema, output: DnsSwitchResultSchema },
  dnsRevert: { channel: INVOKE_CHANNELS.dnsRevert, input: DnsRevertRequestSchema, output: DnsRevertResultSchema },
  /** Installed browsers, what the app can do in each, and their extensions (read-only). */
  listBrowsers: { channel: INVOKE_CHANNELS.listBrowsers, input: z.undefined(), output: BrowserListSchema },
  /** Opens the current profile's first target (never an address from the UI) in a browser, normally or privately,
   * or that browser's extensions page. */
  openInBrowser: { channel: INVOKE_CHANNELS.openInBrowser, input: OpenInBrowserRequestSchema, output: OpenInBrowserResultSchema },
  /** The addresses the system browser may be asked to open: the profile's https origins and the measured portal. */
  allowedLinks: { channel: INVOKE_CHANNELS.allowedLinks, input: z.undefined(), output: AllowedLinksSchema },
  /** Electron: main checks the address against allowedLinks and opens it in the system browser. The bridge only
   * checks it and hands it back for the page to open. */
  openExternal: { channel: INVOKE_CHANNELS.openExternal, input: OpenExternalRequestSchema, output: OpenExternalResultSchema },
  /** The wizard's progress saved in the app's data folder (the bridge keeps it in memory only). */
  loadProgress: { channel: INVOKE_CHANNELS.loadProgress, input: z.undefined(), output: LoadProgressResultSchema },
  saveProgress: { channel: INVOKE_CHANNELS.saveProgress, input: SaveProgressRequestSchema, output: SaveProgressResultSchema },
  /** "Start over". */
  clearProgress: { channel: INVOKE_CHANNELS.clearProgress, input: z.undefined(), output: ClearProgressResultSchema },
  listServices: { channel: INVOKE_CHANNELS.listServices, input: z.undefined(), output: z.array(ServiceSummarySchema) },
  /** Switches the service: clears the last report and stops a running watch; answers the new AppInfo. */
  selectService: { channel: INVOKE_CHANNELS.selectService, input: ServiceSelectionSchema, output: AppInfoSchema },
  /** Starts watching the current service, or answers the watch already running (never two at once). */
  startWatch: { channel: INVOKE_CHANNELS.startWatch, input: StartWatchRequestSchema, output: WatchStateSchema },
  /** Stops the running watch; answers its final state (null when none ever ran for this service). */
  stopWatch: { channel: INVOKE_CHANNELS.stopWatch, input: z.undefined(), output: WatchStateSchema.nullable() },
  getWatch: { channel: INVOKE_CHANNELS.getWatch, input: z.undefined(), output: WatchStateSchema.nullable() },
} as const;

/** Main-to-renderer events. The key is the preload's subscribe method. */
export const eventChannels = {
  onProgress: { channel: EVENT_CHANNELS.onProgress, payload: ProgressEventSchema },
  onDnsProgress: { channel: EVENT_CHANNELS.onDnsProgress, payload: DnsProgressSchema },
  /** Every change of the watch's state (a broadcast: not tied to a call). */
  onWatch: { channel: EVENT_CHANNELS.onWatch, payload: WatchStateSchema },
} as const;

export type InvokeMethod = keyof typeof invokeChannels;
export type EventMethod = keyof typeof eventChannels;
export type InvokeInput<M extends InvokeMethod> = z.input<(typeof invokeChannels)[M]['input']>;
export type InvokeOutput<M extends InvokeMethod> = z.output<(typeof invokeChannels)[M]['output']>;
export type EventPayload<E extends EventMethod> = z.output<(typeof eventChannels)[E]['payload']>;

type InvokeApi = {
  [M in InvokeMethod]: InvokeInput<M> extends undefined
    ? () => Promise<InvokeOutput<M>>
    : undefined extends InvokeInput<M>
      ? (input?: InvokeInput<M>) => Promise<InvokeOutput<M>>
      : (input: InvokeInput<M>) => Promise<InvokeOutput<M>>;
};
type EventApi = {
  [E in EventMethod]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

/** What the preload (or the development bridge) exposes as `window.gatewayDoctor`. */
export type GatewayDoctorApi = InvokeApi & EventApi;

// Both maps must name the same methods as channels.ts (which the preload uses without zod).
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const invokeKeysMatch: SameKeys<typeof invokeChannels, typeof INVOKE_CHANNELS> = true;
const eventKeysMatch: SameKeys<typeof eventChannels, typeof EVENT_CHANNELS> = true;
void invokeKeysMatch;
void eventKeysMatch;

export const INVOKE_METHODS = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];
export const EVENT_METHODS = Object.keys(EVENT_CHANNELS) as EventMethod[];
