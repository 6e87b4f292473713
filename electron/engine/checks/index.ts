// Every automated check, in wizard order. The sweep runs them concurrently.
import type { CheckDefinition } from '../check.js';
import { statusPageCheck } from './status-page.js';

export const ALL_CHECKS: CheckDefinition[] = [statusPageCheck];
