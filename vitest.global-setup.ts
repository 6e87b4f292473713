// Unit tests that run the real `gateway-doctor` binary need its bundle: build it (esbuild, ~0.1 s) once.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--only', 'cli'], { stdio: 'inherit' });
}
