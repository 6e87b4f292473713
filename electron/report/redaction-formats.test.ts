// Issue 11: redaction stays on by default and covers every format. A report carrying the machine's host name,
// user name and home folder, MAC addresses, link-local and public addresses, a Wi-Fi network's name and a proxy
// password (in the environment, the evidence, the sentences and the session) shows none of them in JSON,
// Markdown, HTML or the text summary once redacted, and shows them when redaction is off (--no-redact).
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, type ReportFormat } from '../common/contract.js';
import type { Report } from '../common/spec.js';
import { renderReport } from './formats.js';
import { redactReport, type RedactionContext } from './redact.js';
import { loadWorld } from './report-test-kit.js';

const HOST = 'alice-laptop';
const USER = 'alice';
const HOME = `/home/${USER}`;
const MAC = 'a4:5e:60:d1:22:9f';
const LINK_LOCAL = 'fe80::a65e:60ff:fed1:229f';
const PUBLIC_V4 = '81.2.69.160';
const PUBLIC_V6 = '2a02:8108:1c3f:9e00:1a2b:3c4d:5e6f:7a8b';
const SSID = 'Home-Net-5G';
const PASSWORD = 's3cret-pw';

/** The machine's identifiers, as localRedactionContext() gives them on this (imagined) machine. */
const CONTEXT: RedactionContext = {
  identifiers: [
    { value: HOME, label: '~' },
    { value: USER, label: '<user>' },
    { value: HOST, label: '<host>' },
  ],
};

/** The DNS-switch world on a laptop on Wi-Fi behind an authenticating proxy, its details where the engine puts them. */
function personalReport(): Report {
  const report = loadWorld('dns-fixed');
  report.environment = {
    ...report.environment,
    redacted: false,
    adapters: [
      { name: 'wlan0', kind: 'wireless', up: true, default: true, ip4: '192.168.1.23', ip6: PUBLIC_V6, ip6LinkLocal: `${LINK_LOCAL}%wlan0`, mac: MAC },
      { name: 'eth1', kind: 'wired', up: true, ip4: PUBLIC_V4, mac: 'a4:5e:60:d1:22:a0' },
    ],
    dnsServers: ['192.168.1.1', '8.8.8.8'],
    proxy: { effective: { source: 'env', mode: 'manual', servers: { https: `http://${USER}:${PASSWORD}@proxy.corp.example:8080` } }, sources: [{ source: 'env', mode: 'manual' }] },
  };
  const connection = report.checks.find((c) => c.id === 'connection')!;
  connection.summary = `You're on Wi-Fi (“${SSID}”, signal 80 %, wlan0) and the internet answers normally (140 ms to chat.lab:41249).`;
  connection.evidence = {
    ...connection.evidence,
    adapters: report.environment.adapters,
    defaultInterface: { name: 'wlan0', kind: 'wireless' },
    wifi: { interface: 'wlan0', ssid: SSID, signalPercent: 80, security: 'WPA2-Personal' },
    hostname: HOST,
  };
  const browsers = report.checks.find((c) => c.id === 'browsers')!;
  browsers.evidence = { browsers: [{ id: 'firefox', name: 'Firefox', path: `${HOME}/.local/share/firefox/firefox`, via: 'path' }] };
  report.session!.changes[0]!.summary = `DNS switched to 8.8.8.8, 8.8.4.4 on wlan0 (“${SSID}”), verified.`;
  return report;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (html: string): string => html.replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e]!);
const markdown = new MarkdownIt({ html: true });

/** What a reader of the format sees: Markdown rendered (its escapes undone), HTML entities decoded. */
function readable(format: ReportFormat, report: Report): string {
  const content = renderReport(report, format);
  if (format === 'md') return decode(markdown.render(content).replace(/<[^>]+>/g, ''));
  if (format === 'html') return decode(content);
  return content;
}

const EVERYWHERE = { HOST, USER, HOME, MAC, LINK_LOCAL, PUBLIC_V6, SSID, PASSWORD } as const;
/** What each format shows at all: the text summary names the connection and the proxy, not the adapters. */
const SHOWN: Record<ReportFormat, string[]> = {
  json: Object.values(EVERYWHERE),
  md: Object.values(EVERYWHERE),
  html: Object.values(EVERYWHERE),
  text: [SSID, USER, PASSWORD],
};

describe('redaction in every format', () => {
  const personal = personalReport();
  const redacted = redactReport(personal, CONTEXT);

  it.each(REPORT_FORMATS)('%s: no host name, user name, home folder, MAC, link-local or public IPv6 address, SSID or URL credentials', (format) => {
    const text = readable(format, redacted);
    for (const [what, value] of Object.entries(EVERYWHERE)) expect(text, `${what} (${value})`).not.toContain(value);
    expect(text).toMatch(/personal details redacted|"redacted": true/);
  });

  it.each(REPORT_FORMATS)('%s: with redaction off (--no-redact), they are there', (format) => {
    const text = readable(format, personal);
    for (const value of SHOWN[format]) expect(text, value).toContain(value);
    expect(text).toMatch(/personal details NOT redacted|"redacted": false/);
  });

  // Waits on redact.ts: a public IPv4 address of this machine (an adapter directly on the internet) is not yet
  // redacted (only private ranges are). The security engineer's redaction of public addresses makes it pass.
  it.each(REPORT_FORMATS)('%s: no public IPv4 address of this machine', (format) => {
    expect(readable(format, redacted)).not.toContain(PUBLIC_V4);
    expect(readable(format, personal)).toContain(format === 'text' ? 'personal details' : PUBLIC_V4);
  });
});
