// Where the app keeps its own files (the DNS journal, later settings): one folder per user, per OS convention.
// Electron passes app.getPath('userData') through GATEWAY_DOCTOR_DATA_DIR so the app and the CLI share one folder.
import { homedir } from 'node:os';
import path from 'node:path';

export interface AppDataDirOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

export const DATA_DIR_ENV = 'GATEWAY_DOCTOR_DATA_DIR';

export function appDataDir(options: AppDataDirOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  const override = env[DATA_DIR_ENV];
  if (override) return path.resolve(override);
  // path.win32/posix so the result has the target OS's separators even when computed elsewhere (tests).
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Gateway Doctor');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Gateway Doctor');
  // XDG: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  const configHome = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config');
  return path.posix.join(configHome, 'gateway-doctor');
}
