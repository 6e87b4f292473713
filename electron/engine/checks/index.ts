// Every automated check, in wizard order (SPEC.md's steps). The sweep runs them concurrently.
import type { CheckDefinition } from '../check.js';
import { browsersCheck } from './browsers.js';
import { connectionCheck } from './connection.js';
import { dnsCheck } from './dns.js';
import { retryCheck } from './retry.js';
import { statusPageCheck } from './status-page.js';
import { targetsCheck } from './targets.js';
import { vpnProxyCheck } from './vpn-proxy.js';

export const ALL_CHECKS: CheckDefinition[] = [
  statusPageCheck, // status-page
  retryCheck, // wait-retry
  targetsCheck, // refresh
  browsersCheck, // other-browser
  connectionCheck, // connection
  dnsCheck, // dns
  vpnProxyCheck, // vpn-proxy
];
