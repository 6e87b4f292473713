import { describe, expect, it } from 'vitest';
import type { DnsStatus, DnsSwitchResult } from '../../../electron/common/dns-schema.js';
import { deferred, FakeApi, until } from '../fake-api.js';
import { createWizardStore } from '../store.js';
import answers from './fixtures/engine-answers.json';
import { interruptedChange, revertableChange } from './selectors.js';

function setup() {
  const fake = new FakeApi();
  const store = createWizardStore(fake.api, { save: () => {} });
  return { fake, store };
}

const interrupted = (): DnsStatus => {
  const status = structuredClone(answers.statusActive) as DnsStatus;
  status.change!.state = 'interrupted';
  return status;
};

describe('DNS in the wizard store', () => {
  it('reads the DNS status at start, after the app info and beside the diagnosis', async () => {
    const { fake, store } = setup();
    fake.dnsStatus = async () => interrupted();
    const order: string[] = [];
    const info = fake.info;
    fake.info = async () => {
      order.push('getInfo');
      return info();
    };
    const status = fake.dnsStatus;
    fake.dnsStatus = async () => {
      order.push('dnsStatus');
      return status();
    };
    store.getState().start();
    await until(store, (s) => s.dnsStatus !== null && s.dnsBusy === null && s.report !== null);
    expect(order).toEqual(['getInfo', 'dnsStatus']);
    expect(fake.diagnoseCalls).toEqual([{}]);
    // A change a crash left half-done is found at start and offered for revert.
    expect(interruptedChange(store.getState().dnsStatus)?.servers).toEqual(['127.0.0.2']);
    expect(store.getState().dnsBusy).toBeNull();
  });

  it('a failure to read DNS is shown in the DNS step, and the diagnosis runs anyway', async () => {
    const { fake, store } = setup();
    fake.dnsStatus = async () => {
      throw new Error('GATEWAY_DOCTOR_DNS_BACKEND must be one of resolv-conf, networkmanager, systemd-resolved, macos, windows, not "x"');
    };
    store.getState().start();
    await until(store, (s) => s.dnsError !== null && s.dnsBusy === null && s.report !== null);
    expect(store.getState().dnsError).toBe(
      'Could not read the DNS settings: GATEWAY_DOCTOR_DNS_BACKEND must be one of resolv-conf, networkmanager, systemd-resolved, macos, windows, not "x"',
    );
    expect(store.getState().error).toBeNull();
    fake.dnsStatus = async () => structuredClone(answers.status);
    await store.getState().loadDnsStatus();
    expect(store.getState().dnsError).toBeNull();
    expect(store.getState().dnsStatus?.interfaces[0]?.name).toBe('/etc/resolv.conf');
  });

  it('planning opens the confirmation and changes nothing; Cancel closes it', async () => {
    const { fake, store } = setup();
    await store.getState().loadDnsStatus();
    await store.getState().planDnsSwitch({ preset: 'google' });
    const pending = store.getState().dnsPending;
    expect(pending?.request).toEqual({ preset: 'google' });
    expect(pending?.plan.servers).toEqual(['8.8.8.8', '8.8.4.4', '2001:4860:4860::8888']);
    store.getState().cancelDnsSwitch();
    expect(store.getState().dnsPending).toBeNull();
    expect(fake.dnsCalls.map((c) => c.method)).toEqual(['dnsStatus', 'dnsPlan']);
    // Confirming with nothing pending does nothing.
    await store.getState().confirmDnsSwitch();
    expect(fake.dnsCalls.map((c) => c.method)).toEqual(['dnsStatus', 'dnsPlan']);
  });

  it('Confirm switches with the planned request, shows progress live, then re-reads the status for Revert', async () => {
    const { fake, store } = setup();
    store.getState().start();
    await until(store, (s) => s.dnsStatus !== null && s.dnsBusy === null);
    await store.getState().planDnsSwitch({ servers: ['127.0.0.2'] });
    const answer = deferred<DnsSwitchResult>();
    fake.dnsSwitch = () => answer.promise;
    fake.dnsStatus = async () => structuredClone(answers.statusActive);

    fake.emitDns({ message: 'a line from an earlier call' });
    const switching = store.getState().confirmDnsSwitch();
    expect(store.getState()).toMatchObject({ dnsBusy: 'switch', dnsPending: null, dnsProgress: [] });
    for (const message of answers.progress.switchCustom) fake.emitDns({ message });
    fake.emitDns({ text: 'not a progress line' });
    expect(store.getState().dnsProgress).toEqual(answers.progress.switchCustom);
    answer.resolve(structuredClone(answers.switchCustom) as DnsSwitchResult);
    await switching;

    const state = store.getState();
    // The request as planned, pinned to the interfaces the confirmation showed.
    expect(fake.dnsCalls.filter((c) => c.method === 'dnsSwitch')).toEqual([
      { method: 'dnsSwitch', input: { servers: ['127.0.0.2'], interfaces: ['/etc/resolv.conf'] } },
    ]);
    expect(state.dnsOutcome).toMatchObject({ kind: 'switch', result: { ok: true, servers: ['127.0.0.2'] } });
    expect(revertableChange(state.dnsStatus)?.state).toBe('active');
    expect(state.dnsBusy).toBeNull();
    fake.emitDns({ message: 'late' });
    expect(store.getState().dnsProgress).toHaveLength(answers.progress.switchCustom.length);
  });

  it('Revert restores, shows its progress, and the status no longer offers it', async () => {
    const { fake, store } = setup();
    store.getState().start();
    fake.dnsStatus = async () => structuredClone(answers.statusActive);
    await store.getState().loadDnsStatus();
    expect(revertableChange(store.getState().dnsStatus)).not.toBeNull();

    fake.dnsStatus = async () => structuredClone(answers.status);
    fake.dnsRevert = async () => {
      for (const message of answers.progress.revert) fake.emitDns({ message });
      return structuredClone(answers.revert);
    };
    await store.getState().revertDnsChange();
    const state = store.getState();
    expect(state.dnsOutcome).toMatchObject({ kind: 'revert', result: { reverted: true } });
    expect(state.dnsProgress).toEqual(answers.progress.revert);
    expect(revertableChange(state.dnsStatus)).toBeNull();
  });

  it('runs one DNS action at a time', async () => {
    const { fake, store } = setup();
    await store.getState().loadDnsStatus();
    await store.getState().planDnsSwitch({ servers: ['127.0.0.2'] });
    const answer = deferred<DnsSwitchResult>();
    fake.dnsSwitch = () => answer.promise;
    const switching = store.getState().confirmDnsSwitch();
    await store.getState().revertDnsChange();
    await store.getState().planDnsSwitch({ preset: 'google' });
    expect(fake.dnsCalls.map((c) => c.method)).toEqual(['dnsStatus', 'dnsPlan', 'dnsSwitch']);
    answer.resolve(structuredClone(answers.switchGoogle) as DnsSwitchResult);
    await switching;
    expect(store.getState().dnsOutcome).toMatchObject({ kind: 'switch', result: { ok: false, reverted: true } });
  });

  it('shows the engine’s refusals as messages, and re-reads what the machine is in', async () => {
    const { fake, store } = setup();
    await store.getState().loadDnsStatus();
    fake.dnsPlan = async () => {
      throw new Error(`a DNS switch started 2026-11-26T04:38:33.598Z was interrupted before it finished; run "gateway-doctor dns revert" first`);
    };
    fake.dnsStatus = async () => interrupted();
    await store.getState().planDnsSwitch({ preset: 'google' });
    expect(store.getState().dnsPending).toBeNull();
    expect(store.getState().dnsError).toBe(
      'Could not prepare the switch: a DNS switch started 2026-11-26T04:38:33.598Z was interrupted before it finished; run "gateway-doctor dns revert" first',
    );
    expect(interruptedChange(store.getState().dnsStatus)).not.toBeNull();

    fake.dnsRevert = async () => {
      throw new Error("Error invoking remote method 'dns:revert': DnsStateError: a DNS switch is running now (process 4242); it reverts by itself if it fails");
    };
    await store.getState().revertDnsChange();
    expect(store.getState().dnsError).toBe('Could not revert the DNS change: a DNS switch is running now (process 4242); it reverts by itself if it fails');
    store.getState().dismissDnsError();
    expect(store.getState().dnsError).toBeNull();
  });

  it('a switch call that fails or answers nonsense is an error, never a crash', async () => {
    const { fake, store } = setup();
    await store.getState().loadDnsStatus();
    await store.getState().planDnsSwitch({ preset: 'google' });
    fake.dnsSwitch = async () => {
      throw new Error('The development bridge closed the connection before answering dnsSwitch');
    };
    await store.getState().confirmDnsSwitch();
    expect(store.getState().dnsError).toBe('The DNS switch failed: The development bridge closed the connection before answering dnsSwitch');
    expect(store.getState().dnsOutcome).toBeNull();

    await store.getState().planDnsSwitch({ preset: 'google' });
    fake.dnsSwitch = async () => ({ ok: 'yes' });
    await store.getState().confirmDnsSwitch();
    expect(store.getState().dnsError).toMatch(/^The DNS switch failed: the engine sent an answer this window cannot read/);
    expect(store.getState().dnsBusy).toBeNull();
  });
});
