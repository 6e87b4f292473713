import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinProfile, loadProfile, PROFILE_MAX_BYTES, ProfileError } from './profile.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gd-profile-'));
function write(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}
const minimal = { name: 'Lab', targets: [{ id: 'app', url: 'https://chat.lab/' }] };

describe('profiles', () => {
  it('ships the ChatGPT profile of SPEC.md', () => {
    const profile = builtinProfile();
    expect(profile.name).toBe('ChatGPT');
    expect(profile.targets.map((t) => t.url)).toEqual(['https://chatgpt.com/', 'https://auth.openai.com/', 'https://cdn.oaistatic.com/']);
    expect(profile.referenceResolvers).toEqual(['8.8.8.8', '1.1.1.1']);
  });

  it('loads a file and fills the defaults', async () => {
    const profile = await loadProfile(write('ok.json', JSON.stringify({ ...minimal, referenceResolvers: ['127.0.0.2:5300', '[::1]:5300', '::1'] })));
    expect(profile.targets[0]!.id).toBe('app');
    expect(profile.connectivityCheck).toBe('http://connectivitycheck.gstatic.com/generate_204');
    expect(profile.referenceResolvers).toEqual(['127.0.0.2:5300', '[::1]:5300', '::1']);
  });

  const rejected: [string, string, RegExp][] = [
    ['not JSON', '{"name": ', /not valid JSON/],
    ['an unknown key', JSON.stringify({ ...minimal, extra: 1 }), /unknown key "extra"/],
    ['an unknown key in a target', JSON.stringify({ name: 'x', targets: [{ id: 'a', url: 'https://a/', port: 1 }] }), /targets\.0: unknown key "port"/],
    ['no target', JSON.stringify({ name: 'x', targets: [] }), /targets: needs at least one target/],
    ['a non-http URL', JSON.stringify({ name: 'x', targets: [{ id: 'a', url: 'ftp://a/' }] }), /targets\.0\.url: must be an http: or https: URL/],
    ['a malformed URL', JSON.stringify({ name: 'x', targets: [{ id: 'a', url: 'https//a' }] }), /must be an http: or https: URL/],
    ['duplicate target ids', JSON.stringify({ name: 'x', targets: [{ id: 'a', url: 'https://a/' }, { id: 'a', url: 'https://b/' }] }), /unique/],
    ['a malformed resolver', JSON.stringify({ ...minimal, referenceResolvers: ['300.1.1.1'] }), /referenceResolvers\.0: must be an IPv4 or IPv6 address/],
    ['a missing name', JSON.stringify({ targets: [{ id: 'a', url: 'https://a/' }] }), /: name: is missing$/],
    ['targets that are not a list', JSON.stringify({ name: 'x', targets: 'https://a/' }), /: targets: must be a list$/],
    ['a resolver with a bad port', JSON.stringify({ ...minimal, referenceResolvers: ['127.0.0.1:70000'] }), /referenceResolvers\.0/],
  ];
  for (const [what, content, message] of rejected) {
    it(`rejects ${what} with one line naming the file`, async () => {
      const file = write(`bad-${what.replace(/\W+/g, '-')}.json`, content);
      const error = await loadProfile(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProfileError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.startsWith(file)).toBe(true);
      expect((error as Error).message).not.toContain('\n');
    });
  }

  it('names a missing file', async () => {
    await expect(loadProfile(path.join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: cannot read the profile \(ENOENT\)/);
  });

  it('accepts a profile saved with a UTF-8 byte-order mark (Windows editors)', async () => {
    const profile = await loadProfile(write('bom.json', `\uFEFF${JSON.stringify(minimal)}`));
    expect(profile.name).toBe('Lab');
  });

  it('follows a profile that is a symbolic link to a file', async () => {
    const link = path.join(dir, 'link.json');
    symlinkSync(write('linked.json', JSON.stringify(minimal)), link);
    expect((await loadProfile(link)).name).toBe('Lab');
  });

  const limits: [string, string, RegExp][] = [
    ['a name of 101 characters', JSON.stringify({ ...minimal, name: 'n'.repeat(101) }), /: name: is longer than 100 characters$/],
    ['a URL of 2,049 characters', JSON.stringify({ ...minimal, targets: [{ id: 'a', url: `https://chat.lab/${'p'.repeat(2049 - 16)}` }] }), /targets\.0\.url: is longer than 2048 characters$/],
    ['a status component of 201 characters', JSON.stringify({ ...minimal, statusPage: { url: 'https://s.lab/', components: ['c'.repeat(201)] } }), /statusPage\.components\.0: is longer than 200 characters$/],
    ['not UTF-8', '{"name": "\xff\xfe"}', /: not UTF-8 text$/],
  ];
  for (const [what, content, message] of limits) {
    it(`refuses ${what} with one line naming the file`, async () => {
      const file = write(`limit-${what.replace(/\W+/g, '-')}.json`, '');
      writeFileSync(file, what === 'not UTF-8' ? Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) : content);
      const error = await loadProfile(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProfileError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.startsWith(file)).toBe(true);
    });
  }

  it('refuses a 50 MB profile by its size, without reading it all', async () => {
    const file = path.join(dir, 'huge.json');
    writeFileSync(file, JSON.stringify({ ...minimal, name: 'n'.repeat(50 * 1024 * 1024) }));
    const before = process.memoryUsage().rss;
    const error = (await loadProfile(file).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(new RegExp(`huge\\.json: the profile is larger than ${PROFILE_MAX_BYTES / 1024} KB \\(\\d+ bytes\\)$`));
    expect(error.message.length).toBeLessThan(300);
    expect(process.memoryUsage().rss - before).toBeLessThan(20 * 1024 * 1024);
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO given as the profile at once, instead of waiting for a writer', async () => {
    const fifo = path.join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    await expect(loadProfile(fifo)).rejects.toThrow(/pipe\.json: the profile is a named pipe \(FIFO\), not a file$/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses a folder given as the profile', async () => {
    await expect(loadProfile(dir)).rejects.toThrow(/: the profile is a folder, not a file$/);
  });

  it('shows hostile keys and file names in its message, never passes them to a terminal', async () => {
    const file = write('evil\x1b]0;title\x07.json', JSON.stringify({ ...minimal, ['\x1b[2J\nCause: browser']: 1 }));
    const error = (await loadProfile(file).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`${path.join(dir, 'evil\\u001b]0;title\\u0007.json')}: (top level): unknown key "\\u001b[2J Cause: browser"`);
  });
});
