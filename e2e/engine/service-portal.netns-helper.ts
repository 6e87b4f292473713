// Runs inside a network namespace (service-portal.netns.test.ts): the engine service measures a lab captive portal
// with the real connection check, then answers allowedLinks and openExternal from that measurement. Prints one
// JSON line per step. Only loopback exists here, so nothing can leave the machine.
import { startConnectivityServer } from '../lab/connectivity-server.js';
import { parseProfile } from '../../electron/engine/profile.js';
import { createEngineService } from '../../electron/engine/service.js';

const noop = (): void => {};
const print = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

const portal = await startConnectivityServer('302-login');
try {
  const profile = parseProfile(
    {
      name: 'Lab chat',
      targets: [{ id: 'app', url: 'https://chat.lab/' }],
      statusPage: { url: 'https://status.chat.lab/api/v2/summary.json' },
      connectivityCheck: portal.url,
    },
    'lab',
  );
  const service = createEngineService({ profile, host: 'web-bridge' });
  const tryOpen = async (url: string) => service.openExternal({ url }, noop).catch((error: Error) => ({ refused: error.message }));

  print({ step: 'before', links: await service.allowedLinks(undefined, noop), portalLogin: await tryOpen(`${portal.loginUrl}?continue=${encodeURIComponent(portal.url)}`) });

  const report = await service.runDiagnosis({ checks: ['connection'], timeoutMs: 8_000 }, noop);
  const login = `${portal.loginUrl}?continue=${encodeURIComponent(portal.url)}`;
  print({
    step: 'portal',
    loginUrl: login,
    verdict: report.checks[0]?.evidence.connectivityCheck,
    links: await service.allowedLinks(undefined, noop),
    portalLogin: await tryOpen(login),
    otherPageOfPortal: await tryOpen(`${portal.loginUrl}/admin`),
    statusHome: await tryOpen('https://status.chat.lab/'),
  });

  // The network lets the person through: the portal is no longer an address the app opens.
  portal.mode = '204';
  await service.runDiagnosis({ checks: ['connection'], timeoutMs: 8_000 }, noop);
  // A run without the connection check keeps the last measurement of the network.
  await service.runDiagnosis({ checks: ['browsers'], timeoutMs: 8_000 }, noop);
  print({ step: 'open', links: await service.allowedLinks(undefined, noop), portalLogin: await tryOpen(login) });
} finally {
  await portal.close();
}
