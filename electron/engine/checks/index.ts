// Every automated check, in wizard order. The sweep runs them concurrently.
import type { CheckDefinition } from '../check.js';
import { retryCheck } from './retry.js';
import { statusPageCheck } from './status-page.js';
import { targetsCheck } from './targets.js';
import { dnsCheck } from './dns.js';

export const ALL_CHECKS: CheckDefinition[] = [statusPageCheck, retryCheck, targetsCheck, dnsCheck];
