// The hosts file: where each OS keeps it, one parse per version of the file (real files in a temp dir), and
// resolveHost answering from it without asking DNS.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostsFilePath, parseHostsFile, readHostsFile, resolveHost } from './lookup.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function hostsFile(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gd-hosts-'));
  dirs.push(dir);
  const file = path.join(dir, 'hosts');
  writeFileSync(file, text);
  return file;
}

describe('hostsFilePath', () => {
  it("is /etc/hosts on Linux and macOS, and under a validated SystemRoot on Windows", () => {
    expect(hostsFilePath('linux', {})).toBe('/etc/hosts');
    expect(hostsFilePath('darwin', {})).toBe('/etc/hosts');
    expect(hostsFilePath('win32', { SystemRoot: 'D:\\Windows' })).toBe('D:\\Windows\\System32\\drivers\\etc\\hosts');
    expect(hostsFilePath('win32', {})).toBe('C:\\Windows\\System32\\drivers\\etc\\hosts');
    expect(hostsFilePath('win32', { SystemRoot: 'C:\\Windows\\..\\Temp' })).toBe('C:\\Windows\\System32\\drivers\\etc\\hosts');
  });
});

describe('readHostsFile', () => {
  it('parses comments, aliases and both families, with lower-cased names', () => {
    const hosts = parseHostsFile('# comment\n127.0.0.1\tlocalhost\n::1 localhost ip6-localhost\n192.0.2.7 Chat.Lab chat # inline\nnot-an-ip bogus\n');
    expect(hosts.get('localhost')).toEqual(['127.0.0.1', '::1']);
    expect(hosts.get('chat.lab')).toEqual(['192.0.2.7']);
    expect(hosts.get('chat')).toEqual(['192.0.2.7']);
    expect(hosts.has('bogus')).toBe(false);
  });

  it('parses the file once, and again only when it changes', () => {
    const file = hostsFile('192.0.2.7 chat.lab\n');
    const first = readHostsFile(file);
    expect(readHostsFile(file)).toBe(first); // the same parse, not a new one
    writeFileSync(file, '192.0.2.8 chat.lab\n192.0.2.9 auth.lab\n');
    const changed = readHostsFile(file);
    expect(changed).not.toBe(first);
    expect(changed.get('chat.lab')).toEqual(['192.0.2.8']);
    expect(changed.get('auth.lab')).toEqual(['192.0.2.9']);
  });

  it('is empty when the file cannot be read', () => {
    const file = hostsFile('192.0.2.7 chat.lab\n');
    rmSync(file);
    expect(readHostsFile(file).size).toBe(0);
  });
});

describe('resolveHost', () => {
  it('answers IP literals and hosts-file names itself, case-insensitively', async () => {
    const file = hostsFile('127.0.0.5 chat.lab\n::1 chat.lab\n');
    // No DNS server is reachable at this port: an answer can only come from the hosts file.
    const options = { timeoutMs: 500, hostsFile: file, servers: ['127.0.0.1:9'] };
    expect(await resolveHost('Chat.Lab', options)).toEqual([
      { address: '127.0.0.5', family: 4 },
      { address: '::1', family: 6 },
    ]);
    expect(await resolveHost('[::1]', options)).toEqual([{ address: '::1', family: 6 }]);
    expect(await resolveHost('localhost', { ...options, hostsFile: path.join(path.dirname(file), 'missing') })).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});
