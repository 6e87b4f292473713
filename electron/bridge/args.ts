// The bridge's command line: `--profile FILE`, `--port N` (0 or absent: a random free port) and, for the bridge's
// own end-to-end tests, `--renderer-dir DIR` (serve another page than dist/renderer) and `--watch-first-check MS`
// (a watch's first re-check sooner than the app's 30 s, so a test of "Tell me when it works" need not wait).
import { parseArgs } from 'node:util';
import { WATCH_FIRST_CHECK } from '../common/contract.js';

export class BridgeUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeUsageError';
  }
}

export interface BridgeArgs {
  profile?: string;
  port: number;
  rendererDir?: string;
  watchFirstCheckMs?: number;
}

export function parseBridgeArgs(argv: string[]): BridgeArgs {
  let values: { profile?: string; port?: string; 'renderer-dir'?: string; 'watch-first-check'?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { profile: { type: 'string' }, port: { type: 'string' }, 'renderer-dir': { type: 'string' }, 'watch-first-check': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BridgeUsageError((error as Error).message.split('\n')[0]!);
  }
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d{1,5}$/.test(values.port) || port > 65535) {
      throw new BridgeUsageError(`--port must be a port number from 0 to 65535 (0: any free port), not "${values.port}"`);
    }
  }
  const args: BridgeArgs = { port };
  if (values.profile !== undefined) args.profile = values.profile;
  if (values['renderer-dir'] !== undefined) args.rendererDir = values['renderer-dir'];
  const firstCheck = values['watch-first-check'];
  if (firstCheck !== undefined) {
    const ms = Number(firstCheck);
    if (!/^\d{1,5}$/.test(firstCheck) || ms < WATCH_FIRST_CHECK.min || ms > WATCH_FIRST_CHECK.max) {
      throw new BridgeUsageError(`--watch-first-check must be milliseconds from ${WATCH_FIRST_CHECK.min} to ${WATCH_FIRST_CHECK.max}, not "${firstCheck}"`);
    }
    args.watchFirstCheckMs = ms;
  }
  return args;
}
