// The confirmation before a revert: what will be written back, as the engine read it from the saved settings. The
// revert restores exactly these (their digest goes with it) or nothing, since the saved settings sit in a file
// anything running as the user can edit, and the revert writes them with administrator rights.
import { useEffect, useRef } from 'react';
import type { DnsChange } from '../../../../electron/common/dns-schema.js';

interface DnsRevertConfirmProps {
  change: DnsChange;
  busy: boolean;
  onConfirm: (expected: string | undefined) => void;
  onCancel: () => void;
}

export function DnsRevertConfirm({ change, busy, onConfirm, onCancel }: DnsRevertConfirmProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const lines = change.restore?.lines ?? [];
  return (
    <div className="dns-revert-confirm" data-testid="dns-revert-confirm" role="group" aria-label="Confirm the revert">
      <p>{lines.length > 0 ? 'Revert writes back these settings:' : 'Revert writes back the settings saved before the switch.'}</p>
      {lines.length > 0 && <pre data-testid="dns-revert-lines">{lines.join('\n')}</pre>}
      <div className="dns-revert-actions">
        <button ref={cancelRef} type="button" className="button" data-testid="dns-revert-cancel" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" data-testid="dns-revert-confirm-button" disabled={busy} aria-busy={busy} onClick={() => onConfirm(change.restore?.digest)}>
          {busy ? 'Restoring…' : 'Restore these settings'}
        </button>
      </div>
    </div>
  );
}
