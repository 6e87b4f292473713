import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinProfile, loadProfile, ProfileError } from './profile.js';

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
});
