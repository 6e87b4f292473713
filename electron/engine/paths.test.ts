import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir } from './paths.js';

describe('appDataDir', () => {
  it('prefers GATEWAY_DOCTOR_DATA_DIR on every OS', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(appDataDir({ env: { GATEWAY_DOCTOR_DATA_DIR: '/tmp/gd-data' }, platform, home: '/home/ana' })).toBe(
        path.resolve('/tmp/gd-data'),
      );
    }
  });

  it('follows XDG on Linux, ignoring a relative XDG_CONFIG_HOME', () => {
    expect(appDataDir({ env: { XDG_CONFIG_HOME: '/home/ana/.cfg' }, platform: 'linux', home: '/home/ana' })).toBe(
      '/home/ana/.cfg/gateway-doctor',
    );
    expect(appDataDir({ env: {}, platform: 'linux', home: '/home/ana' })).toBe('/home/ana/.config/gateway-doctor');
    expect(appDataDir({ env: { XDG_CONFIG_HOME: 'rel/dir' }, platform: 'linux', home: '/home/ana' })).toBe(
      '/home/ana/.config/gateway-doctor',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(appDataDir({ env: {}, platform: 'darwin', home: '/Users/Ana Lopez' })).toBe(
      '/Users/Ana Lopez/Library/Application Support/Gateway Doctor',
    );
  });

  it('uses %APPDATA% on Windows, or its default under the profile', () => {
    expect(appDataDir({ env: { APPDATA: 'C:\\Users\\Ana\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\Ana' })).toBe(
      'C:\\Users\\Ana\\AppData\\Roaming\\Gateway Doctor',
    );
    expect(appDataDir({ env: {}, platform: 'win32', home: 'C:\\Users\\Ana' })).toBe(
      'C:\\Users\\Ana\\AppData\\Roaming\\Gateway Doctor',
    );
  });
});
