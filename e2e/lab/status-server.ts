// Lab: a Statuspage-compatible `summary.json` server on loopback, switchable between the worlds tests need.
import { listenOnLoopback } from './listen.js';
import { readFileSync } from 'node:fs';
import http from 'node:http';

export type StatusScenario =
  | 'operational'
  | 'minor-unrelated'
  | 'major-outage'
  | 'component-degraded'
  | 'incident-no-components'
  /** A real-format page during a maintenance of Conversations (fixtures/statuspage/maintenance-in-progress.json). */
  | 'maintenance'
  | 'http-500'
  | 'malformed'
  | 'hang';

const component = (id: string, name: string, status = 'operational') => ({ id, name, status });
const OPERATIONAL_COMPONENTS = [
  component('cmp-conv', 'Conversations'),
  component('cmp-login', 'Login'),
  component('cmp-api', 'API'),
];

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/statuspage/${name}`, import.meta.url), 'utf8'));

/** The summary.json body a scenario serves (null for scenarios that do not answer with JSON). */
export function statusBody(scenario: StatusScenario): unknown {
  const page = { id: 'lab', name: 'Lab Status', url: 'http://127.0.0.1/' };
  switch (scenario) {
    case 'operational':
      return { page, status: { indicator: 'none', description: 'All Systems Operational' }, components: OPERATIONAL_COMPONENTS, incidents: [] };
    case 'minor-unrelated':
      return {
        page,
        status: { indicator: 'minor', description: 'Minor Service Outage' },
        components: [component('cmp-conv', 'Conversations'), component('cmp-login', 'Login'), component('cmp-api', 'API', 'degraded_performance')],
        incidents: [{ name: 'Elevated API latency', status: 'investigating', impact: 'minor', components: [{ id: 'cmp-api', name: 'API' }] }],
      };
    case 'major-outage':
      return {
        page,
        status: { indicator: 'major', description: 'Partial System Outage' },
        components: [component('cmp-conv', 'Conversations', 'major_outage'), component('cmp-login', 'Login'), component('cmp-api', 'API')],
        incidents: [{ name: 'Conversations unavailable', status: 'identified', impact: 'major', components: [{ id: 'cmp-conv', name: 'Conversations' }] }],
      };
    case 'component-degraded':
      return {
        page,
        status: { indicator: 'minor', description: 'Minor Service Outage' },
        components: [component('cmp-conv', 'Conversations'), component('cmp-login', 'Login', 'degraded_performance'), component('cmp-api', 'API')],
        incidents: [],
      };
    case 'incident-no-components':
      // incident.io pages often list no components even when some are affected: the title must decide.
      return {
        page,
        status: { indicator: 'minor', description: 'Minor Service Outage' },
        components: OPERATIONAL_COMPONENTS,
        incidents: [{ name: 'Increased error rates in Conversations', status: 'investigating', impact: 'minor', components: [] }],
      };
    case 'maintenance':
      return fixture('maintenance-in-progress.json');
    default:
      return null;
  }
}

export interface StatusServer {
  url: string;
  scenario: StatusScenario;
  requests: number;
  close(): Promise<void>;
}

export async function startStatusServer(initial: StatusScenario, host = '127.0.0.1', options: { delayMs?: number } = {}): Promise<StatusServer> {
  const state: StatusServer = { url: '', scenario: initial, requests: 0, close: async () => {} };
  const server = http.createServer((request, response) => {
    state.requests += 1;
    if (options.delayMs) setTimeout(() => answer(response), options.delayMs);
    else answer(response);
  });
  const answer = (response: http.ServerResponse): void => {
    switch (state.scenario) {
      case 'hang':
        return; // accept, never answer
      case 'http-500':
        response.writeHead(500, { 'content-type': 'text/html' }).end('<h1>500 Internal Server Error</h1>');
        return;
      case 'malformed':
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"status": {"indicator": "none"'); // cut short
        return;
      default:
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(statusBody(state.scenario)));
    }
  };
  const listener = await listenOnLoopback(server, host);
  state.close = listener.close;
  state.url = `http://${listener.urlHost}:${listener.port}/api/v2/summary.json`;
  return state;
}
