import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinProfile, parseProfile } from '../engine/profile.js';
import { externalOrigins, externalUrlToOpen, isAllowedDownload, isAllowedPermission, isAllowedRendererRequest, isAppPage } from './url-policy.js';

const RENDERER_DIR = path.resolve('/opt/Gateway Doctor/resources/app.asar/dist/renderer');
const APP_URL = pathToFileURL(path.join(RENDERER_DIR, 'index.html')).href;
const fileUrl = (...parts: string[]) => pathToFileURL(path.join(RENDERER_DIR, ...parts)).href;

describe('isAppPage', () => {
  it('matches the app page whatever its hash or query', () => {
    expect(APP_URL).toContain('Gateway%20Doctor');
    expect(isAppPage(APP_URL, APP_URL)).toBe(true);
    expect(isAppPage(`${APP_URL}#/dns`, APP_URL)).toBe(true);
    expect(isAppPage(`${APP_URL}?a=1`, APP_URL)).toBe(true);
  });
  it('rejects other pages and non-URLs', () => {
    expect(isAppPage(fileUrl('other.html'), APP_URL)).toBe(false);
    expect(isAppPage('https://chatgpt.com/', APP_URL)).toBe(false);
    expect(isAppPage('index.html', APP_URL)).toBe(false);
  });
});

describe('isAllowedRendererRequest', () => {
  it('allows the renderer’s own files and inline images', () => {
    expect(isAllowedRendererRequest(APP_URL, RENDERER_DIR)).toBe(true);
    expect(isAllowedRendererRequest(fileUrl('assets', 'index-Bx1.js'), RENDERER_DIR)).toBe(true);
    expect(isAllowedRendererRequest('data:image/png;base64,iVBORw0KGgo=', RENDERER_DIR)).toBe(true);
    expect(isAllowedRendererRequest('blob:file:///0f7c2a8e-5b1d-4c3e-9a7f-1d2e3f4a5b6c', RENDERER_DIR)).toBe(true);
  });
  it('refuses remote content and files outside the renderer folder', () => {
    for (const url of [
      'https://chatgpt.com/',
      'http://127.0.0.1:8080/x.js',
      'ws://127.0.0.1:1/',
      pathToFileURL(path.join(RENDERER_DIR, '..', 'main', 'main.cjs')).href,
      pathToFileURL(path.resolve('/etc/passwd')).href,
      pathToFileURL(`${RENDERER_DIR}-evil/index.html`).href,
      pathToFileURL(RENDERER_DIR).href,
      'file://fileserver/share/index.html',
      'chrome-extension://abc/x.js',
      'not a url',
    ]) {
      expect(isAllowedRendererRequest(url, RENDERER_DIR), url).toBe(false);
    }
  });
});

describe('external URLs', () => {
  const origins = externalOrigins(builtinProfile());

  it('allows the built-in profile’s support and status origins', () => {
    expect(origins.sort()).toEqual(['https://help.openai.com', 'https://status.openai.com']);
  });

  it('opens https URLs on those origins, normalised', () => {
    expect(externalUrlToOpen('https://help.openai.com/en/articles/1', origins)).toBe('https://help.openai.com/en/articles/1');
    expect(externalUrlToOpen('https://STATUS.openai.com', origins)).toBe('https://status.openai.com/');
  });

  it('refuses anything else', () => {
    for (const url of [
      'http://help.openai.com/',
      'https://help.openai.com.evil.example/',
      'https://user:pw@help.openai.com/',
      'https://help.openai.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://chatgpt.com/',
      'nonsense',
    ]) {
      expect(externalUrlToOpen(url, origins), url).toBeNull();
    }
  });

  it('never allows plain-http origins from a profile', () => {
    const profile = parseProfile(
      {
        name: 'lab',
        targets: [{ id: 'a', url: 'http://127.0.0.1:1/' }],
        supportUrl: 'http://127.0.0.1:2/help',
        statusPage: { url: 'https://127.0.0.1:3/api/v2/summary.json' },
      },
      'test',
    );
    expect(externalOrigins(profile)).toEqual(['https://127.0.0.1:3']);
  });
});

describe('isAllowedDownload', () => {
  it('lets only the page’s own blob: downloads through', () => {
    expect(isAllowedDownload('blob:file:///0f7c2a8e-5b1d-4c3e-9a7f-1d2e3f4a5b6c')).toBe(true);
    expect(isAllowedDownload('blob:null/0f7c2a8e-5b1d-4c3e-9a7f-1d2e3f4a5b6c')).toBe(true);
    expect(isAllowedDownload('https://example.com/setup.exe')).toBe(false);
    expect(isAllowedDownload(pathToFileURL('/etc/passwd').href)).toBe(false);
    expect(isAllowedDownload('data:application/octet-stream;base64,AAAA')).toBe(false);
  });
});

describe('isAllowedPermission', () => {
  const app = 'file:///opt/gateway-doctor/resources/app.asar/dist/renderer/index.html';
  it('grants notifications to the app page only, and nothing else to anyone', () => {
    expect(isAllowedPermission('notifications', `${app}#step`, app)).toBe(true);
    expect(isAllowedPermission('notifications', 'https://chatgpt.com/', app)).toBe(false);
    expect(isAllowedPermission('notifications', undefined, app)).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(isAllowedPermission(permission, app, app), permission).toBe(false);
    }
  });
});
