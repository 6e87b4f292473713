// Which addresses the app may hand to the system browser: https pages of the profile's own origins (its targets,
// its status page — summary.json as well as the page's home — and its support page), and the captive portal's
// sign-in page the engine itself measured (the one plain-http address allowed). Pure, runs anywhere: the engine
// derives the list, Electron's main process checks every address against it before shell.openExternal.
import { z } from 'zod';
import type { Profile, Report } from './spec.js';

export const AllowedLinksSchema = z.object({
  /** https: origins ("https://status.openai.com"). */
  origins: z.array(z.string()),
  /** The captive portal's sign-in address from the last measurement, or null. */
  portal: z.string().nullable(),
  /** Exact https pages beyond those origins: the browsers' own help pages (browser-help.ts). */
  pages: z.array(z.string()).default([]),
});
export type AllowedLinks = z.infer<typeof AllowedLinksSchema>;

export const OpenExternalRequestSchema = z.object({ url: z.string().max(4_096) }).strict();
export type OpenExternalRequest = z.infer<typeof OpenExternalRequestSchema>;

export const OpenExternalResultSchema = z.object({
  /** The address, normalised, as it was (or may be) opened. */
  url: z.string(),
  /** true: the system browser was asked to open it (Electron); false: the page opens it itself (the bridge). */
  opened: z.boolean(),
});
export type OpenExternalResult = z.infer<typeof OpenExternalResultSchema>;

/** Why an address was not opened (for the UI's error line). */
export const EXTERNAL_LINK_REFUSED =
  "Gateway Doctor opens only the service's own pages, its status and help pages, the browsers' help pages, and this network's sign-in page: this address is none of them.";

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The https: origins of the profile's targets, status page and support page. */
export function externalOrigins(profile: Pick<Profile, 'targets' | 'statusPage' | 'supportUrl'>): string[] {
  const origins = new Set<string>();
  for (const url of [...profile.targets.map((t) => t.url), profile.supportUrl, profile.statusPage?.url]) {
    const parsed = url === undefined ? null : parse(url);
    if (parsed?.protocol === 'https:') origins.add(parsed.origin);
  }
  return [...origins];
}

/** An address fit to open: http(s), a host, no credentials; normalised. */
function openable(url: string, protocols: readonly string[]): URL | null {
  const parsed = parse(url);
  if (!parsed || !protocols.includes(parsed.protocol) || parsed.hostname === '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed;
}

/**
 * Where a captive portal's sign-in page is, from what the connectivity check got: the redirect's target resolved
 * against the check's address, or (a 511, or a page in place of the empty 204) the check's own address. Null for
 * a redirect to anything but a plain http(s) page (javascript:, file:, credentials).
 */
export function portalSignInAddress(checkUrl: string, location: string | undefined): string | null {
  let target: string;
  try {
    target = location ? new URL(location, checkUrl).href : checkUrl;
  } catch {
    return null;
  }
  const parsed = openable(target, ['http:', 'https:']);
  return parsed && parsed.href.length <= 2_048 ? parsed.href : null;
}

/** The sign-in page of a captive portal measured in `report` (its facts), or null when none was measured. */
export function measuredPortal(report: Pick<Report, 'facts'>): string | null {
  const connectivity = report.facts?.connectivity;
  if (!connectivity?.portal || !connectivity.portalUrl) return null;
  return openable(connectivity.portalUrl, ['http:', 'https:'])?.href ?? null;
}

/**
 * The normalised address to hand to the system browser, or null when it must not be opened: https: on one of the
 * allowed origins, or exactly the measured portal address (http allowed for that one only); never credentials,
 * javascript:, file:, data: or anything else.
 */
export function externalUrlToOpen(url: string, allowed: AllowedLinks | readonly string[]): string | null {
  const links: AllowedLinks = Array.isArray(allowed) ? { origins: [...allowed], portal: null, pages: [] } : (allowed as AllowedLinks);
  const portal = links.portal === null ? null : openable(links.portal, ['http:', 'https:']);
  const parsed = openable(url, ['http:', 'https:']);
  if (!parsed) return null;
  if (portal && parsed.href === portal.href) return parsed.href;
  if (parsed.protocol !== 'https:') return null;
  if ((links.pages ?? []).some((page) => openable(page, ['https:'])?.href === parsed.href)) return parsed.href;
  return links.origins.includes(parsed.origin) ? parsed.href : null;
}
