// `gateway-doctor`: the engine on the command line, for support staff and tests (SPEC.md "Command line").
// `runCli` takes its streams as arguments so tests can run it in-process; bin.ts wires it to the real process.
import { constants as fsConstants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { version as APP_VERSION } from '../../package.json';
import { DIAGNOSE_TIMEOUT } from '../common/contract.js';
import { printable, printableLine, printableValue } from '../common/printable.js';
import { parseResolverAddress, type Profile, type ProgressEvent } from '../common/spec.js';
import { diagnose } from '../engine/diagnose.js';
import { writeFileAtomic } from '../engine/fs/atomic-write.js';
import { ProfileError } from '../engine/profile.js';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../report/formats.js';
import { localRedactionContext } from '../report/identifiers.js';
import { redactReport } from '../report/redact.js';
import { formatReportText } from '../report/text.js';
import { commandDns, DNS_USAGE } from './dns-commands.js';
import { formatServiceList, profileFromOptions, SERVICE_OPTIONS, SERVICE_OPTIONS_USAGE, ServiceOptionsError } from './service-options.js';
import { commandWatch, WATCH_USAGE, WatchUsageError } from './watch-command.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is drawn on one line there). */
  stderrIsTty?: boolean;
  /** Subscribes to Ctrl+C for a command that stops cleanly on it (watch); returns the unsubscribe function. */
  onInterrupt?: (listener: () => void) => () => void;
}

/** Bad usage, bad profile or bad input: exit 2, one line, nothing changed. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

const USAGE = `Usage: gateway-doctor <command> [options]

Commands:
  diagnose ${SERVICE_OPTIONS_USAGE} [--json] [--out FILE] [--timeout MS]
      Run every automated check and say why the service fails (the report JSON with --json).
  report ${SERVICE_OPTIONS_USAGE} [--format json|md|html|text] [--out FILE] [--no-redact] [--timeout MS]
      Run a diagnosis and write the report for support (personal details redacted unless --no-redact);
      --format text: a summary of at most 15 lines for a chat or ticket.
${WATCH_USAGE}  services
      List the built-in services (their ids for --service).
${DNS_USAGE}  help
      Show this text.

Options:
  --profile FILE   diagnose the service described by FILE instead of the built-in ChatGPT profile
  --service ID     diagnose a built-in service (see "gateway-doctor services"; default chatgpt)
  --url URL        diagnose any web address (its host; its status.<domain> page when there is one)
                   (--profile, --service and --url exclude each other)
  --json           print the report as JSON (schemaVersion 1)
  --out FILE       write the output to FILE instead of standard output
  --timeout MS     the sweep's deadline in milliseconds (default ${DIAGNOSE_TIMEOUT.default})
`;

function parse(args: string[], options: ParseArgsConfig['options']) {
  try {
    return parseArgs({ args, options: options ?? {}, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DIAGNOSE_TIMEOUT.default;
  const ms = Number(value);
  // The same bounds as the app's (the IPC contract's).
  if (!/^\d+$/.test(value) || ms < DIAGNOSE_TIMEOUT.min || ms > DIAGNOSE_TIMEOUT.max) {
    throw new UsageError(`--timeout must be a whole number of milliseconds from ${DIAGNOSE_TIMEOUT.min} to ${DIAGNOSE_TIMEOUT.max}, not "${value}"`);
  }
  return ms;
}

/**
 * Progress on stderr. On a terminal: one line that updates in place ("Checking… 3 of 7: DNS resolution") and is
 * cleared when the sweep ends; elsewhere (logs, CI, pipes): one plain line per event.
 */
export function progressPrinter(io: CliIo): { onProgress: (event: ProgressEvent) => void; done: () => void } {
  let started = 0;
  let finished = 0;
  const running: string[] = [];
  if (!io.stderrIsTty) {
    return {
      onProgress: (event) => {
        if (event.type === 'check-started') io.stderr(`… ${printableLine(event.title)}\n`);
        else io.stderr(`${printableLine(event.result.status).padEnd(5)} ${printableLine(event.result.title)} (${event.result.durationMs} ms)\n`);
      },
      done: () => {},
    };
  }
  return {
    onProgress: (event) => {
      if (event.type === 'check-started') {
        started += 1;
        running.push(event.title);
      } else {
        finished += 1;
        running.splice(running.indexOf(event.result.title), 1);
      }
      const now = running[0] ? `: ${printableLine(running[0])}${running.length > 1 ? ` (+${running.length - 1})` : ''}` : '';
      io.stderr(`\r\x1b[KChecking… ${finished} of ${started} done${now}`);
    },
    done: () => io.stderr('\r\x1b[K'),
  };
}

async function commandDiagnose(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    ...SERVICE_OPTIONS,
    json: { type: 'boolean' },
    out: { type: 'string' },
    timeout: { type: 'string' },
  });
  const timeoutMs = parseTimeout(values.timeout as string | undefined);
  await checkOutPath(values.out as string | undefined);
  const profile = await profileFromOptions(values);
  io.stderr(`Diagnosing ${printableLine(profile.name)} (deadline ${timeoutMs} ms)\n`);
  const progress = progressPrinter(io);
  const report = redactReport(await diagnose({ profile, timeoutMs, onProgress: progress.onProgress }), localRedactionContext(resolverHosts(profile)));
  progress.done();
  // Every string of the report came from somewhere: each one is shown on its own line, never obeyed.
  await emitOutput(values.json ? renderReport(report, 'json') : formatReportText(printableValue(report)), values.out as string | undefined, io);
  return EXIT.ok;
}

async function commandReport(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    ...SERVICE_OPTIONS,
    format: { type: 'string' },
    out: { type: 'string' },
    'no-redact': { type: 'boolean' },
    timeout: { type: 'string' },
  });
  const format = (values.format ?? 'json') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${String(values.format)}"`);
  const timeoutMs = parseTimeout(values.timeout as string | undefined);
  await checkOutPath(values.out as string | undefined);
  const profile = await profileFromOptions(values);
  io.stderr(`Diagnosing ${printableLine(profile.name)} for a support report (deadline ${timeoutMs} ms)\n`);
  const progress = progressPrinter(io);
  const raw = await diagnose({ profile, timeoutMs, onProgress: progress.onProgress });
  progress.done();
  const report = values['no-redact'] ? raw : redactReport(raw, localRedactionContext(resolverHosts(profile)));
  await emitOutput(renderReport(report, format), values.out as string | undefined, io);
  return EXIT.ok;
}

/** The profile's reference resolvers, kept readable in a redacted report (they are public servers, not the user's). */
function resolverHosts(profile: Profile): string[] {
  return profile.referenceResolvers.map((r) => parseResolverAddress(r)?.host).filter((h): h is string => h !== undefined);
}

/** Refuses an --out that cannot be written before the sweep runs, not after (exit 2, nothing done). */
async function checkOutPath(out: string | undefined): Promise<void> {
  if (out === undefined) return;
  const folder = path.dirname(path.resolve(out));
  try {
    await access(folder, fsConstants.W_OK);
  } catch (error) {
    throw new UsageError(`--out ${out}: the folder ${folder} cannot be written to (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Writes to --out (atomically: never a half-written report) or to standard output, neutralised for a terminal. */
async function emitOutput(output: string, out: string | undefined, io: CliIo): Promise<void> {
  if (out === undefined) {
    io.stdout(printable(output));
    return;
  }
  try {
    await writeFileAtomic(out, output);
  } catch (error) {
    // Name the file the user gave, not the temp file beside it.
    throw new Error(`could not write ${out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
  io.stderr(`Wrote ${printableLine(out)}\n`);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'diagnose':
        return await commandDiagnose(rest, io);
      case 'report':
        return await commandReport(rest, io);
      case 'dns':
        return await commandDns(rest, io);
      case 'watch':
        return await commandWatch(rest, io);
      case 'services':
        parse(rest, {});
        io.stdout(formatServiceList());
        return EXIT.ok;
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return EXIT.ok;
      case '--version':
        io.stdout(`${APP_VERSION}\n`);
        return EXIT.ok;
      case undefined:
        throw new UsageError('a command is needed (try "gateway-doctor help")');
      default:
        throw new UsageError(`unknown command "${command}" (try "gateway-doctor help")`);
    }
  } catch (error) {
    // Messages name files, profile values and server answers: one line each, neutralised.
    if (error instanceof UsageError || error instanceof ProfileError || error instanceof ServiceOptionsError || error instanceof WatchUsageError) {
      io.stderr(`gateway-doctor: ${printableLine(error.message)}\n`);
      return EXIT.usage;
    }
    io.stderr(`gateway-doctor: ${printableLine((error as Error).message ?? String(error))}\n`);
    return EXIT.failure;
  }
}
