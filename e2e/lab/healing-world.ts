// Lab: a service in an outage that heals by itself after a while (or never), for the watch's tests: its one target
// answers nginx's 502 page and its status page reports a major outage until `healAfterMs` has passed, then the
// target answers 200 and the page is operational. Loopback only.
import { nginxErrorPage, startWebServer, type LabWebServer } from './https-server.js';
import { startStatusServer, type StatusServer } from './status-server.js';

export interface HealingWorld {
  /** A profile (JSON-ready) naming only this world's servers. */
  profile: { name: string; targets: { id: string; url: string }[]; statusPage: { url: string; components: string[] }; referenceResolvers: string[]; connectivityCheck: string };
  target: LabWebServer;
  status: StatusServer;
  /** Epoch ms from which everything works again (Infinity: not yet known). */
  readonly healsAt: number;
  /** Heals it now (a test that waits for a condition, not for a time). */
  heal(): void;
  close(): Promise<void>;
}

export interface HealingWorldOptions {
  /** null: the outage never ends. */
  healAfterMs: number | null;
  host?: string;
  name?: string;
}

export async function startHealingWorld(options: HealingWorldOptions): Promise<HealingWorld> {
  const host = options.host ?? '127.0.0.1';
  let healsAt = options.healAfterMs === null ? Infinity : Date.now() + options.healAfterMs;
  const target = await startWebServer({
    tls: 'leaf',
    host,
    behaviour: {
      kind: 'handler',
      handle: (_request, response) => {
        if (Date.now() >= healsAt) {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Lab</title><p>It works.</p>');
        } else {
          response.writeHead(502, { server: 'nginx', 'content-type': 'text/html' }).end(nginxErrorPage(502));
        }
      },
    },
  });
  const status = await startStatusServer('major-outage', host);
  const healTimer = Number.isFinite(healsAt)
    ? setTimeout(() => {
        status.scenario = 'operational';
      }, healsAt - Date.now())
    : null;
  healTimer?.unref();
  return {
    profile: {
      name: options.name ?? 'Lab Chat',
      targets: [{ id: 'app', url: target.url }],
      statusPage: { url: status.url, components: ['Conversations', 'Login'] },
      // Nothing answers there: the watch never asks them, and a full sweep would only find them silent.
      referenceResolvers: [`${host}:9`],
      connectivityCheck: `http://${host}:9/generate_204`,
    },
    target,
    status,
    get healsAt() {
      return healsAt;
    },
    heal: () => {
      if (healTimer) clearTimeout(healTimer);
      healsAt = Math.min(healsAt, Date.now());
      status.scenario = 'operational';
    },
    close: async () => {
      if (healTimer) clearTimeout(healTimer);
      await Promise.all([target.close(), status.close()]);
    },
  };
}
