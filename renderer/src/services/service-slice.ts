// Which service the wizard diagnoses: the built-in list, the picker (the start screen, and "Change service"), and
// the switch itself — the engine's profile changes, and everything measured for the previous service is set aside.
import type { StoreApi } from 'zustand/vanilla';
import { AppInfoSchema, ServiceSummarySchema, type AppInfo, type GatewayDoctorApi, type ServiceSelection, type ServiceSummary } from '../../../electron/common/contract.js';
import type { ChosenService } from '../../../electron/common/progress-schema.js';
import { cleanErrorMessage } from '../errors.js';

export interface ServiceSlice {
  services: ServiceSummary[] | null;
  /** The picker is shown (at the first start, or after "Change service"). */
  picking: boolean;
  serviceBusy: boolean;
  serviceError: string | null;
  /** What the person chose last (remembered with the progress), or null for the app's default. */
  chosenService: ChosenService | null;
  openServicePicker(): Promise<void>;
  closeServicePicker(): void;
}

type SetState<S> = StoreApi<S>['setState'];

export function createServiceSlice<S extends ServiceSlice>(api: GatewayDoctorApi, set: SetState<S>): ServiceSlice {
  const patch = (fields: Partial<ServiceSlice>): void => set(fields as Partial<S>);
  return {
    services: null,
    picking: false,
    serviceBusy: false,
    serviceError: null,
    chosenService: null,
    async openServicePicker() {
      patch({ picking: true, serviceError: null });
      try {
        patch({ services: ServiceSummarySchema.array().parse(await api.listServices()) });
      } catch (error) {
        patch({ serviceError: `The built-in services could not be listed: ${cleanErrorMessage(error)}` });
      }
    },
    closeServicePicker() {
      patch({ picking: false, serviceError: null });
    },
  };
}

/** The engine's selection for what the progress remembers. */
export function selectionOf(chosen: ChosenService): ServiceSelection {
  return 'id' in chosen ? { service: chosen.id } : { url: chosen.url };
}

/** What the progress remembers of a selection. */
export function chosenOf(selection: ServiceSelection): ChosenService {
  return 'service' in selection ? { id: selection.service } : { url: selection.url };
}

/** Switches the engine to `selection`; the new app info, or a plain sentence saying why not. */
export async function switchService(api: GatewayDoctorApi, selection: ServiceSelection): Promise<{ info: AppInfo } | { error: string }> {
  try {
    return { info: AppInfoSchema.parse(await api.selectService(selection)) };
  } catch (error) {
    return { error: cleanErrorMessage(error) };
  }
}
