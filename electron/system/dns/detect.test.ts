import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { anyBackend, backendById, detectBackendId } from './detect.js';
import { resolvConfBackend } from './resolv-conf.js';

const dir = (): string => mkdtempSync(path.join(tmpdir(), 'gd-detect-'));

/** Answers `nmcli -t -f RUNNING general` and `resolvectl status` as told; anything else is "not installed". */
function tools(answers: { nm?: string; resolvectl?: boolean }) {
  return async (argv: string[]): Promise<string> => {
    if (argv[0] === 'nmcli' && answers.nm !== undefined) return answers.nm;
    if (argv[0] === 'resolvectl' && answers.resolvectl) return 'Global\n';
    throw Object.assign(new Error(`spawn ${argv[0]} ENOENT`), { code: 'ENOENT' });
  };
}

function stubFile(): string {
  const file = path.join(dir(), 'resolv.conf');
  writeFileSync(file, '# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).\nnameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n');
  return file;
}

describe('detectBackendId on Linux', () => {
  const linux = (env: NodeJS.ProcessEnv, answers: Parameters<typeof tools>[0]) => detectBackendId({ platform: 'linux', env, run: tools(answers) });

  it('picks NetworkManager when it runs', async () => {
    expect(await linux({}, { nm: 'running\n', resolvectl: true })).toBe('networkmanager');
  });

  it('picks systemd-resolved when resolv.conf is its stub and resolvectl answers', async () => {
    const file = stubFile();
    expect(await linux({ GATEWAY_DOCTOR_RESOLV_CONF: file }, { nm: 'not running\n', resolvectl: true })).toBe('systemd-resolved');
    expect(await linux({ GATEWAY_DOCTOR_RESOLV_CONF: file }, { resolvectl: false })).toBe('resolv-conf');
  });

  it('recognises the stub by its symlink too (dangling here, as it is outside a systemd machine)', async () => {
    const link = path.join(dir(), 'resolv.conf');
    symlinkSync('../run/systemd/resolve/stub-resolv.conf', link);
    expect(await linux({ GATEWAY_DOCTOR_RESOLV_CONF: link }, { resolvectl: true })).toBe('systemd-resolved');
  });

  it('falls back to the plain file, and honours GATEWAY_DOCTOR_DNS_BACKEND', async () => {
    const plain = path.join(dir(), 'resolv.conf');
    writeFileSync(plain, 'nameserver 10.0.0.1\n');
    expect(await linux({ GATEWAY_DOCTOR_RESOLV_CONF: plain }, { resolvectl: true })).toBe('resolv-conf');
    expect(await linux({ GATEWAY_DOCTOR_DNS_BACKEND: 'resolv-conf' }, { nm: 'running\n' })).toBe('resolv-conf');
    await expect(linux({ GATEWAY_DOCTOR_DNS_BACKEND: 'ifupdown' }, {})).rejects.toThrow(/must be one of resolv-conf, networkmanager/);
  });

  it('uses the OS backend elsewhere', async () => {
    expect(await detectBackendId({ platform: 'darwin', env: {}, run: tools({}) })).toBe('macos');
    expect(await detectBackendId({ platform: 'win32', env: {}, run: tools({}) })).toBe('windows');
    expect(backendById('resolv-conf', { platform: 'linux', env: { GATEWAY_DOCTOR_RESOLV_CONF: '/x/resolv.conf' }, run: tools({}) }).label).toBe('/x/resolv.conf');
  });
});

describe('anyBackend', () => {
  it('refuses settings saved by another backend instead of misreading them', () => {
    const backend = anyBackend(resolvConfBackend('/x/resolv.conf'));
    expect(() => backend.planRestore({ kind: 'macos', services: [{ name: 'Wi-Fi', servers: [] }] })).toThrow(
      'the /x/resolv.conf backend cannot use settings saved by macos',
    );
  });
});
