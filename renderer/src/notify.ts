// Desktop notifications from the page: the Web Notifications API (a native notification in Electron, the browser's
// own through the development bridge). Asking for permission happens when the person starts something that will
// notify (a timer, a watch), never at start-up. Without permission the in-app notice is all there is.

export type NotifyPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export function notificationPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks once, in answer to the person's own click. */
export async function askToNotify(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  try {
    return await Notification.requestPermission();
  } catch {
    return 'denied';
  }
}

/** Shows a desktop notification when allowed; returns whether it was shown. */
export function notify(title: string, body: string, tag?: string): boolean {
  if (notificationPermission() !== 'granted') return false;
  try {
    new Notification(title, { body, ...(tag ? { tag } : {}) });
    return true;
  } catch {
    return false;
  }
}
