import { describe, expect, it } from 'vitest';
import { checkServiceUrl, registeredDomain, SERVICE_URL_MAX_LENGTH, statusPageCandidate } from './service-url.js';

const accepted = (input: string): string => {
  const result = checkServiceUrl(input);
  if (!result.ok) throw new Error(`refused ${input}: ${result.message}`);
  return result.url.href;
};
const refusal = (input: string): string => {
  const result = checkServiceUrl(input);
  if (result.ok) throw new Error(`accepted ${input}`);
  return result.message;
};

describe('checkServiceUrl', () => {
  it('accepts http and https addresses, and reads one typed without a scheme as https', () => {
    expect(accepted('https://chat.example.com/c/123?x=1')).toBe('https://chat.example.com/c/123?x=1');
    expect(accepted('http://intranet.example:8080/')).toBe('http://intranet.example:8080/');
    expect(accepted('  claude.ai  ')).toBe('https://claude.ai/');
    expect(accepted('localhost:3000')).toBe('https://localhost:3000/');
  });

  it('refuses other schemes, credentials, spaces and control characters, overlong and empty input — in one line', () => {
    expect(refusal('ftp://files.example.com/')).toBe('only http: and https: addresses can be checked, not ftp:');
    expect(refusal('javascript://%0aalert(1)')).toBe('only http: and https: addresses can be checked, not javascript:');
    expect(refusal('https://user:secret@example.com/')).toBe('the address must not contain a user name or password');
    expect(refusal('https://exa mple.com/')).toBe('the address contains spaces or control characters');
    expect(refusal('https://example.com/\u001b[31m')).toBe('the address contains spaces or control characters');
    expect(refusal(`https://example.com/${'a'.repeat(SERVICE_URL_MAX_LENGTH)}`)).toBe(`the address is longer than ${SERVICE_URL_MAX_LENGTH} characters`);
    expect(refusal('   ')).toBe('the address is empty');
    expect(refusal('https://')).toBe('this is not a web address');
    for (const message of [refusal('ftp://x'), refusal('https://a b')]) expect(message).not.toMatch(/\n/);
  });
});

describe('registeredDomain and the status page candidate', () => {
  it('takes the last two labels, or three under a common multi-label public suffix', () => {
    expect(registeredDomain('chat.openai.com')).toBe('openai.com');
    expect(registeredDomain('claude.ai')).toBe('claude.ai');
    expect(registeredDomain('www.bbc.co.uk')).toBe('bbc.co.uk');
    expect(registeredDomain('shop.example.com.au')).toBe('example.com.au');
    expect(registeredDomain('a.b.example.co.jp')).toBe('example.co.jp');
    expect(registeredDomain('Chat.Example.COM.')).toBe('example.com');
  });

  it('has none for IP addresses, single labels and bare suffixes', () => {
    for (const host of ['127.0.0.1', '[::1]', 'localhost', 'co.uk', '']) expect(registeredDomain(host)).toBeNull();
  });

  it('points at status.<registered domain>/api/v2/summary.json', () => {
    expect(statusPageCandidate('chat.deepseek.com')).toBe('https://status.deepseek.com/api/v2/summary.json');
    expect(statusPageCandidate('www.example.co.uk')).toBe('https://status.example.co.uk/api/v2/summary.json');
    expect(statusPageCandidate('10.0.0.1')).toBeNull();
  });
});
