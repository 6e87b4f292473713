// The browser steps done for the person, per browser actually installed: open the service (normally, or in a
// private window), open the extensions page where the browser takes one on its command line, its help page for
// the step, and (step 5) the extensions installed, with the kinds known to break sites flagged.
import { useEffect } from 'react';
import type { BrowserHelpTopic } from '../../../electron/common/browser-help.js';
import { BROWSER_HELP } from '../../../electron/common/browser-help.js';
import type { BrowserOpenMode, InstalledBrowserInfo } from '../../../electron/common/browser-schema.js';
import type { StepId } from '../../../electron/common/spec.js';
import { useWizard } from '../use-wizard.js';

interface StepBrowserTask {
  mode?: BrowserOpenMode;
  help?: BrowserHelpTopic;
}

const TASKS: Partial<Record<StepId, StepBrowserTask>> = {
  refresh: { mode: 'normal' },
  'clear-cache': { help: 'clearCache' },
  extensions: { mode: 'extensions', help: 'extensions' },
  'private-window': { mode: 'private', help: 'privateWindow' },
  'other-browser': { mode: 'normal' },
};

const HELP_LABELS: Record<BrowserHelpTopic, string> = {
  clearCache: 'How to clear its cache',
  privateWindow: 'About its private windows',
  extensions: 'How to turn off its extensions',
};

function actionLabel(browser: InstalledBrowserInfo, mode: BrowserOpenMode, service: string): string {
  if (mode === 'private') return `Open ${service} in ${/^[aeiou]/i.test(browser.privateWindow.name) ? 'an' : 'a'} ${browser.privateWindow.name}`;
  if (mode === 'extensions') return 'Open its extensions page';
  return `Open ${service} in ${browser.name}`;
}

function manualFor(browser: InstalledBrowserInfo, mode: BrowserOpenMode): string | undefined {
  if (mode === 'private') return browser.manual.private ?? `Press ${browser.privateWindow.shortcut} in ${browser.name}.`;
  if (mode === 'extensions') return browser.manual.extensionsPage ?? `Type ${browser.extensionsPage} in ${browser.name}'s address bar.`;
  return undefined;
}

export function BrowserActions({ step, service }: { step: StepId; service: string }) {
  const list = useWizard((s) => s.browsers);
  const error = useWizard((s) => s.browsersError);
  const outcome = useWizard((s) => s.browserOutcome);
  const open = useWizard((s) => s.openInBrowser);
  const load = useWizard((s) => s.loadBrowsers);
  const task = TASKS[step];
  // The browsers are listed the first time a browser step is shown, not at start.
  useEffect(() => {
    if (task) void load();
  }, [task, load]);
  if (!task) return null;
  if (error) return <p className="muted">{error}</p>;
  if (!list) return null;
  if (list.browsers.length === 0) return <p className="muted">No browser was found in the usual places on this computer.</p>;

  return (
    <div className="browser-actions" data-testid="browser-actions">
      <ul className="browser-list">
        {list.browsers.map((browser) => {
          const mode = task.mode;
          const can = mode ? browser.actions[mode === 'normal' ? 'open' : mode === 'private' ? 'private' : 'extensionsPage'] : false;
          const manual = mode && !can ? manualFor(browser, mode) : undefined;
          return (
            <li key={browser.id} className="browser-card" data-testid={`browser-${browser.id}`}>
              <p className="browser-name">{browser.name}</p>
              <div className="browser-card-actions">
                {mode && can && (
                  <button type="button" className="button button--small" data-testid={`browser-${browser.id}-${mode}`} onClick={() => void open(browser.id, mode)}>
                    {actionLabel(browser, mode, service)}
                  </button>
                )}
                {manual && <span className="muted">{manual}</span>}
                {task.help && (
                  <a className="browser-help" href={BROWSER_HELP[browser.id][task.help]} target="_blank" rel="noopener noreferrer">
                    {HELP_LABELS[task.help]}
                  </a>
                )}
              </div>
              {step === 'extensions' && <ExtensionList browser={browser} />}
            </li>
          );
        })}
      </ul>
      {outcome && (
        <p className={outcome.opened ? 'browser-outcome' : 'browser-outcome browser-outcome--failed'} role="status" data-testid="browser-outcome" data-opened={outcome.opened}>
          {outcome.message}
        </p>
      )}
    </div>
  );
}

function ExtensionList({ browser }: { browser: InstalledBrowserInfo }) {
  const { extensions } = browser;
  if (extensions.unavailable) return <p className="muted">{extensions.unavailable}</p>;
  const flagged = extensions.items.filter((item) => item.enabled && item.risk);
  return (
    <div className="extension-list" data-testid={`extensions-${browser.id}`}>
      <p>
        {extensions.total === 0
          ? 'No extensions installed.'
          : `${extensions.total} extension${extensions.total === 1 ? '' : 's'} installed${flagged.length > 0 ? `; ${flagged.length} of a kind known to break sites:` : ', none of a kind known to break sites.'}`}
      </p>
      {flagged.length > 0 && (
        <ul>
          {flagged.map((item) => (
            <li key={`${item.profile}/${item.id}`} data-testid="flagged-extension">
              <strong>{item.name}</strong>: {item.risk!.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
