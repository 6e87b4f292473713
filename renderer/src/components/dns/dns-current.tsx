// The DNS in effect now, per interface, and the change Gateway Doctor made (with the button that undoes it).
import { useState } from 'react';
import type { DnsChange, DnsStatus } from '../../../../electron/common/dns-schema.js';
import { listText } from '../../dns/names.js';
import { currentRows } from '../../dns/plan-rows.js';
import { changeTime } from '../../dns/selectors.js';
import { DnsRevertConfirm } from './dns-revert-confirm.js';

interface DnsCurrentProps {
  status: DnsStatus | null;
  loading: boolean;
  change: DnsChange | null;
  reverting: boolean;
  disabled: boolean;
  /** `expected`: the digest of the saved settings the user confirmed. */
  onRevert: (expected: string | undefined) => void;
}

export function DnsCurrent({ status, loading, change, reverting, disabled, onRevert }: DnsCurrentProps) {
  const rows = status ? currentRows(status.interfaces) : [];
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="dns-card dns-current" data-testid="dns-current" aria-busy={loading}>
      <div className="dns-card-head">
        <h4 className="dns-card-title">Your DNS now</h4>
        {status && <span className="muted dns-backend">Read from {status.backendLabel}</span>}
      </div>
      {!status ? (
        <p className="muted">{loading ? 'Reading your DNS settings…' : 'Your DNS settings could not be read.'}</p>
      ) : rows.length === 0 ? (
        <p className="muted">No network interface with DNS settings was found.</p>
      ) : (
        <ul className="dns-interfaces">
          {rows.map((row) => (
            <li key={row.title} className="dns-interface">
              <span className="dns-interface-name">
                {row.title}
                {row.primary && <span className="dns-tag">Internet</span>}
              </span>
              <dl className="dns-families">
                <div>
                  <dt>IPv4</dt>
                  <dd>{row.ipv4}</dd>
                </div>
                <div>
                  <dt>IPv6</dt>
                  <dd>{row.ipv6}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {status?.error && <p className="dns-note dns-note--warn">Some settings could not be read: {status.error}</p>}
      {change && (
        <div className="dns-change" data-state={change.state}>
          <p>
            {change.state === 'active' ? 'Gateway Doctor switched DNS' : 'An unfinished DNS switch changed DNS'} to{' '}
            <strong>{listText(change.servers)}</strong> on {listText(change.interfaces)} ({changeTime(change.createdAt)}). Revert puts back the
            settings from before.
          </p>
          {confirming ? (
            <DnsRevertConfirm
              change={change}
              busy={reverting}
              onCancel={() => setConfirming(false)}
              onConfirm={(expected) => {
                setConfirming(false);
                onRevert(expected);
              }}
            />
          ) : (
            <button type="button" className="button" data-testid="dns-revert" disabled={disabled} aria-busy={reverting} onClick={() => setConfirming(true)}>
              {reverting ? 'Reverting…' : 'Revert to previous DNS'}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
