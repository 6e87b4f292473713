import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinProfile, parseProfile } from '../engine/profile.js';
import { externalOrigins, externalUrlToOpen, isAllowedDownload, isAllowedFrameNavigation, isAllowedPermission, isAllowedRendererRequest, isAppPage } from './url-policy.js';

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
  const profile = builtinProfile();
  const origins = externalOrigins(profile);
  const links = { origins, portal: 'http://192.168.1.1:8080/login?next=%2F', pages: [] };

  it("allows the built-in profile's own origins: targets, status page and support page", () => {
    expect([...origins].sort()).toEqual([
      'https://auth.openai.com',
      'https://cdn.oaistatic.com',
      'https://chatgpt.com',
      'https://help.openai.com',
      'https://status.openai.com',
    ]);
  });

  it('opens https URLs on those origins, normalised: the status page home as well as its summary.json', () => {
    expect(externalUrlToOpen('https://help.openai.com/en/articles/1', origins)).toBe('https://help.openai.com/en/articles/1');
    expect(externalUrlToOpen('https://STATUS.openai.com', origins)).toBe('https://status.openai.com/');
    expect(externalUrlToOpen('https://status.openai.com/api/v2/summary.json', links)).toBe('https://status.openai.com/api/v2/summary.json');
    expect(externalUrlToOpen('https://chatgpt.com/', links)).toBe('https://chatgpt.com/');
  });

  it('opens the measured captive portal address, in plain http, exactly', () => {
    expect(externalUrlToOpen('http://192.168.1.1:8080/login?next=%2F', links)).toBe('http://192.168.1.1:8080/login?next=%2F');
    expect(externalUrlToOpen('http://192.168.1.1:8080/other', links)).toBeNull();
    expect(externalUrlToOpen('http://192.168.1.1/login?next=%2F', links)).toBeNull();
  });

  const refused: [kind: string, url: string][] = [
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with an allowed-looking text', 'javascript://chatgpt.com/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:https://chatgpt.com/0f7c2a8e-5b1d-4c3e-9a7f-1d2e3f4a5b6c'],
    ['another scheme', 'smb://host/share'],
    ['another origin', 'https://example.com/'],
    ['a look-alike host', 'https://help.openai.com.evil.example/'],
    ['another port of an allowed host', 'https://help.openai.com:8443/'],
    ['http for an allowed (non-portal) host', 'http://help.openai.com/'],
    ['http for a target', 'http://chatgpt.com/'],
    ['credentials on an allowed origin', 'https://user:pw@help.openai.com/'],
    ['a user name alone on an allowed origin', 'https://user@chatgpt.com/'],
    ['credentials on the portal address', 'http://admin:admin@192.168.1.1:8080/login?next=%2F'],
    ['not a URL', 'nonsense'],
    ['an empty string', ''],
  ];
  for (const [kind, url] of refused) {
    it(`refuses ${kind}`, () => {
      expect(externalUrlToOpen(url, links), url).toBeNull();
    });
  }

  it('never allows plain-http origins from a profile', () => {
    const lab = parseProfile(
      {
        name: 'lab',
        targets: [{ id: 'a', url: 'http://127.0.0.1:1/' }],
        supportUrl: 'http://127.0.0.1:2/help',
        statusPage: { url: 'https://127.0.0.1:3/api/v2/summary.json' },
      },
      'test',
    );
    expect(externalOrigins(lab)).toEqual(['https://127.0.0.1:3']);
    expect(externalUrlToOpen('http://127.0.0.1:1/', { origins: externalOrigins(lab), portal: null, pages: [] })).toBeNull();
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
  it('grants notifications and clipboard writing to the app page only, and nothing else to anyone', () => {
    expect(isAllowedPermission('notifications', `${app}#step`, app)).toBe(true);
    expect(isAllowedPermission('notifications', 'https://chatgpt.com/', app)).toBe(false);
    expect(isAllowedPermission('notifications', undefined, app)).toBe(false);
    expect(isAllowedPermission('clipboard-sanitized-write', app, app)).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'https://chatgpt.com/', app)).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(isAllowedPermission(permission, app, app), permission).toBe(false);
    }
  });
});

describe('isAllowedFrameNavigation', () => {
  it('lets only the report preview’s inline frame load, never a frame from anywhere else', () => {
    expect(isAllowedFrameNavigation('about:srcdoc', false)).toBe(true);
    for (const url of ['https://chatgpt.com/', 'file:///etc/passwd', 'about:blank', 'data:text/html,x', 'javascript:alert(1)']) {
      expect(isAllowedFrameNavigation(url, false), url).toBe(false);
    }
  });
});
