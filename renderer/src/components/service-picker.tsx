// The start screen (and "Change service"): which service won't load — one of the built-in AI chat services, or any
// other site by its address. The choice is remembered.
import { useId, useState, type FormEvent } from 'react';
import { START_PROFILE_ID } from '../../../electron/common/contract.js';
import { checkServiceUrl } from '../../../electron/common/service-url.js';
import { useWizard } from '../use-wizard.js';

export function ServicePicker() {
  const services = useWizard((s) => s.services);
  const info = useWizard((s) => s.info);
  const busy = useWizard((s) => s.serviceBusy);
  const error = useWizard((s) => s.serviceError);
  const chooseService = useWizard((s) => s.chooseService);
  const close = useWizard((s) => s.closeServicePicker);
  const hasReport = useWizard((s) => s.report !== null);
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const urlId = useId();
  // The service diagnosed now: a built-in one by id; the profile the app was started with by being that profile.
  const isCurrent = (id: string, name: string): boolean =>
    info !== null && (info.serviceId !== undefined ? info.serviceId === id : id === START_PROFILE_ID && info.profile.name === name);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    // People type "example.com": checkServiceUrl reads it as https://, as the engine will.
    const checked = checkServiceUrl(address);
    if (!checked.ok) {
      setProblem(`${checked.message[0]!.toUpperCase()}${checked.message.slice(1)}.`);
      return;
    }
    setProblem(null);
    void chooseService({ url: checked.url.href });
  };

  return (
    <section className="panel service-picker" data-testid="service-picker" aria-labelledby="picker-title">
      <header className="panel-head">
        <div>
          <p className="eyebrow">Gateway Doctor</p>
          <h2 id="picker-title" className="panel-title" tabIndex={-1}>
            Which service won’t load?
          </h2>
        </div>
        {hasReport && (
          <button type="button" className="button button--small" data-testid="picker-cancel" onClick={close} disabled={busy}>
            Back to {info?.profile.name ?? 'the diagnosis'}
          </button>
        )}
      </header>
      <p className="muted">Pick it, and Gateway Doctor finds out why it fails from this computer: its status page, your connection, DNS, proxy and VPN.</p>
      <ul className="service-list">
        {(services ?? []).map((service) => (
          <li key={service.id}>
            <button
              type="button"
              className={`service-card${isCurrent(service.id, service.name) ? ' service-card--current' : ''}`}
              data-testid={`service-${service.id}`}
              disabled={busy}
              aria-current={isCurrent(service.id, service.name) ? 'true' : undefined}
              onClick={() => void chooseService({ service: service.id })}
            >
              <span className="service-card-name">{service.name}</span>
              <span className="service-card-host">{service.host}</span>
            </button>
          </li>
        ))}
      </ul>
      <form className="service-url" onSubmit={submit} noValidate>
        <label htmlFor={urlId}>Another site (its address)</label>
        <div className="service-url-row">
          <input
            id={urlId}
            type="url"
            inputMode="url"
            placeholder="https://example.com"
            value={address}
            data-testid="service-url"
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${urlId}-problem` : undefined}
            onChange={(event) => setAddress(event.target.value)}
          />
          <button type="submit" className="button button--primary" data-testid="service-url-go" disabled={busy || address.trim() === ''}>
            {busy ? 'Opening…' : 'Diagnose this site'}
          </button>
        </div>
        {problem && (
          <p id={`${urlId}-problem`} className="field-problem" role="alert" data-testid="service-url-problem">
            {problem}
          </p>
        )}
      </form>
      {error && (
        <p className="field-problem" role="alert" data-testid="service-error">
          {error}
        </p>
      )}
    </section>
  );
}
