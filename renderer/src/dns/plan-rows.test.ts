import { describe, expect, it } from 'vitest';
import { DnsPlanSchema } from '../../../electron/common/contract.js';
import { DnsStatusSchema, type InterfaceDns } from '../../../electron/common/dns-schema.js';
import { currentRows, familyText, interfaceTitle, planRows, replacesAutomatic } from './plan-rows.js';
// Captured from the engine's resolv.conf backend in a namespace whose /etc/resolv.conf names 127.0.0.1.
import answers from './fixtures/engine-answers.json';

// As NetworkManager reports a laptop: Wi-Fi with DHCP-given servers and IPv6 off, plus a wired connection.
const wifi: InterfaceDns = {
  name: 'Home Wi-Fi',
  device: 'wlp2s0',
  primary: true,
  ipv4: { mode: 'automatic', servers: ['192.168.1.1'] },
  ipv6: { mode: 'automatic', servers: [], disabled: true },
};
const wired: InterfaceDns = {
  name: 'Wired connection 1',
  device: 'enp3s0',
  primary: false,
  ipv4: { mode: 'static', servers: ['9.9.9.9'] },
  ipv6: { mode: 'automatic', servers: ['fe80::1%enp3s0'] },
};

describe('planRows', () => {
  it('lists, for the resolv.conf plan the engine made, now → after for IPv4 and IPv6', () => {
    const plan = DnsPlanSchema.parse(answers.planGoogle);
    expect(planRows(plan)).toEqual([
      {
        name: '/etc/resolv.conf',
        device: null,
        primary: true,
        families: [
          { family: 'IPv4', now: '127.0.0.1 (set manually)', after: '8.8.8.8, 8.8.4.4', changes: true },
          { family: 'IPv6', now: 'none (set manually)', after: '2001:4860:4860::8888', changes: true },
        ],
      },
    ]);
  });

  it('says a family given no server ends up with none (unchanged when it had none)', () => {
    const plan = DnsPlanSchema.parse(answers.planCustom);
    expect(planRows(plan)[0]!.families).toEqual([
      { family: 'IPv4', now: '127.0.0.1 (set manually)', after: '127.0.0.2', changes: true },
      { family: 'IPv6', now: 'none (set manually)', after: 'none (unchanged)', changes: false },
    ]);
    expect(planRows({ interfaces: [wired], servers: ['127.0.0.2'] })[0]!.families[1]).toEqual({
      family: 'IPv6',
      now: 'fe80::1%enp3s0 (automatic, from the network)',
      after: 'none',
      changes: true,
    });
  });

  it('leaves a family that is off alone, and marks one already set to these servers as unchanged', () => {
    const rows = planRows({ interfaces: [wifi, wired], servers: ['9.9.9.9', '2620:fe::fe'] });
    expect(rows[0]).toEqual({
      name: 'Home Wi-Fi',
      device: 'wlp2s0',
      primary: true,
      families: [
        { family: 'IPv4', now: '192.168.1.1 (automatic, from the network)', after: '9.9.9.9', changes: true },
        { family: 'IPv6', now: 'off', after: 'off (unchanged)', changes: false },
      ],
    });
    expect(rows[1]!.families[0]).toEqual({ family: 'IPv4', now: '9.9.9.9 (set manually)', after: '9.9.9.9 (unchanged)', changes: false });
    expect(rows[1]!.families[1]).toMatchObject({ now: 'fe80::1%enp3s0 (automatic, from the network)', after: '2620:fe::fe', changes: true });
  });
});

describe('replacesAutomatic', () => {
  it('tells when servers the network gave will stop being used', () => {
    expect(replacesAutomatic({ interfaces: [wifi] })).toBe(true);
    expect(replacesAutomatic(DnsPlanSchema.parse(answers.planGoogle))).toBe(false);
    // An automatic family that is off changes nothing.
    expect(replacesAutomatic({ interfaces: [{ ...wifi, ipv4: { mode: 'static', servers: ['9.9.9.9'] } }] })).toBe(false);
  });
});

describe('current DNS', () => {
  it('shows the engine’s status per interface', () => {
    const status = DnsStatusSchema.parse(answers.status);
    expect(currentRows(status.interfaces)).toEqual([{ title: '/etc/resolv.conf', primary: true, ipv4: '127.0.0.1 (set manually)', ipv6: 'none (set manually)' }]);
  });

  it('puts the interfaces that carry the internet first and names their device', () => {
    expect(currentRows([wired, wifi]).map((r) => r.title)).toEqual(['Home Wi-Fi (wlp2s0)', 'Wired connection 1 (enp3s0)']);
    expect(interfaceTitle({ name: 'en0', device: 'en0' })).toBe('en0');
  });

  it('words each mode', () => {
    expect(familyText({ mode: 'unknown', servers: ['10.0.0.1', '10.0.0.2'] })).toBe('10.0.0.1, 10.0.0.2');
    expect(familyText({ mode: 'automatic', servers: [] })).toBe('none (automatic, from the network)');
    expect(familyText({ mode: 'static', servers: ['1.1.1.1'], disabled: true })).toBe('off');
  });
});
