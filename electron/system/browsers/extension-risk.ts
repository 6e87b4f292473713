// Which extensions are of a kind known to break sites like the service (VPNs and proxies, ad and script blockers,
// privacy tools, anything that blocks or rewrites requests), by name and by the permissions that let them do it.
// Pure. The permission names are Chrome's and Firefox's WebExtension API names (developer.chrome.com
// "Declare permissions"; AdGuard VPN's manifest, AdguardTeam/AdGuardVPNExtension tasks/chrome/manifest.chrome.js,
// asks for `proxy` and `webRequestBlocking`, for example).
import type { ExtensionRisk } from '../../common/browser-schema.js';

const NAME_RULES: { kind: ExtensionRisk['kind']; pattern: RegExp; reason: string }[] = [
  {
    kind: 'vpn-proxy',
    pattern: /\b(vpn|proxy|proxies|tunnel|tor)\b|hola\b|windscribe|browsec|zenmate|foxyproxy|switchyomega|hotspot shield/i,
    reason: "A VPN or proxy: it can send the service's traffic through another server, which the service may refuse.",
  },
  {
    kind: 'blocker',
    pattern: /ad ?block|ublock|adguard|ghostery|noscript|scriptsafe|umatrix|\bblocker\b|\bblock(s|ing)? ads\b|content block/i,
    reason: 'An ad or script blocker: it can block a script or request the service needs to load.',
  },
  {
    kind: 'privacy',
    pattern: /privacy|tracker|tracking|fingerprint|cookie|decentraleyes|localcdn|disconnect|https everywhere|user[- ]?agent|webrtc/i,
    reason: 'A privacy tool: it can block cookies, scripts or connections the service relies on, for example to sign you in.',
  },
];

const PERMISSION_RULES: { permission: string; kind: ExtensionRisk['kind']; reason: string }[] = [
  { permission: 'proxy', kind: 'vpn-proxy', reason: "It can change the browser's proxy settings, so pages may go through another server." },
  { permission: 'webRequestBlocking', kind: 'request-control', reason: "It can block or change the browser's requests to websites." },
  { permission: 'declarativeNetRequest', kind: 'request-control', reason: "It can block or redirect the browser's requests to websites." },
  { permission: 'declarativeNetRequestWithHostAccess', kind: 'request-control', reason: "It can block or redirect the browser's requests to websites." },
  { permission: 'contentSettings', kind: 'privacy', reason: 'It can block cookies or JavaScript on the sites it chooses.' },
  { permission: 'privacy', kind: 'privacy', reason: "It can change the browser's privacy settings (for example how WebRTC connects)." },
];

/** Why this extension may break the service, or null. Its name speaks first, then its permissions. */
export function extensionRisk(name: string, permissions: readonly string[]): ExtensionRisk | null {
  const byName = NAME_RULES.find((rule) => rule.pattern.test(name));
  if (byName) return { kind: byName.kind, reason: byName.reason };
  const byPermission = PERMISSION_RULES.find((rule) => permissions.includes(rule.permission));
  return byPermission ? { kind: byPermission.kind, reason: byPermission.reason } : null;
}
