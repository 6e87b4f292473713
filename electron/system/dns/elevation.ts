// Elevation of the change alone. A process that already has the rights (root, Administrator) runs the commands
// itself; otherwise each OS's own prompt wraps exactly the commands of the change:
//   Linux  `pkexec /abs/path args…` (argv, no shell; every program by a trusted absolute path);
//   macOS  `osascript -e 'do shell script "…" with administrator privileges'`: do shell script runs /bin/sh, so
//          every argument is single-quoted for sh, then the whole escaped as an AppleScript string;
//   Windows an elevated PowerShell (Start-Process -Verb RunAs) running a Base64-encoded script in which every
//          argument is a single-quoted PowerShell string.
// The builders take argv arrays of validated data, and refuse control characters anyway (defence in depth).
import { hasControlChars } from '../../common/dns-schema.js';
import { windowsPowerShellPath } from '../run-command.js';
import { encodePowerShell } from './windows.js';

/** The user said no to the prompt, or no prompt could be shown: nothing was changed. */
export class ElevationRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElevationRefusedError';
  }
}

function checkArgs(argv: readonly string[]): void {
  if (argv.length === 0) throw new Error('empty command');
  for (const arg of argv) {
    if (hasControlChars(arg)) throw new Error(`refusing an argument with control characters: ${JSON.stringify(arg)}`);
  }
}

// ---------- Linux ----------

export function pkexecArgv(pkexec: string, argv: readonly string[]): string[] {
  checkArgs(argv);
  if (!argv[0]!.startsWith('/')) throw new Error(`pkexec needs an absolute program path, not "${argv[0]}"`);
  return [pkexec, ...argv];
}

/** pkexec's exit status 126: the user dismissed or failed the prompt; 127: not authorized or no agent. */
export function pkexecRefusal(exitCode: number | null, stderr: string): string | null {
  if (exitCode === 126) return 'the administrator password prompt was dismissed';
  if (exitCode === 127 && /not authorized|authoriz|agent/i.test(stderr)) return `the system refused the authorization (${stderr.trim().split('\n')[0]})`;
  return null;
}

/** nmcli and resolvectl ask polkit themselves; these are their words for a refusal. */
export function polkitRefusal(stderr: string): string | null {
  const match = /(insufficient privileges|not authorized|access denied|interactive authentication required|permission denied)/i.exec(stderr);
  return match ? `the system refused the authorization (${match[1]!.toLowerCase()})` : null;
}

// ---------- macOS ----------

export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function appleScriptString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** One prompt for every command; an optional command's failure does not stop the others. */
export function osascriptArgv(commands: readonly { argv: readonly string[]; optional?: boolean }[]): string[] {
  const parts = commands.map(({ argv, optional }) => {
    checkArgs(argv);
    const line = argv.map(shellQuote).join(' ');
    return optional ? `{ ${line} || true; }` : line;
  });
  const script = `do shell script ${appleScriptString(parts.join(' && '))} with administrator privileges`;
  return ['/usr/bin/osascript', '-e', script];
}

/** osascript's error -128 is "User canceled." */
export function osascriptRefusal(stderr: string): string | null {
  return /user canceled|\(-128\)/i.test(stderr) ? 'the administrator password prompt was cancelled' : null;
}

// ---------- Windows ----------

/** PowerShell single-quoted string: a quote (including the typographic ones PowerShell also accepts) is doubled. */
export function powershellQuote(arg: string): string {
  return `'${arg.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** The script the elevated PowerShell runs: each command in turn, stopping at the first required one that fails. */
export function elevatedScript(commands: readonly { argv: readonly string[]; optional?: boolean }[]): string {
  return commands
    .map(({ argv, optional }) => {
      checkArgs(argv);
      const call = `& ${argv.map(powershellQuote).join(' ')}`;
      return optional ? call : `${call}\nif ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }`;
    })
    .concat('exit 0')
    .join('\n');
}

export function windowsElevatedArgv(
  commands: readonly { argv: readonly string[]; optional?: boolean }[],
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const inner = encodePowerShell(elevatedScript(commands));
  // Both PowerShells by full path (never found through PATH). The inner script is Base64 only ([A-Za-z0-9+/=]), so
  // it sits safely inside the single-quoted argument list; the path is quoted like every other argument.
  const powershell = windowsPowerShellPath(env);
  const outer =
    `$p = Start-Process -FilePath ${powershellQuote(powershell)} -Verb RunAs -Wait -PassThru -WindowStyle Hidden ` +
    `-ArgumentList '-NoProfile','-NonInteractive','-ExecutionPolicy','Bypass','-EncodedCommand','${inner}'; exit $p.ExitCode`;
  return [powershell, '-NoProfile', '-NonInteractive', '-Command', outer];
}

/** Start-Process says "The operation was canceled by the user" when UAC's prompt is declined. */
export function uacRefusal(stderr: string): string | null {
  return /canceled by the user|cancelled by the user/i.test(stderr) ? 'the administrator prompt (UAC) was declined' : null;
}
