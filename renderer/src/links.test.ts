import { describe, expect, it } from 'vitest';
import { siteHost, statusPageHome } from './links.js';

describe('statusPageHome', () => {
  it('turns a Statuspage API address into the page people read', () => {
    expect(statusPageHome('https://status.openai.com/api/v2/summary.json')).toBe('https://status.openai.com/');
    expect(statusPageHome('https://www.githubstatus.com/api/v2/status.json')).toBe('https://www.githubstatus.com/');
    expect(statusPageHome('http://127.0.0.1:8080/pages/x/api/v2/summary.json?cache=0')).toBe('http://127.0.0.1:8080/pages/x/');
  });

  it('keeps any other address as it is', () => {
    expect(statusPageHome('https://status.example.com/')).toBe('https://status.example.com/');
    expect(statusPageHome('https://example.com/status.json')).toBe('https://example.com/status.json');
    expect(statusPageHome('not a url')).toBe('not a url');
  });
});

describe('siteHost', () => {
  it('gives the host (with a non-default port) of the target the user opens', () => {
    expect(siteHost('https://chatgpt.com/')).toBe('chatgpt.com');
    expect(siteHost('http://127.0.0.1:8443/app')).toBe('127.0.0.1:8443');
    expect(siteHost(undefined)).toBeNull();
    expect(siteHost('::')).toBeNull();
  });
});
