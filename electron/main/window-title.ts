// The window's title names the service being diagnosed ("Gateway Doctor — ChatGPT"). Pure: main only calls
// setTitle with it. The name may come from a profile file or a typed address, so it is flattened to one line.
import { oneLine } from '../common/one-line.js';

export const APP_TITLE = 'Gateway Doctor';

export function windowTitle(serviceName: string): string {
  const name = oneLine(serviceName, 80);
  return name === '' ? APP_TITLE : `${APP_TITLE} — ${name}`;
}
