// The bench's lab worlds: issue 9's table (time to verdict, side by side with the reference diagnoser). Each is
// a scenario world (e2e/scenarios) run with the CLI's default deadline.
import { world } from '../../e2e/scenarios/scenarios.js';
import type { WorldSpec } from '../../e2e/scenarios/world-spec.js';

/** The CLI's default deadline (no --timeout): the worlds' figures are the ones a user gets. */
const DEFAULT_DEADLINE_MS = 10_000;

/** A LAN address besides loopback: the reference diagnoser resolves with `getent ahostsv4`, whose AI_ADDRCONFIG finds
 * nothing on a machine with loopback alone. */
const benchWorld = (name: string, changes: Partial<WorldSpec>): WorldSpec => ({ ...world(name, { network: 'lan', ...changes }), timeoutMs: DEFAULT_DEADLINE_MS });
const both = (page: NonNullable<WorldSpec['targets'][number]['page']>, extra: Partial<WorldSpec['targets'][number]> = {}): WorldSpec['targets'] => [
  { id: 'app', host: 'chat.lab', page, ...extra },
  { id: 'auth', host: 'auth.chat.lab', page, ...extra },
];

export const BENCH_WORLDS: WorldSpec[] = [
  benchWorld('every answer 300 ms late', { lateMs: 300 }),
  benchWorld('edge 502 + status-page incident', { targets: both({ kind: 'cloudflare', status: 502 }), status: 'major-outage' }),
  benchWorld('server answers 504 after 1.2 s', { targets: both({ kind: 'status', status: 504 }, { delayMs: 1_200 }) }),
  benchWorld('status page silent, site 502', { targets: both({ kind: 'cloudflare', status: 502 }), status: 'hang' }),
  benchWorld('VPN black hole', { vpn: 'default-route' }),
  benchWorld('DNS silent', { systemDns: { silent: true }, referenceDns: { silent: true } }),
];
