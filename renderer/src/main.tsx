// Entry point: finds the engine's API on window (preload or development bridge), starts the diagnosis and
// renders the wizard; without the API, explains how to open the page instead of showing nothing.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { MissingBridge } from './components/missing-bridge.js';
import { saveDownload } from './download.js';
import { createWizardStore } from './store.js';
import { WizardStoreContext } from './use-wizard.js';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);
const api = window.gatewayDoctor;

if (!api) {
  root.render(
    <StrictMode>
      <MissingBridge />
    </StrictMode>,
  );
} else {
  const store = createWizardStore(api, { save: saveDownload });
  // Started outside React so StrictMode's double effects can't run the diagnosis twice. The subscription
  // lives as long as the page.
  store.getState().start();
  root.render(
    <StrictMode>
      <WizardStoreContext value={store}>
        <App />
      </WizardStoreContext>
    </StrictMode>,
  );
}
