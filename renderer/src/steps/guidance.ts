// What the user can do at each step, in short numbered instructions a non-expert can follow. `{service}` is
// the profile's name (ChatGPT) and `{site}` the host of its first target (chatgpt.com).
import type { StepId } from '../../../electron/common/spec.js';

export interface GuidanceSection {
  /** e.g. a browser's name when instructions differ per browser. */
  heading?: string;
  steps: readonly string[];
  /** Shown only on these systems (process.platform values); on every system when absent. */
  platforms?: readonly string[];
  /** Shown only when the proxy in effect comes from one of these settings (ProxyFacts.source); always when absent. */
  proxySources?: readonly string[];
}

export interface StepGuidance {
  /** One sentence on why this step can help. */
  why: string;
  sections: readonly GuidanceSection[];
  /** A caution or tip shown after the instructions. */
  note?: string;
}

export const GUIDANCE: Record<StepId, StepGuidance> = {
  'status-page': {
    why: 'If {service} itself is having trouble, nothing on your computer will fix the error, so look there first.',
    sections: [
      {
        steps: [
          "Open {service}'s status page (its address is shown above) in your browser.",
          'Read the banner at the top: “All Systems Operational” means {service} says it is healthy.',
          'Look for an incident, or a part marked “Degraded performance”, “Partial outage” or “Major outage”.',
          "If there is one, the problem is on {service}'s side: go to the next step and wait.",
        ],
      },
    ],
  },
  'wait-retry': {
    why: '“502 Bad Gateway” is often brief: the servers may be overloaded or restarting.',
    sections: [
      {
        steps: [
          'Close the {service} tab.',
          'Wait 5 to 10 minutes. If the status page shows an incident, wait until it says “Resolved”.',
          'Open {site} again in a new tab.',
          'If the error is still there, continue with the next step.',
        ],
      },
    ],
  },
  refresh: {
    why: 'A page that loaded while the servers had a hiccup can keep showing the error until it is loaded again.',
    sections: [
      {
        steps: [
          'Reload the page: press F5 or Ctrl+R (Windows, Linux), or Cmd+R (Mac).',
          'If the error stays, reload without the stored copy: Ctrl+Shift+R (Windows, Linux) or Cmd+Shift+R (Mac).',
          'Still failing? Wait a minute before reloading again: reloading over and over does not help.',
        ],
      },
    ],
  },
  'clear-cache': {
    why: 'Old or damaged files and cookies stored by your browser can keep an error alive after {service} has recovered.',
    sections: [
      {
        heading: 'Google Chrome',
        steps: [
          'Press Ctrl+Shift+Delete (Cmd+Shift+Delete on a Mac).',
          'Set “Time range” to “All time”.',
          'Tick “Cookies and other site data” and “Cached images and files”.',
          'Click “Delete data”.',
        ],
      },
      {
        heading: 'Microsoft Edge',
        steps: [
          'Press Ctrl+Shift+Delete (Cmd+Shift+Delete on a Mac).',
          'Set “Time range” to “All time”.',
          'Tick “Cookies and other site data” and “Cached images and files”.',
          'Click “Clear now”.',
        ],
      },
      {
        heading: 'Mozilla Firefox',
        steps: [
          'Press Ctrl+Shift+Delete (Cmd+Shift+Delete on a Mac).',
          'Set the time range to “Everything”.',
          'Tick “Cookies and site data” and “Temporary cached files and pages”.',
          'Click “Clear”.',
        ],
      },
      {
        heading: 'Safari (Mac)',
        steps: [
          'Open Safari › Settings (Cmd+,) and choose the Privacy tab.',
          'Click “Manage Website Data…”, search for {site}, select it and click “Remove”.',
          'To empty the cache too: in Settings › Advanced, turn on “Show features for web developers”, then choose Develop › Empty Caches.',
        ],
      },
    ],
    note: 'Clearing cookies signs you out: sign in to {service} again afterwards.',
  },
  extensions: {
    why: 'Ad blockers, privacy tools and VPN add-ons can block or change the requests {service} needs.',
    sections: [
      {
        heading: 'Chrome or Edge',
        steps: [
          'Type chrome://extensions (in Edge: edge://extensions) in the address bar and press Enter.',
          'Turn off every extension with its switch.',
          'Reload {site}.',
        ],
      },
      {
        heading: 'Firefox',
        steps: [
          'Press Ctrl+Shift+A (Cmd+Shift+A on a Mac) to open “Add-ons and themes”.',
          'Choose “Extensions” and turn each one off.',
          'Reload {site}.',
        ],
      },
      {
        heading: 'Safari (Mac)',
        steps: ['Open Safari › Settings and choose the Extensions tab.', 'Untick every extension.', 'Reload {site}.'],
      },
    ],
    note: 'If {service} works now, turn the extensions back on one at a time to find the one that causes the problem.',
  },
  'private-window': {
    why: 'A private window starts without your cookies, stored files and (usually) extensions, so it shows quickly whether they are the problem.',
    sections: [
      {
        heading: 'Open a private window',
        steps: [
          'Chrome or Edge: press Ctrl+Shift+N (Cmd+Shift+N on a Mac).',
          'Firefox: press Ctrl+Shift+P (Cmd+Shift+P on a Mac).',
          'Safari: press Cmd+Shift+N.',
        ],
      },
      {
        heading: 'Then',
        steps: [
          'Go to {site} in the private window and sign in.',
          'If it works there, your browser’s stored data or an extension is the cause: go back to the cache and extension steps.',
          'If it fails there too, continue with the next step.',
        ],
      },
    ],
  },
  'other-browser': {
    why: 'If {service} works in another browser, the problem is in your usual browser, not the network or the service.',
    sections: [
      {
        steps: [
          'Open another browser already on your computer: for example Edge or Firefox if you use Chrome, or Safari on a Mac.',
          'Go to {site} and sign in.',
          'If it works there, update your usual browser, clear its cache and turn off its extensions.',
          'You can also try your phone on mobile data (Wi-Fi off): if it works there, the problem is your network.',
        ],
      },
    ],
  },
  connection: {
    why: 'A weak, filtered or half-connected network can break the path between you and {service}.',
    sections: [
      {
        steps: [
          'Open a website you trust. If nothing loads, restart your router: unplug it for 30 seconds, plug it back in and wait two minutes.',
          'On public, hotel or office Wi-Fi, open any website: if a sign-in or “accept the terms” page appears, complete it.',
          'On Wi-Fi, move closer to the router or connect with an Ethernet cable, then try again.',
          'Try another network, such as your phone’s hotspot, to see whether the problem stays with this network.',
        ],
      },
    ],
  },
  dns: {
    why: 'DNS turns {site} into the address of its servers. A broken or filtering DNS server sends you to the wrong place, or nowhere.',
    sections: [
      {
        heading: 'Windows 11',
        platforms: ['win32'],
        steps: [
          'Open Settings › Network & internet and choose your connection (Wi-Fi or Ethernet).',
          'Choose “Hardware properties”, then “Edit” next to “DNS server assignment”.',
          'Choose “Manual”, turn on IPv4, enter 8.8.8.8 as “Preferred DNS” and 8.8.4.4 as “Alternate DNS”, then click “Save”.',
        ],
      },
      {
        heading: 'macOS',
        platforms: ['darwin'],
        steps: [
          'Open Apple menu › System Settings › Network, choose your connection and click “Details…”.',
          'Choose “DNS”, click “+” and add 8.8.8.8, then click “+” again and add 8.8.4.4.',
          'Click “OK”.',
        ],
      },
      {
        heading: 'Linux (GNOME)',
        platforms: ['linux'],
        steps: [
          'Open Settings › Network (or Wi-Fi) and click the gear next to your connection.',
          'On the IPv4 tab, turn off “Automatic” next to DNS and enter 8.8.8.8, 8.8.4.4.',
          'Click “Apply”, then turn the connection off and on again.',
        ],
      },
      {
        heading: 'Then',
        steps: ['Close and reopen your browser, and open {site} again.'],
      },
    ],
    note: 'The “Switch DNS” button above makes this change for you, checks that it works and undoes it by itself if it does not; “Revert” restores your previous settings at any time. By hand, set DNS back to “Automatic” to undo.',
  },
  'vpn-proxy': {
    why: 'A VPN or proxy sends your traffic through another server; if that server is overloaded or blocked, you see a gateway error.',
    sections: [
      {
        heading: 'VPN',
        steps: [
          'Open your VPN app and disconnect (or quit it).',
          'Reload {site}.',
          'If it works now, the VPN was the cause: try another VPN location, or contact your VPN provider.',
        ],
      },
      {
        heading: 'Proxy set by environment variables',
        platforms: ['linux', 'darwin'],
        proxySources: ['env'],
        steps: [
          'Open a terminal and run “env | grep -i proxy” to see which proxy variables are set.',
          'Remove the lines that set http_proxy, https_proxy or all_proxy from ~/.profile, ~/.bashrc, ~/.zshrc or /etc/environment.',
          'Sign out and back in, so every program starts without the proxy.',
          'Reload {site}.',
        ],
      },
      {
        heading: 'Proxy in GNOME settings',
        platforms: ['linux'],
        proxySources: ['gsettings'],
        steps: ['Open Settings › Network and choose “Network Proxy”.', 'Set it to “Disabled”.', 'Reload {site}.'],
      },
      {
        heading: 'Proxy in KDE Plasma settings',
        platforms: ['linux'],
        proxySources: ['kde'],
        steps: ['Open System Settings › Network › Proxy.', 'Choose “No proxy” and click “Apply”.', 'Reload {site}.'],
      },
      {
        heading: 'Proxy on Windows',
        platforms: ['win32'],
        proxySources: ['registry'],
        steps: ['Open Settings › Network & internet › Proxy.', 'Under “Manual proxy setup”, turn off “Use a proxy server”.', 'Reload {site}.'],
      },
      {
        heading: 'Proxy on macOS',
        platforms: ['darwin'],
        proxySources: ['scutil'],
        steps: [
          'Open System Settings › Network, choose your connection and click “Details…”.',
          'Choose “Proxies” and turn every proxy off, then click “OK”.',
          'Reload {site}.',
        ],
      },
      {
        heading: 'Automatic proxy script',
        proxySources: ['pac'],
        steps: [
          'Windows: open Settings › Network & internet › Proxy and turn off “Use setup script”.',
          'macOS: in System Settings › Network › Details… › Proxies, turn off “Automatic proxy configuration”.',
          'Linux (GNOME): in Settings › Network › Network Proxy, choose “Disabled”.',
          'Reload {site}.',
        ],
      },
    ],
    note: 'On a work computer, your IT department may require the VPN or proxy: ask them before turning it off.',
  },
  'sign-in': {
    why: 'Sometimes the problem is your session with {service}, not the network: signing out and waiting lets it reset.',
    sections: [
      {
        steps: [
          'In {service}, open your account menu and choose “Log out”.',
          'Close every {service} tab and window.',
          'Wait 15–20 minutes.',
          'Open {site} again and sign in.',
        ],
      },
    ],
  },
  support: {
    why: "If nothing helped, {service}'s support team can look at what happens on their side. The report tells them what fails, since when and what you already tried.",
    sections: [
      {
        steps: [
          'Click “Open {service}’s support page” below: the summary of this diagnosis is copied for you.',
          'Start a new request and paste the summary (Ctrl+V, or Cmd+V on a Mac): it already lists what you tried here.',
          'Save the report as a web page (HTML) and attach it to your request.',
          'Add what the app cannot know, for example what you were doing when the error appeared.',
        ],
      },
    ],
    note: 'The report lists technical facts about your connection (error codes, timings, the steps you tried). Names, addresses and passwords are hidden unless you untick the box.',
  },
};

export interface GuidanceContext {
  service: string;
  /** Host of the site the user opens; falls back to the service's name. */
  site: string | null;
  /** This computer's system (process.platform); every system's instructions when unknown. */
  platform?: string | null;
  /** Where the proxy in effect comes from (ProxyFacts.source); every setting of the system when none is known. */
  proxySource?: string | null;
}

/** Sources that name no setting a person can open (Chromium decided; the real setting is the system's). */
const UNSPECIFIC_SOURCES = new Set(['electron']);

function applies(section: GuidanceSection, context: GuidanceContext): boolean {
  if (section.platforms && context.platform && !section.platforms.includes(context.platform)) return false;
  const source = context.proxySource && !UNSPECIFIC_SOURCES.has(context.proxySource) ? context.proxySource : null;
  if (section.proxySources && source && !section.proxySources.includes(source)) return false;
  // Without a proxy in effect, a PAC script's section only confuses.
  if (section.proxySources?.includes('pac') && source !== 'pac') return false;
  return true;
}

const fill = (text: string, context: GuidanceContext): string =>
  text.replaceAll('{service}', context.service).replaceAll('{site}', context.site ?? context.service);

/** A step's guidance with the profile's names filled in. */
export function guidanceFor(step: StepId, context: GuidanceContext): StepGuidance {
  const guidance = GUIDANCE[step];
  return {
    why: fill(guidance.why, context),
    sections: guidance.sections
      .filter((section) => applies(section, context))
      .map((section) => ({
        ...(section.heading ? { heading: fill(section.heading, context) } : {}),
        steps: section.steps.map((s) => fill(s, context)),
      })),
    ...(guidance.note ? { note: fill(guidance.note, context) } : {}),
  };
}

