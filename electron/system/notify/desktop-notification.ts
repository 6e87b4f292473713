// A desktop notification from the CLI (`gateway-doctor watch --notify`), through the OS's own tool: notify-send on
// Linux, osascript on macOS, Windows PowerShell's toast API on Windows. The title and body are outside text (a
// profile's name, an incident's title), so they travel as argv items or environment variables, never inside a
// command string or a script's code. The argv builders are pure; a missing tool is a note, not a failure.
import { oneLine } from '../../common/one-line.js';
import { CommandError, runCommand, windowsPowerShellPath, type Runner } from '../run-command.js';

export interface NotificationCommand {
  argv: string[];
  /** Variables the script reads the text from (Windows). */
  env?: Record<string, string>;
}

/** A leading "-" would read as an option to the tool: replaced by a look-alike hyphen (U+2010). */
const asArgument = (text: string, max: number): string => oneLine(text, max).replace(/^-/, '\u2010');

/** AppleScript that takes the title and body as its run handler's arguments: the text is never part of the code. */
const OSASCRIPT_LINES = ['on run argv', 'display notification (item 2 of argv) with title (item 1 of argv)', 'end run'];

// The toast shows under Windows PowerShell's own app id (an unregistered id shows nothing on Windows 10/11).
const POWERSHELL_APP_ID = '{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\\WindowsPowerShell\\v1.0\\powershell.exe';
export const WINDOWS_TITLE_VARIABLE = 'GATEWAY_DOCTOR_NOTIFY_TITLE';
export const WINDOWS_BODY_VARIABLE = 'GATEWAY_DOCTOR_NOTIFY_BODY';
/** Fixed code: the text comes from the two variables, through CreateTextNode (text, never markup). */
const WINDOWS_TOAST_SCRIPT = [
  '$ErrorActionPreference = "Stop"',
  '[void][Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime]',
  '$xml = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02)',
  '$texts = $xml.GetElementsByTagName("text")',
  `[void]$texts.Item(0).AppendChild($xml.CreateTextNode($env:${WINDOWS_TITLE_VARIABLE}))`,
  `[void]$texts.Item(1).AppendChild($xml.CreateTextNode($env:${WINDOWS_BODY_VARIABLE}))`,
  `[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('${POWERSHELL_APP_ID}').Show([Windows.UI.Notifications.ToastNotification]::new($xml))`,
].join('; ');

/** The command that shows a notification on this platform, or null where there is no known tool. */
export function notificationCommand(
  title: string,
  body: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): NotificationCommand | null {
  const safeTitle = asArgument(title, 100);
  const safeBody = asArgument(body, 300);
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return { argv: ['notify-send', '--app-name=Gateway Doctor', '--', safeTitle, safeBody] };
    case 'darwin':
      return { argv: ['/usr/bin/osascript', ...OSASCRIPT_LINES.flatMap((line) => ['-e', line]), safeTitle, safeBody] };
    case 'win32':
      return {
        argv: [windowsPowerShellPath(env), '-NoProfile', '-NonInteractive', '-Command', WINDOWS_TOAST_SCRIPT],
        env: { [WINDOWS_TITLE_VARIABLE]: safeTitle, [WINDOWS_BODY_VARIABLE]: safeBody },
      };
    default:
      return null;
  }
}

export type NotifyOutcome = { sent: true } | { sent: false; note: string };

export interface NotifyOptions {
  platform?: NodeJS.Platform;
  run?: Runner;
  timeoutMs?: number;
}

/** Shows the notification; never throws: when it cannot be shown, the outcome says why in one line. */
export async function sendDesktopNotification(title: string, body: string, options: NotifyOptions = {}): Promise<NotifyOutcome> {
  const command = notificationCommand(title, body, options.platform ?? process.platform);
  if (command === null) return { sent: false, note: `desktop notifications are not supported on ${options.platform ?? process.platform}` };
  const run = options.run ?? runCommand;
  try {
    await run(command.argv, { timeoutMs: options.timeoutMs ?? 10_000, ...(command.env ? { env: command.env } : {}) });
    return { sent: true };
  } catch (error) {
    const tool = command.argv[0]!.split(/[\\/]/).pop()!;
    if (error instanceof CommandError && error.code === 'ENOENT') return { sent: false, note: `no desktop notification: ${tool} is not installed` };
    const reason = error instanceof CommandError && error.code === 'EEXIT' ? `it exited with status ${error.exitCode}` : (error as Error).message;
    return { sent: false, note: `no desktop notification: ${tool} failed (${oneLine(reason, 160)})` };
  }
}
