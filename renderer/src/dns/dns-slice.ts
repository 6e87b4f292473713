// The DNS switch's part of the wizard store: the engine's view of DNS (re-read after every action, so the Revert
// button follows the journal, not a guess), the plan awaiting confirmation, the live progress lines and the
// outcome of the last switch or revert. Errors stay here, shown in the DNS panel or banner, never thrown.
import type { StoreApi } from 'zustand/vanilla';
import { DnsPlanSchema, DnsProgressSchema, type DnsPlan, type GatewayDoctorApi } from '../../../electron/common/contract.js';
import {
  DnsRevertResultSchema,
  DnsStatusSchema,
  DnsSwitchResultSchema,
  type DnsRevertResult,
  type DnsStatus,
  type DnsSwitchRequest,
  type DnsSwitchResult,
} from '../../../electron/common/dns-schema.js';
import { cleanErrorMessage } from '../errors.js';

export type DnsBusy = 'status' | 'plan' | 'switch' | 'revert';

export type DnsOutcome = { kind: 'switch'; result: DnsSwitchResult } | { kind: 'revert'; result: DnsRevertResult };

export interface DnsSlice {
  /** The engine's last answer to dnsStatus (null before the first). */
  dnsStatus: DnsStatus | null;
  dnsBusy: DnsBusy | null;
  /** A plan waiting for the user's confirmation (the dialog is open while this is set). */
  dnsPending: { request: DnsSwitchRequest; plan: DnsPlan } | null;
  /** Progress lines of the running (or last) switch or revert. */
  dnsProgress: string[];
  dnsOutcome: DnsOutcome | null;
  dnsError: string | null;

  loadDnsStatus(): Promise<void>;
  /** Asks the engine what the switch would change, and opens the confirmation. Changes nothing. */
  planDnsSwitch(request: DnsSwitchRequest): Promise<void>;
  cancelDnsSwitch(): void;
  /** Runs the confirmed switch (planned again by the engine from the same request). */
  confirmDnsSwitch(): Promise<void>;
  /** Restores the saved settings; `expected` is the digest of the ones the user was shown (DnsChange.restore). */
  revertDnsChange(expected?: string): Promise<void>;
  dismissDnsError(): void;
}

type SetState<S> = StoreApi<S>['setState'];
type GetState<S> = StoreApi<S>['getState'];

export const DNS_SLICE_INITIAL = {
  dnsStatus: null,
  dnsBusy: null,
  dnsPending: null,
  dnsProgress: [],
  dnsOutcome: null,
  dnsError: null,
} satisfies Partial<DnsSlice>;

/** What the slice tells the rest of the wizard: the system's DNS changed (so what was measured before is stale;
 * the engine records the change in the session itself). */
export interface DnsSliceHooks {
  onSystemChanged?(): void | Promise<void>;
}

export function createDnsSlice<S extends DnsSlice>(api: GatewayDoctorApi, set: SetState<S>, get: GetState<S>, hooks: DnsSliceHooks = {}): DnsSlice {
  const patch = (fields: Partial<DnsSlice>): void => set(fields as Partial<S>);

  const readStatus = async (): Promise<void> => {
    try {
      patch({ dnsStatus: DnsStatusSchema.parse(await api.dnsStatus()) });
    } catch (error) {
      patch({ dnsError: `Could not read the DNS settings: ${cleanErrorMessage(error)}` });
    }
  };

  /** One DNS action at a time (the engine queues them too; this keeps the buttons honest). */
  const exclusive = async (busy: DnsBusy, work: () => Promise<void>): Promise<void> => {
    if (get().dnsBusy) return;
    patch({ dnsBusy: busy });
    try {
      await work();
    } finally {
      patch({ dnsBusy: null });
    }
  };

  return {
    ...DNS_SLICE_INITIAL,

    loadDnsStatus: () =>
      exclusive('status', async () => {
        patch({ dnsError: null });
        await readStatus();
      }),

    planDnsSwitch: (request) =>
      exclusive('plan', async () => {
        patch({ dnsError: null, dnsPending: null });
        try {
          const plan = DnsPlanSchema.parse(await api.dnsPlan(request));
          patch({ dnsPending: { request, plan } });
        } catch (error) {
          patch({ dnsError: `Could not prepare the switch: ${cleanErrorMessage(error)}` });
          // The refusal may come from a change made elsewhere (the CLI, another window): show it.
          await readStatus();
        }
      }),

    cancelDnsSwitch() {
      patch({ dnsPending: null });
    },

    confirmDnsSwitch: async () => {
      const pending = get().dnsPending;
      if (!pending) return;
      let changed = false;
      await exclusive('switch', async () => {
        patch({ dnsPending: null, dnsProgress: [], dnsOutcome: null, dnsError: null });
        try {
          // Exactly the interfaces the user confirmed: if the default route moved meanwhile, the engine refuses
          // rather than changing an interface the confirmation did not show.
          const confirmed = { ...pending.request, interfaces: pending.plan.interfaces.map((i) => i.name) };
          const result = DnsSwitchResultSchema.parse(await api.dnsSwitch(confirmed));
          patch({ dnsOutcome: { kind: 'switch', result } });
          // Kept, undone by itself, or left half-done: anything but a refusal before the change touched the system.
          changed = result.ok || result.reverted || result.revertNeeded === true;
        } catch (error) {
          patch({ dnsError: `The DNS switch failed: ${cleanErrorMessage(error)}` });
        }
        await readStatus();
      });
      if (changed) await hooks.onSystemChanged?.();
    },

    revertDnsChange: async (expected) => {
      let reverted: DnsRevertResult | null = null;
      await exclusive('revert', async () => {
        patch({ dnsProgress: [], dnsOutcome: null, dnsError: null });
        try {
          // The engine restores exactly what was shown, or nothing (a journal swapped meanwhile is refused).
          reverted = DnsRevertResultSchema.parse(await api.dnsRevert(expected !== undefined ? { expected } : undefined));
          patch({ dnsOutcome: { kind: 'revert', result: reverted } });
        } catch (error) {
          patch({ dnsError: `Could not revert the DNS change: ${cleanErrorMessage(error)}` });
        }
        await readStatus();
      });
      // (Assigned inside the callback above: TypeScript cannot see that, so read it through a cast.)
      if ((reverted as DnsRevertResult | null)?.reverted) await hooks.onSystemChanged?.();
    },

    dismissDnsError() {
      patch({ dnsError: null });
    },
  };
}

/** Subscribes the slice to the engine's DNS progress lines; returns the unsubscribe function. */
export function followDnsProgress<S extends DnsSlice>(api: GatewayDoctorApi, set: SetState<S>, get: GetState<S>): () => void {
  return api.onDnsProgress((payload) => {
    const busy = get().dnsBusy;
    // Only a switch or a revert reports progress; a late line after it finished is dropped.
    if (busy !== 'switch' && busy !== 'revert') return;
    const parsed = DnsProgressSchema.safeParse(payload);
    if (!parsed.success) return;
    set({ dnsProgress: [...get().dnsProgress, parsed.data.message] } as Partial<S>);
  });
}
