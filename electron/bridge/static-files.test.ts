import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, cspFromHtml, cspHeaderFor, DEFAULT_CSP, injectBridgeScript, resolveStaticFile } from './static-files.js';

const TAG = '<script src="./gateway-doctor-bridge.js"></script>';

describe('injectBridgeScript', () => {
  it('goes before the first script tag, whatever its case and attributes', () => {
    const html = '<head><title>x</title><SCRIPT type="module" src="./a.js"></SCRIPT><script src="./b.js"></script></head>';
    expect(injectBridgeScript(html)).toBe(`<head><title>x</title>${TAG}<SCRIPT type="module" src="./a.js"></SCRIPT><script src="./b.js"></script></head>`);
  });

  it('does not mistake <scripts> or <noscript> for a script tag', () => {
    expect(injectBridgeScript('<head><noscript>x</noscript><scripts></scripts></head>')).toBe(
      `<head><noscript>x</noscript><scripts></scripts>${TAG}</head>`,
    );
  });

  it('falls back to the end of <head>, then to the start', () => {
    expect(injectBridgeScript('<html><head></head></html>')).toBe(`<html><head>${TAG}</head></html>`);
    expect(injectBridgeScript('<p>hi</p>')).toBe(`${TAG}<p>hi</p>`);
  });
});

describe('cspFromHtml / cspHeaderFor', () => {
  it("reads the meta policy in either attribute order, with entities decoded", () => {
    expect(cspFromHtml(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">`)).toBe(
      "default-src 'self'; script-src 'self'",
    );
    expect(cspFromHtml(`<META content="script-src &#39;self&#39;" HTTP-EQUIV='content-security-policy' />`)).toBe("script-src 'self'");
    expect(cspFromHtml('<meta charset="utf-8"><meta name="viewport" content="width=device-width">')).toBeNull();
  });

  it("adds frame-ancestors 'none' once, and uses a strict default without a page policy", () => {
    expect(cspHeaderFor(`<meta http-equiv="Content-Security-Policy" content="script-src 'self';">`)).toBe("script-src 'self'; frame-ancestors 'none'");
    expect(cspHeaderFor(`<meta http-equiv="Content-Security-Policy" content="frame-ancestors 'self'">`)).toBe("frame-ancestors 'self'");
    expect(cspHeaderFor(null)).toBe(`${DEFAULT_CSP}; frame-ancestors 'none'`);
  });
});

describe('contentTypeOf', () => {
  it('maps the renderer build outputs', () => {
    expect(contentTypeOf('/x/index-AbC.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/index.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/x/icon.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/x/blob')).toBe('application/octet-stream');
  });
});

describe('resolveStaticFile', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'gd-static-'));
  const renderer = path.join(root, 'renderer');
  mkdirSync(path.join(renderer, 'assets', 'deep'), { recursive: true });
  writeFileSync(path.join(renderer, 'assets', 'a b.js'), '1');
  writeFileSync(path.join(renderer, 'assets', 'deep', 'c.css'), '1');
  writeFileSync(path.join(root, 'outside.txt'), 'secret');
  symlinkSync(path.join(root, 'outside.txt'), path.join(renderer, 'assets', 'out.txt'));
  symlinkSync(path.join(renderer, 'assets', 'deep', 'c.css'), path.join(renderer, 'assets', 'in.css'));

  it('finds files inside the folder, decoding escapes once', async () => {
    expect(await resolveStaticFile(renderer, '/assets/a%20b.js')).toEqual({ kind: 'file', file: path.join(renderer, 'assets', 'a b.js') });
    expect(await resolveStaticFile(renderer, '/assets//deep/c.css')).toMatchObject({ kind: 'file' });
    expect(await resolveStaticFile(renderer, '/assets/in.css')).toMatchObject({ kind: 'file' }); // a symlink that stays inside
  });

  it('refuses what leads out or hides', async () => {
    for (const urlPath of ['/../outside.txt', '/assets/%2e%2e/%2e%2e/outside.txt', '/assets/out.txt', '/.hidden', '/a\\..\\b', '/x%00', '/%ZZ', 'relative']) {
      expect(await resolveStaticFile(renderer, urlPath), urlPath).toEqual({ kind: 'forbidden' });
    }
  });

  it('answers not-found for folders, missing files and the root itself', async () => {
    for (const urlPath of ['/assets', '/assets/deep/', '/missing.js', '/']) {
      expect(await resolveStaticFile(renderer, urlPath), urlPath).toEqual({ kind: 'not-found' });
    }
    expect(await resolveStaticFile(path.join(root, 'no-such-dir'), '/a.js')).toEqual({ kind: 'not-found' });
  });
});
