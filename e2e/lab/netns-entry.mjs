// Runs inside `unshare --mount --net`: brings up loopback, bind-mounts the lab's resolv.conf (and hosts),
// then runs the command with inherited stdio and exits with its status.
import { execFileSync, spawn } from 'node:child_process';

const spec = JSON.parse(process.argv[2]);
execFileSync('ip', ['link', 'set', 'lo', 'up']);
// Private propagation: our bind mounts must never reach the machine's own mount namespace.
execFileSync('mount', ['--make-rprivate', '/']);
execFileSync('mount', ['--bind', spec.resolvConf, '/etc/resolv.conf']);
if (spec.hosts) execFileSync('mount', ['--bind', spec.hosts, '/etc/hosts']);
const [command, ...args] = spec.argv;
const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
