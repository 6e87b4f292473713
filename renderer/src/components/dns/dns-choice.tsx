// Which DNS to switch to: Google (the default), Cloudflare, Quad9, or the user's own servers (checked as typed,
// with the same rules the engine applies).
import { useId } from 'react';
import { DNS_PRESET_IDS } from '../../../../electron/common/dns-schema.js';
import { PRESET_NAMES } from '../../dns/names.js';
import { parseServerList, presetHint, type DnsChoice } from '../../dns/switch-choice.js';

interface DnsChoiceProps {
  choice: DnsChoice;
  customText: string;
  disabled: boolean;
  onChange: (choice: DnsChoice) => void;
}

export function DnsChoiceField({ choice, customText, disabled, onChange }: DnsChoiceProps) {
  const id = useId();
  const custom = choice.kind === 'custom';
  const parsed = custom && customText.trim() !== '' ? parseServerList(customText) : null;
  const problem = parsed && !parsed.ok ? parsed.problem : null;
  return (
    <fieldset className="dns-choice" disabled={disabled}>
      <legend className="dns-card-title">Switch to</legend>
      <div className="dns-options">
        {DNS_PRESET_IDS.map((preset) => (
          <label key={preset} className="dns-option">
            <input
              type="radio"
              name={`${id}-dns`}
              data-testid={`dns-preset-${preset}`}
              checked={choice.kind === 'preset' && choice.preset === preset}
              onChange={() => onChange({ kind: 'preset', preset })}
            />
            <span className="dns-option-text">
              <span className="dns-option-name">
                {PRESET_NAMES[preset]}
                {preset === 'google' && <span className="dns-tag">Recommended</span>}
              </span>
              <span className="dns-option-hint">{presetHint(preset)}</span>
            </span>
          </label>
        ))}
        <label className="dns-option">
          <input type="radio" name={`${id}-dns`} data-testid="dns-preset-custom" checked={custom} onChange={() => onChange({ kind: 'custom', text: customText })} />
          <span className="dns-option-text">
            <span className="dns-option-name">Other DNS servers…</span>
            <span className="dns-option-hint">IPv4 or IPv6 addresses</span>
          </span>
        </label>
      </div>
      {custom && (
        <div className="dns-custom">
          <label htmlFor={`${id}-servers`} className="dns-custom-label">
            DNS server addresses, separated by commas
          </label>
          <input
            id={`${id}-servers`}
            className="dns-input"
            data-testid="dns-custom-servers"
            type="text"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="9.9.9.9, 149.112.112.112"
            value={customText}
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(event) => onChange({ kind: 'custom', text: event.target.value })}
          />
          {problem && (
            <p id={`${id}-problem`} className="dns-field-problem" data-testid="dns-custom-problem">
              {problem}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
