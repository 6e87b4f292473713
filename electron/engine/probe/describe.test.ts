import { describe, expect, it } from 'vitest';
import { capitalizeClause } from './describe.js';

describe('capitalizeClause', () => {
  it('capitalises a leading word, never a leading host name', () => {
    expect(capitalizeClause('its name does not exist in DNS')).toBe('Its name does not exist in DNS');
    expect(capitalizeClause('chat.lab:443 answered with HTTP 502')).toBe('chat.lab:443 answered with HTTP 502');
    expect(capitalizeClause('localhost')).toBe('localhost');
    expect(capitalizeClause('')).toBe('');
  });
});
