// Runs the per-OS route commands: the default route(s) and the route the kernel picks for one address.
import { isIP } from 'node:net';
import type { Route } from './route.js';
import { linuxDefaultRoutesArgv, linuxDefaultRoutesTextArgv, linuxRouteGetArgv, parseIpJsonRoutes, parseIpTextRoutes } from './routes-linux.js';
import { macosRouteGetArgv, parseMacosRouteGet } from './routes-macos.js';
import { parseNetRouteJson, parseRoutePrintDefaults, windowsDefaultRoutesArgv, windowsRoutePrintArgv, windowsRouteToArgv } from './routes-windows.js';
import { memoizePerSweep } from './per-sweep.js';
import { runCommand, type Runner } from '../run-command.js';

export interface RouteOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  platform?: NodeJS.Platform;
  run?: Runner;
}

export interface RouteReading {
  routes: Route[];
  /** The command that produced them (evidence). */
  command: string;
  durationMs: number;
  error?: string;
}

interface Attempt {
  argv: string[];
  parse: (stdout: string) => Route[];
}

async function firstWorking(attempts: Attempt[], options: RouteOptions): Promise<RouteReading> {
  const run = options.run ?? runCommand;
  const started = performance.now();
  let lastError = 'no command for this platform';
  let lastCommand = '';
  for (const attempt of attempts) {
    lastCommand = attempt.argv.slice(0, 3).join(' ');
    try {
      const result = await run(attempt.argv, { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
      return { routes: attempt.parse(result.stdout), command: lastCommand, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      lastError = (error as Error).message;
      if (options.signal?.aborted) break;
    }
  }
  return { routes: [], command: lastCommand, durationMs: Math.round(performance.now() - started), error: lastError };
}

const single = (parse: (stdout: string) => Route | null) => (stdout: string): Route[] => {
  const route = parse(stdout);
  return route ? [route] : [];
};

export function readDefaultRoutes(options: RouteOptions): Promise<RouteReading> {
  switch (options.platform ?? process.platform) {
    case 'linux':
      return firstWorking(
        [
          { argv: linuxDefaultRoutesArgv(4), parse: parseIpJsonRoutes },
          { argv: linuxDefaultRoutesTextArgv(), parse: parseIpTextRoutes },
        ],
        options,
      );
    case 'darwin':
      return firstWorking([{ argv: macosRouteGetArgv('default'), parse: single(parseMacosRouteGet) }], options);
    case 'win32':
      return firstWorking(
        [
          { argv: windowsDefaultRoutesArgv(), parse: parseNetRouteJson },
          { argv: windowsRoutePrintArgv(), parse: parseRoutePrintDefaults },
        ],
        options,
      );
    default:
      return firstWorking([], options);
  }
}

/**
 * One reading of the default route(s) per sweep (key: the sweep's AbortSignal): the connection and vpn-proxy
 * checks both need it, and on Windows each reading starts PowerShell.
 */
export const readDefaultRoutesForSweep = memoizePerSweep(readDefaultRoutes);

/** The route the OS would use to reach `address` (an IP literal). */
export function readRouteTo(address: string, options: RouteOptions): Promise<RouteReading> {
  if (isIP(address) === 0) return Promise.resolve({ routes: [], command: '', durationMs: 0, error: `not an IP address: ${address}` });
  switch (options.platform ?? process.platform) {
    case 'linux':
      return firstWorking([{ argv: linuxRouteGetArgv(address), parse: parseIpJsonRoutes }], options);
    case 'darwin':
      return firstWorking([{ argv: macosRouteGetArgv(address), parse: single(parseMacosRouteGet) }], options);
    case 'win32':
      return firstWorking([{ argv: windowsRouteToArgv(address), parse: parseNetRouteJson }], options);
    default:
      return firstWorking([], options);
  }
}
