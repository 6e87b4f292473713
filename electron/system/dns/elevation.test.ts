import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  appleScriptString,
  elevatedScript,
  osascriptArgv,
  osascriptRefusal,
  pkexecArgv,
  pkexecRefusal,
  polkitRefusal,
  powershellQuote,
  shellQuote,
  uacRefusal,
  windowsElevatedArgv,
} from './elevation.js';

describe('Linux: pkexec', () => {
  it('prefixes an absolute argv, and refuses a relative program or control characters', () => {
    expect(pkexecArgv('/usr/bin/pkexec', ['/bin/cp', '-T', '--', '/tmp/a', '/etc/resolv.conf'])).toEqual([
      '/usr/bin/pkexec', '/bin/cp', '-T', '--', '/tmp/a', '/etc/resolv.conf',
    ]);
    expect(() => pkexecArgv('/usr/bin/pkexec', ['cp', 'a', 'b'])).toThrow(/absolute/);
    expect(() => pkexecArgv('/usr/bin/pkexec', ['/bin/cp', 'a\nb'])).toThrow(/control characters/);
  });

  it('tells a refused prompt from a failure', () => {
    expect(pkexecRefusal(126, 'Error executing command as another user: Request dismissed\n')).toMatch(/dismissed/);
    expect(pkexecRefusal(127, 'Error executing command as another user: Not authorized\n')).toMatch(/refused/);
    expect(pkexecRefusal(1, 'cp: cannot stat')).toBeNull();
    expect(polkitRefusal("Error: Failed to modify connection 'Wired connection 1': Insufficient privileges\n")).toMatch(/insufficient privileges/);
    expect(polkitRefusal('Failed to set DNS configuration: Access denied\n')).toMatch(/access denied/);
    expect(polkitRefusal('Error: Connection activation failed')).toBeNull();
  });
});

describe('macOS: osascript', () => {
  it('single-quotes every argument for sh, then escapes the whole for AppleScript', () => {
    const argv = osascriptArgv([
      { argv: ['/usr/sbin/networksetup', '-setdnsservers', 'Ana\'s "Wi-Fi" \\ 2', '8.8.8.8'] },
      { argv: ['/usr/bin/killall', '-HUP', 'mDNSResponder'], optional: true },
    ]);
    expect(argv.slice(0, 2)).toEqual(['/usr/bin/osascript', '-e']);
    expect(argv[2]).toBe(
      'do shell script "\'/usr/sbin/networksetup\' \'-setdnsservers\' \'Ana\'\\\\\'\'s \\"Wi-Fi\\" \\\\ 2\' \'8.8.8.8\' && ' +
        '{ \'/usr/bin/killall\' \'-HUP\' \'mDNSResponder\' || true; }" with administrator privileges',
    );
  });

  it('sh reads the quoted words back exactly (no expansion of $(…), ;, quotes)', () => {
    const hostile = ['a b', "it's", '$(id)', '`id`', 'x;reboot', '"q"', 'back\\slash', '*'];
    const out = execFileSync('/bin/sh', ['-c', `printf '%s\\n' ${hostile.map(shellQuote).join(' ')}`], { encoding: 'utf8' });
    expect(out.split('\n').slice(0, -1)).toEqual(hostile);
  });

  it('escapes AppleScript strings and recognises "User canceled"', () => {
    expect(appleScriptString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(osascriptRefusal('0:120: execution error: User canceled. (-128)\n')).toMatch(/cancelled/);
    expect(osascriptRefusal('execution error: networksetup failed (1)')).toBeNull();
    expect(() => osascriptArgv([{ argv: ['/usr/sbin/networksetup', 'Wi-Fi\r'] }])).toThrow(/control characters/);
  });
});

describe('Windows: elevated PowerShell', () => {
  it('doubles single quotes, typographic ones included', () => {
    expect(powershellQuote("it's")).toBe("'it''s'");
    expect(powershellQuote('it\u2019s')).toBe("'it\u2019\u2019s'");
    expect(powershellQuote('$(Remove-Item C:\\)')).toBe("'$(Remove-Item C:\\)'");
  });

  it('runs each command in turn, stopping at the first required failure', () => {
    expect(elevatedScript([{ argv: ['powershell.exe', '-EncodedCommand', 'QQA='] }, { argv: ['ipconfig.exe', '/flushdns'], optional: true }])).toBe(
      "& 'powershell.exe' '-EncodedCommand' 'QQA='\nif ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }\n& 'ipconfig.exe' '/flushdns'\nexit 0",
    );
  });

  it('wraps the script in Start-Process -Verb RunAs and passes its exit status on', () => {
    const argv = windowsElevatedArgv([{ argv: ['ipconfig.exe', '/flushdns'] }], {});
    expect(argv.slice(0, 4)).toEqual(['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-NoProfile', '-NonInteractive', '-Command']);
    const outer = argv[4]!;
    expect(outer).toMatch(/^\$p = Start-Process -FilePath 'C:\\Windows\\System32\\WindowsPowerShell\\v1\.0\\powershell\.exe' -Verb RunAs -Wait -PassThru/);
    expect(outer).toMatch(/; exit \$p\.ExitCode$/);
    const inner = /'-EncodedCommand','([A-Za-z0-9+/=]+)'/.exec(outer)![1]!;
    expect(Buffer.from(inner, 'base64').toString('utf16le')).toBe("& 'ipconfig.exe' '/flushdns'\nif ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }\nexit 0");
    expect(uacRefusal('Start-Process : This command cannot be run due to the error: The operation was canceled by the user.')).toMatch(/declined/);
  });

  it('runs both PowerShells by their full path under %SystemRoot%, quoted, never through PATH', () => {
    const argv = windowsElevatedArgv([{ argv: ['D:\\Win\\System32\\ipconfig.exe', '/flushdns'] }], { SystemRoot: "D:\\Win's" });
    expect(argv[0]).toBe("D:\\Win's\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    expect(argv[4]).toContain("-FilePath 'D:\\Win''s\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' -Verb RunAs");
    // A SystemRoot that is not an absolute drive path is not trusted.
    expect(windowsElevatedArgv([{ argv: ['x'] }], { SystemRoot: 'Windows' })[0]).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });
});
