// Channel names of the IPC contract, free of schemas so the sandboxed preload stays a few KB. contract.ts pairs
// each with its schemas, and a compile-time check there keeps the two lists identical.
export const INVOKE_CHANNELS = {
  getInfo: 'app:get-info',
  runDiagnosis: 'diagnose:run',
  recheck: 'diagnose:recheck',
  exportReport: 'report:export',
  dnsStatus: 'dns:status',
  dnsPlan: 'dns:plan',
  dnsSwitch: 'dns:switch',
  dnsRevert: 'dns:revert',
  listBrowsers: 'browsers:list',
  openInBrowser: 'browsers:open',
  allowedLinks: 'links:allowed',
  openExternal: 'links:open-external',
  loadProgress: 'progress:load',
  saveProgress: 'progress:save',
  clearProgress: 'progress:clear',
  listServices: 'services:list',
  selectService: 'services:select',
  startWatch: 'watch:start',
  stopWatch: 'watch:stop',
  getWatch: 'watch:get',
} as const;

export const EVENT_CHANNELS = {
  onProgress: 'diagnose:progress',
  onDnsProgress: 'dns:progress',
  onWatch: 'watch:state',
} as const;

/** Events the engine sends outside any call (a watch goes on after startWatch has answered): main forwards them
 * to the app's window, the development bridge streams them on its event stream. */
export const BROADCAST_EVENTS = ['onWatch'] as const satisfies readonly (keyof typeof EVENT_CHANNELS)[];
