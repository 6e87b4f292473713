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
  /** Epoch ms from which everything works again (Infinity: never). */
  healsAt: number;
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
  const healsAt = options.healAfterMs === null ? Infinity : Date.now() + options.healAfterMs;
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
  const heal = Number.isFinite(healsAt)
    ? setTimeout(() => {
        status.scenario = 'operational';
      }, healsAt - Date.now())
    : null;
  heal?.unref();
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
    healsAt,
    close: async () => {
      if (heal) clearTimeout(heal);
      await Promise.all([target.close(), status.close()]);
    },
  };
}
