import { describe, expect, it } from 'vitest';
import { STEPS } from '../../../electron/common/spec.js';
import { GUIDANCE, guidanceFor } from './guidance.js';

const context = { service: 'ChatGPT', site: 'chatgpt.com' };
const allText = (step: (typeof STEPS)[number]['id']): string => {
  const g = guidanceFor(step, context);
  return [g.why, g.note ?? '', ...g.sections.flatMap((s) => [s.heading ?? '', ...s.steps])].join('\n');
};

describe('guidance', () => {
  it('covers exactly the twelve steps of SPEC.md', () => {
    expect(Object.keys(GUIDANCE).sort()).toEqual(STEPS.map((s) => s.id).sort());
    expect(STEPS).toHaveLength(12);
  });

  it.each(STEPS.map((s) => s.id))('gives %s a reason and short numbered instructions', (step) => {
    const guidance = guidanceFor(step, context);
    expect(guidance.why.length).toBeGreaterThan(20);
    expect(guidance.sections.length).toBeGreaterThan(0);
    for (const section of guidance.sections) {
      expect(section.steps.length).toBeGreaterThan(0);
      expect(section.steps.length).toBeLessThanOrEqual(6);
      for (const instruction of section.steps) {
        // Plain sentences: they start with a capital and end with punctuation, and stay short.
        expect(instruction).toMatch(/^[A-Z“]/);
        expect(instruction).toMatch(/[.!?”]$/);
        expect(instruction.length).toBeLessThan(200);
      }
    }
  });

  it('fills in the service and site names everywhere', () => {
    for (const { id } of STEPS) {
      const text = allText(id);
      expect(text).not.toMatch(/[{}]/);
    }
    expect(allText('wait-retry')).toContain('Open chatgpt.com again');
    expect(allText('status-page')).toContain("ChatGPT's status page");
  });

  it('falls back to the service name when the site is unknown', () => {
    const text = guidanceFor('sign-in', { service: 'Example', site: null }).sections[0]!.steps.join(' ');
    expect(text).toContain('Open Example again');
  });

  it('explains clearing the cache in Chrome, Edge, Firefox and Safari', () => {
    const headings = GUIDANCE['clear-cache'].sections.map((s) => s.heading ?? '');
    for (const browser of ['Chrome', 'Edge', 'Firefox', 'Safari']) {
      expect(headings.some((h) => h.includes(browser))).toBe(true);
    }
  });

  it('gives the private-window shortcut of each browser', () => {
    const text = allText('private-window');
    expect(text).toContain('Ctrl+Shift+N');
    expect(text).toContain('Ctrl+Shift+P');
    expect(text).toContain('Cmd+Shift+N');
  });

  it('keeps the article’s specifics: 15–20 minutes to sign in again, 8.8.8.8 / 8.8.4.4 for DNS', () => {
    expect(allText('sign-in')).toContain('15–20 minutes');
    expect(allText('dns')).toContain('8.8.8.8');
    expect(allText('dns')).toContain('8.8.4.4');
    expect(allText('connection')).toMatch(/Wi-Fi/);
    expect(allText('connection')).toMatch(/Ethernet/);
    expect(allText('vpn-proxy')).toMatch(/VPN/);
    expect(allText('vpn-proxy')).toMatch(/proxy/i);
  });
});

describe('guidance for the system and the setting actually found', () => {
  const headings = (step: (typeof STEPS)[number]['id'], extra: { platform?: string; proxySource?: string | null }): string[] =>
    guidanceFor(step, { ...context, ...extra }).sections.map((s) => s.heading ?? '');

  it('a proxy from environment variables on Linux: the variables, not the Windows or macOS settings', () => {
    const shown = headings('vpn-proxy', { platform: 'linux', proxySource: 'env' });
    expect(shown).toEqual(['VPN', 'Proxy set by environment variables']);
  });

  it('no proxy found: the VPN and this system’s own proxy settings', () => {
    expect(headings('vpn-proxy', { platform: 'win32', proxySource: null })).toEqual(['VPN', 'Proxy on Windows']);
    expect(headings('vpn-proxy', { platform: 'darwin' })).toEqual(['VPN', 'Proxy set by environment variables', 'Proxy on macOS']);
  });

  it('a proxy script: how to turn the script off', () => {
    expect(headings('vpn-proxy', { platform: 'win32', proxySource: 'pac' })).toEqual(['VPN', 'Automatic proxy script']);
  });

  it('DNS by hand for this system only', () => {
    expect(headings('dns', { platform: 'darwin' })).toEqual(['macOS', 'Then']);
    expect(headings('dns', {})).toEqual(['Windows 11', 'macOS', 'Linux (GNOME)', 'Then']);
  });
});
