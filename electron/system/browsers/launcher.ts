// Starts a browser with an argv array (never a shell), detached from this app so closing the app leaves the
// browser open, its output ignored. A browser that cannot start at all (missing, not executable) or closes at once
// with an error becomes one plain sentence; one still running after a short watch, or that handed the address to
// an already open window and left with status 0 (Chromium's and Firefox's usual way), is a success.
import { spawn } from 'node:child_process';

export type LaunchOutcome = { ok: true } | { ok: false; message: string; detail: string };

export interface LaunchOptions {
  /** The browser's name, for the message. */
  name: string;
  /** How long a failure at start-up is watched for. */
  watchMs?: number;
  env?: NodeJS.ProcessEnv;
}

export const LAUNCH_WATCH_MS = 1_500;

/** The environment a browser gets: this process's, minus what would make an Electron binary behave as Node. */
export function browserEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  return copy;
}

function startFailure(name: string, error: NodeJS.ErrnoException): LaunchOutcome {
  const code = error.code ?? 'error';
  if (code === 'ENOENT') {
    return { ok: false, message: `${name} could not be started: its program is no longer where it was found (it may have been moved or uninstalled).`, detail: code };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return { ok: false, message: `${name} could not be started: this user account is not allowed to run its program.`, detail: code };
  }
  return { ok: false, message: `${name} could not be started.`, detail: code };
}

export function launchDetached(argv: readonly string[], options: LaunchOptions): Promise<LaunchOutcome> {
  const [command, ...args] = argv;
  if (!command) return Promise.resolve({ ok: false, message: `${options.name} could not be started.`, detail: 'empty argv' });
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { detached: true, stdio: 'ignore', shell: false, env: browserEnvironment(options.env) });
    } catch (error) {
      resolve(startFailure(options.name, error as NodeJS.ErrnoException));
      return;
    }
    let settled = false;
    const settle = (outcome: LaunchOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.removeAllListeners();
      // A later error (none is expected once it runs) must not crash the engine.
      child.on('error', () => {});
      child.unref();
      resolve(outcome);
    };
    child.once('error', (error) => settle(startFailure(options.name, error)));
    child.once('exit', (code, signal) => {
      if (code === 0) settle({ ok: true });
      else
        settle({
          ok: false,
          message: `${options.name} closed as soon as it started, so nothing was opened. Open ${options.name} yourself and try again.`,
          detail: signal ? `signal ${signal}` : `exit status ${code ?? 'unknown'}`,
        });
    });
    const timer = setTimeout(() => settle({ ok: true }), options.watchMs ?? LAUNCH_WATCH_MS);
  });
}
