import { describe, expect, it } from 'vitest';
import { watchNotification, type WatchState } from '../common/watch.js';
import { windowTitle } from './window-title.js';

describe('windowTitle', () => {
  it('names the service', () => {
    expect(windowTitle('ChatGPT')).toBe('Gateway Doctor — ChatGPT');
    expect(windowTitle('chat.example.co.uk:8443')).toBe('Gateway Doctor — chat.example.co.uk:8443');
  });

  it('keeps an outside name on one short line, with nothing hidden behind control or bidi characters', () => {
    expect(windowTitle('Evil\nName\u001b[31m\u202eTXT.exe')).toBe('Gateway Doctor — Evil Name [31m TXT.exe');
    expect(windowTitle('x'.repeat(500)).length).toBeLessThanOrEqual('Gateway Doctor — '.length + 80);
    expect(windowTitle(' \t ')).toBe('Gateway Doctor');
  });
});

const state = (overrides: Partial<WatchState>): WatchState => ({
  state: 'working',
  service: 'ChatGPT',
  startedAt: '2025-06-01T12:00:00.000Z',
  until: '2025-06-01T13:00:00.000Z',
  checks: 3,
  lastCheck: {
    at: '2025-06-01T12:03:30.000Z',
    works: true,
    summary: 'ChatGPT answers normally, and its status page reports no outage.',
    statusPage: 'operational',
    targets: { answering: 3, total: 3 },
  },
  nextCheckAt: null,
  ...overrides,
});

describe('watchNotification (what main shows with Notification, and the renderer through the bridge)', () => {
  it('says the service works again, with what the last check found', () => {
    expect(watchNotification(state({}))).toEqual({
      title: 'ChatGPT works again',
      body: 'ChatGPT answers normally, and its status page reports no outage.',
    });
  });

  it('stays silent for every other state', () => {
    for (const name of ['waiting', 'checking', 'stopped', 'expired'] as const) expect(watchNotification(state({ state: name }))).toBeNull();
  });

  it('flattens an outside service name', () => {
    expect(watchNotification(state({ service: 'Lab\u0007\nChat' }))!.title).toBe('Lab Chat works again');
  });
});
