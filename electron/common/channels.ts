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
} as const;

export const EVENT_CHANNELS = {
  onProgress: 'diagnose:progress',
  onDnsProgress: 'dns:progress',
} as const;
