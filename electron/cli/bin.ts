// Process entry of `gateway-doctor`: wires runCli to the real streams and exit status.
import { printableLine } from '../common/printable.js';
import { runCli } from './cli.js';

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  // Only a command that asks (watch) replaces Ctrl+C's default; it stops cleanly and exits with its own status.
  onInterrupt: (listener) => {
    process.on('SIGINT', listener);
    process.on('SIGTERM', listener);
    return () => {
      process.off('SIGINT', listener);
      process.off('SIGTERM', listener);
    };
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`gateway-doctor: ${printableLine(String(error))}\n`);
    process.exitCode = 1;
  },
);
