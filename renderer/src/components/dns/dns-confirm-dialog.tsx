// The confirmation before a switch: exactly what will change on which interface (now → after, per family), the
// engine's warnings and whether an administrator password will be asked. A native modal <dialog> (the page
// behind it is inert), with focus kept inside it and Esc as Cancel.
import { useId, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { DnsPlan } from '../../../../electron/common/contract.js';
import { listText } from '../../dns/names.js';
import { interfaceTitle, planRows, replacesAutomatic } from '../../dns/plan-rows.js';

interface DnsConfirmDialogProps {
  plan: DnsPlan;
  /** "Google DNS", "127.0.0.2". */
  target: string;
  /** The profile's host names the switch will verify. */
  hosts: string[];
  onConfirm: () => void;
  onCancel: () => void;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function DnsConfirmDialog({ plan, target, hosts, onConfirm, onCancel }: DnsConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const rows = planRows(plan);

  // Layout effects: the dialog is closed within the commit that removes it, so focus can move back at once.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // The least drastic choice has the focus first.
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);

  // The modal dialog makes the page inert; this also keeps Tab from leaving for the browser's own controls.
  const trapTab = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key !== 'Tab') return;
    const items = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="dns-dialog"
      data-testid="dns-confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Esc: React decides when the dialog goes away.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`} className="dns-dialog-title">
        Switch to {target}?
      </h2>
      <p id={`${id}-intro`} className="dns-dialog-intro">
        Gateway Doctor will change the DNS settings below, then check that {hosts.length > 0 ? listText(hosts) : 'the service'}{' '}
        {hosts.length > 1 ? 'resolve' : 'resolves'} through the new servers. If {hosts.length > 1 ? 'they do' : 'it does'} not, it puts your
        current settings back by itself.
      </p>

      {rows.map((row) => (
        <table key={row.name} className="dns-table dns-plan" data-testid="dns-plan-interface" data-interface={row.name}>
          <caption>
            {interfaceTitle(row)}
            {row.primary && <span className="dns-tag">Internet</span>}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="dns-visually-hidden">Family</span>
              </th>
              <th scope="col">Now</th>
              <th scope="col" aria-hidden="true"></th>
              <th scope="col">After the switch</th>
            </tr>
          </thead>
          <tbody>
            {row.families.map((family) => (
              <tr key={family.family} className={family.changes ? 'dns-plan-change' : 'dns-plan-same'}>
                <th scope="row">{family.family}</th>
                <td>
                  <span className="dns-visually-hidden">now: </span>
                  {family.now}
                </td>
                <td className="dns-arrow" aria-hidden="true">
                  →
                </td>
                <td>
                  <span className="dns-visually-hidden">after: </span>
                  <strong>{family.after}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}

      <p className="muted dns-dialog-backend">
        The new servers are set manually, through {plan.backendLabel}
        {replacesAutomatic(plan) ? ': the servers your network gives automatically are not used until you revert.' : '.'}
      </p>
      {plan.warnings.length > 0 && (
        <ul className="dns-notes" data-testid="dns-plan-warnings">
          {plan.warnings.map((warning) => (
            <li key={warning} className="dns-note dns-note--warn">
              {warning.charAt(0).toUpperCase() + warning.slice(1)}
            </li>
          ))}
        </ul>
      )}
      {plan.needsElevation && (
        <p className="dns-note dns-note--info" data-testid="dns-plan-elevation">
          You will be asked for an administrator password.
        </p>
      )}

      <div className="dns-dialog-actions">
        <button ref={cancelRef} type="button" className="button" data-testid="dns-cancel" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" data-testid="dns-confirm" onClick={onConfirm}>
          Switch DNS now
        </button>
      </div>
    </dialog>
  );
}
