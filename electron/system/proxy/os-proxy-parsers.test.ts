// gsettings, scutil and reg.exe parsers against captured output formats (fixtures/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideProxy, describeProxyConfig } from './proxy-config.js';
import { gsettingsProxyArgv, parseGsettingsList, parseGsettingsProxy, parseGVariant } from './gsettings.js';
import { parseScutilDictionary, parseScutilProxy, scutilProxyArgv } from './scutil.js';
import { parseRegistryProxy, parseRegQuery, registryProxyArgv } from './windows-registry.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const https = (host: string): URL => new URL(`https://${host}/`);

describe('GNOME gsettings', () => {
  it('builds one read-only command', () => {
    expect(gsettingsProxyArgv()).toEqual(['gsettings', 'list-recursively', 'org.gnome.system.proxy']);
  });

  it('reads GVariant values', () => {
    expect(parseGVariant("'manual'")).toBe('manual');
    expect(parseGVariant('"it\'s"')).toBe("it's");
    expect(parseGVariant('3128')).toBe(3128);
    expect(parseGVariant('uint32 3128')).toBe(3128);
    expect(parseGVariant('true')).toBe(true);
    expect(parseGVariant("['localhost', '127.0.0.0/8', '::1']")).toEqual(['localhost', '127.0.0.0/8', '::1']);
    expect(parseGVariant('@as []')).toEqual([]);
  });

  it('reads the default (mode none) as captured on this machine', () => {
    expect(parseGsettingsProxy(fixture('gsettings-none.txt'))).toMatchObject({ source: 'gsettings', mode: 'direct' });
  });

  it('reads a manual configuration, never keeping the password', () => {
    const text = fixture('gsettings-manual.txt');
    expect([...parseGsettingsList(text).keys()]).not.toContain('org.gnome.system.proxy.http authentication-password');
    const config = parseGsettingsProxy(text)!;
    expect(config.mode).toBe('manual');
    expect(config.rules.https).toEqual({ scheme: 'http', host: 'proxy.corp.example', port: 3129 });
    expect(config.rules.http).toEqual({ scheme: 'http', host: 'proxy.corp.example', port: 3128, username: 'alice' });
    expect(JSON.stringify(config)).not.toContain('s3cr3t');
    expect(decideProxy(config, https('chatgpt.com'))).toMatchObject({ kind: 'proxy', server: { port: 3129 } });
    expect(decideProxy(config, https('wiki.corp.example'))).toEqual({ kind: 'direct', reason: 'bypass' });
    expect(decideProxy(config, new URL('https://10.1.2.3/'))).toEqual({ kind: 'direct', reason: 'bypass' });
  });

  it('reads auto mode as a PAC script', () => {
    expect(parseGsettingsProxy(fixture('gsettings-auto.txt'))).toMatchObject({ mode: 'pac', pacUrl: 'http://wpad.corp.example/wpad.dat' });
  });

  it('returns null without the proxy schema', () => {
    expect(parseGsettingsProxy('No such schema “org.gnome.system.proxy”')).toBeNull();
  });
});

describe('macOS scutil --proxy', () => {
  it('builds the command', () => {
    expect(scutilProxyArgv()).toEqual(['scutil', '--proxy']);
  });

  it('parses nested dictionaries and arrays', () => {
    const dict = parseScutilDictionary(fixture('scutil-proxy-manual.txt'));
    expect(dict.HTTPProxy).toBe('proxy.corp.example');
    expect(dict.ExceptionsList).toEqual(['*.local', '169.254/16', '*.corp.example']);
    expect((dict.__SCOPED__ as Record<string, Record<string, unknown>>).en0!.HTTPSPort).toBe('8443');
  });

  it('reads no proxy', () => {
    expect(parseScutilProxy(fixture('scutil-proxy-none.txt'))).toMatchObject({ source: 'scutil', mode: 'direct' });
  });

  it('reads HTTP and HTTPS proxies with exceptions and simple host names', () => {
    const config = parseScutilProxy(fixture('scutil-proxy-manual.txt'))!;
    expect(config.mode).toBe('manual');
    expect(decideProxy(config, https('chatgpt.com'))).toEqual({
      kind: 'proxy',
      server: { scheme: 'http', host: 'secure-proxy.corp.example', port: 8443 },
    });
    expect(decideProxy(config, new URL('http://chatgpt.com/'))).toMatchObject({ server: { host: 'proxy.corp.example', port: 8080 } });
    expect(decideProxy(config, https('printer.local'))).toEqual({ kind: 'direct', reason: 'bypass' });
    expect(decideProxy(config, https('intranet'))).toEqual({ kind: 'direct', reason: 'bypass' });
    expect(decideProxy(config, new URL('http://169.254.10.1/'))).toEqual({ kind: 'direct', reason: 'bypass' });
  });

  it('reads a PAC URL and redacts its query in evidence', () => {
    const config = parseScutilProxy(fixture('scutil-proxy-pac.txt'))!;
    expect(config).toMatchObject({ mode: 'pac', pacUrl: 'http://pac.corp.example/proxy.pac?token=abc123' });
    expect(JSON.stringify(describeProxyConfig(config))).not.toContain('abc123');
  });

  it('returns null for anything else', () => {
    expect(parseScutilProxy('scutil: command not found')).toBeNull();
  });
});

describe('Windows Internet Settings (reg query)', () => {
  it('builds the command as an argv array', () => {
    expect(registryProxyArgv()).toEqual(['reg.exe', 'query', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings']);
  });

  it('reads the values of the key itself, not its subkeys', () => {
    const values = parseRegQuery(fixture('reg-internet-settings-manual.txt'));
    expect(values.get('proxyenable')).toEqual({ type: 'REG_DWORD', data: '0x1' });
    expect(values.get('user agent')?.data).toBe('Mozilla/4.0 (compatible; MSIE 8.0; Win32)');
    expect(values.has('5.0')).toBe(false);
  });

  it('reads the per-scheme ProxyServer and ProxyOverride', () => {
    const config = parseRegistryProxy(fixture('reg-internet-settings-manual.txt'))!;
    expect(config.mode).toBe('manual');
    expect(decideProxy(config, https('chatgpt.com'))).toMatchObject({ server: { host: 'proxy.corp.example', port: 8443 } });
    expect(decideProxy(config, new URL('http://chatgpt.com/'))).toMatchObject({ server: { port: 8080 } });
    expect(decideProxy(config, new URL('ftp://files.example/'))).toMatchObject({ server: { scheme: 'socks4', host: 'socks.corp.example' } });
    expect(decideProxy(config, https('build.corp.example'))).toEqual({ kind: 'direct', reason: 'bypass' });
    expect(decideProxy(config, https('10.4.5.6'))).toEqual({ kind: 'direct', reason: 'bypass' });
    expect(decideProxy(config, https('intranet'))).toEqual({ kind: 'direct', reason: 'bypass' });
  });

  it('reads AutoConfigURL even with ProxyEnable 0', () => {
    expect(parseRegistryProxy(fixture('reg-internet-settings-pac.txt'))).toMatchObject({ mode: 'pac', pacUrl: 'http://wpad.corp.example/wpad.dat' });
  });

  it('reads ProxyEnable 0 as direct', () => {
    expect(parseRegistryProxy(fixture('reg-internet-settings-off.txt'))).toMatchObject({ mode: 'direct' });
    expect(parseRegistryProxy('ERROR: The system was unable to find the specified registry key or value.')).toBeNull();
  });
});
