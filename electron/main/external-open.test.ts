import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_REFUSED } from '../common/external-links.js';
import { createExternalOpener, RefusedLinkError } from './external-open.js';

function opener(portal: string | null = null) {
  const opened: string[] = [];
  const logs: string[] = [];
  let asked = 0;
  const open = createExternalOpener({
    allowedLinks: async () => {
      asked += 1;
      return { origins: ['https://help.lab', 'https://status.lab'], portal, pages: [] };
    },
    open: async (url) => void opened.push(url),
    log: (line) => logs.push(line),
  });
  return { open, opened, logs, asked: () => asked };
}

describe('createExternalOpener (what main hands to shell.openExternal)', () => {
  it('opens allowed addresses, normalised, asking the engine for the current list every time', async () => {
    const o = opener('http://10.0.0.1/login');
    expect(await o.open('https://HELP.lab/a b')).toEqual({ url: 'https://help.lab/a%20b', opened: true });
    expect(await o.open('http://10.0.0.1/login')).toEqual({ url: 'http://10.0.0.1/login', opened: true });
    expect(o.opened).toEqual(['https://help.lab/a%20b', 'http://10.0.0.1/login']);
    expect(o.asked()).toBe(2);
  });

  it('refuses anything else with one sentence, opens nothing, and logs it', async () => {
    const o = opener();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'https://evil.lab/', 'http://help.lab/', 'https://a:b@help.lab/', 'http://10.0.0.1/login']) {
      const failure = await o.open(url).catch((error: Error) => error);
      expect(failure, url).toBeInstanceOf(RefusedLinkError);
      expect((failure as Error).message).toBe(EXTERNAL_LINK_REFUSED);
    }
    expect(o.opened).toEqual([]);
    expect(o.logs).toHaveLength(7);
  });
});
