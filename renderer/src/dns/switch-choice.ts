// What the user picked in the DNS step (a preset, or their own servers) as the switch request the engine takes,
// validated here with the contract's own rules so a typo is caught before anything is asked of the engine.
import {
  DNS_PRESETS,
  dnsServerProblem,
  MAX_DNS_SERVERS,
  type DnsPreset,
  type DnsSwitchRequest,
} from '../../../electron/common/dns-schema.js';
import { PRESET_SHORT_NAMES } from './names.js';

export type DnsChoice = { kind: 'preset'; preset: DnsPreset } | { kind: 'custom'; text: string };

export type ParsedServers = { ok: true; servers: string[] } | { ok: false; problem: string };

/** "127.0.0.2, 127.0.0.3" or one per line → the distinct addresses, or the first problem in plain words. */
export function parseServerList(text: string): ParsedServers {
  const items = text.split(/[\s,;]+/).filter((item) => item !== '');
  if (items.length === 0) return { ok: false, problem: 'Type at least one DNS server address, like 9.9.9.9.' };
  const servers = [...new Set(items.map((item) => item.toLowerCase()))];
  for (const server of servers) {
    const problem = dnsServerProblem(server);
    if (problem) return { ok: false, problem: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.` };
  }
  if (servers.length > MAX_DNS_SERVERS) return { ok: false, problem: `Give at most ${MAX_DNS_SERVERS} DNS servers.` };
  return { ok: true, servers };
}

export type ChoiceRequest = { ok: true; request: DnsSwitchRequest } | { ok: false; problem: string };

export function choiceRequest(choice: DnsChoice): ChoiceRequest {
  if (choice.kind === 'preset') return { ok: true, request: { preset: choice.preset } };
  const parsed = parseServerList(choice.text);
  return parsed.ok ? { ok: true, request: { servers: parsed.servers } } : parsed;
}

/** The switch button's words: "Switch to Google DNS", "Switch to 127.0.0.2", "Switch to these DNS servers". */
export function switchLabel(choice: DnsChoice): string {
  if (choice.kind === 'preset') return `Switch to ${PRESET_SHORT_NAMES[choice.preset]}`;
  const parsed = parseServerList(choice.text);
  if (parsed.ok && parsed.servers.length === 1) return `Switch to ${parsed.servers[0]}`;
  return 'Switch to these DNS servers';
}

/** What the switch goes to, for a sentence: "Google DNS", "127.0.0.2 and 127.0.0.3". */
export function requestTarget(request: DnsSwitchRequest): string {
  if (request.servers) return request.servers.length <= 2 ? request.servers.join(' and ') : 'your DNS servers';
  return PRESET_SHORT_NAMES[request.preset ?? 'google'];
}

/** The IPv4 servers of a preset, for the choice's hint ("8.8.8.8 · 8.8.4.4"). */
export function presetHint(preset: DnsPreset): string {
  return DNS_PRESETS[preset].servers.filter((s) => !s.includes(':')).join(' · ');
}
