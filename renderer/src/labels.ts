// Words the wizard shows for the report's codes: results, causes, confidence.
import type { Cause, Verdict } from '../../electron/common/spec.js';
import type { StepResult } from './selectors.js';

export const RESULT_LABELS: Record<StepResult, string> = {
  pending: 'Not tried',
  running: 'Checking…',
  pass: 'OK',
  warn: 'Warning',
  fail: 'Problem found',
  error: "Couldn't check",
  skip: 'Skipped',
  'manual-ok': 'Fixed it',
  'manual-failed': "Didn't help",
};

/** The verdict banner's headline for each cause. */
export const CAUSE_HEADLINES: Record<Cause, (service: string) => string> = {
  'captive-portal': () => 'This network wants you to sign in first',
  vpn: () => 'Your VPN is blocking the connection',
  offline: () => 'This computer is offline',
  proxy: () => 'A proxy is getting in the way',
  'tls-interception': () => 'Something is intercepting secure connections',
  dns: () => 'Your DNS server is failing to find the site',
  'service-outage': (service) => `${service} is having an outage`,
  'server-error': (service) => `${service}'s servers are returning errors`,
  browser: () => 'The problem is in your browser or account',
  unknown: () => 'No single cause found yet',
};

/** Short names for causes listed under "Also found". */
export const CAUSE_NAMES: Record<Cause, string> = {
  'captive-portal': 'Captive portal (network sign-in page)',
  vpn: 'VPN',
  offline: 'No internet connection',
  proxy: 'Proxy',
  'tls-interception': 'Secure-connection interception',
  dns: 'DNS',
  'service-outage': 'Service outage',
  'server-error': 'Server error',
  browser: 'Browser or account',
  unknown: 'Unknown',
};

export const CONFIDENCE_LABELS: Record<Verdict['confidence'], string> = {
  high: 'High confidence',
  medium: 'Medium confidence',
  low: 'Low confidence',
};
