// Chrome's captive-portal rules for a connectivity-check answer (chrome/browser/captive_portal,
// components/captive_portal/core/captive_portal_detector.cc), fetched without following redirects:
//  - 204 No Content: open internet;  200 with an empty body: open (some networks rewrite 204 to 200);
//  - 511 Network Authentication Required, any redirect, or any other 2xx/3xx with content: a portal;
//  - other 4xx/5xx: no verdict (Chrome counts it as "no response"), e.g. a filtering proxy or a broken check.
// Pure.

export type ConnectivityVerdict = 'open' | 'portal' | 'unexpected';

export interface ConnectivityAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface ConnectivityClassification {
  verdict: ConnectivityVerdict;
  /** Why, for evidence: "204", "200 with an empty body", "511", "redirect to …", "200 with a page". */
  reason: string;
  /** Where a redirect points (the portal's login page). */
  location?: string;
}

export function classifyConnectivity(answer: ConnectivityAnswer): ConnectivityClassification {
  const { status } = answer;
  const emptyBody = answer.body.length === 0;
  if (status === 204) return { verdict: 'open', reason: '204 No Content' };
  if (status === 200 && emptyBody) return { verdict: 'open', reason: '200 with an empty body' };
  if (status === 511) return { verdict: 'portal', reason: '511 Network Authentication Required' };
  if (status >= 300 && status <= 399) {
    const location = answer.headers.location;
    return { verdict: 'portal', reason: location ? `${status} redirect to ${location}` : `${status} redirect`, ...(location ? { location } : {}) };
  }
  if (status >= 200 && status <= 299) return { verdict: 'portal', reason: `${status} with a page instead of an empty answer` };
  return { verdict: 'unexpected', reason: `${status} (neither the expected 204 nor a sign-in page)` };
}
