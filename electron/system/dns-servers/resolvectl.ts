// systemd-resolved: `resolvectl status` lists the global servers and each link's. Its output is not translated.
// Two layouts exist: systemd ≤ 245 prints one value per line, continuation lines aligned under the first;
// newer versions print a link's servers on one line. Both right-align the field names on the colon.
import type { DnsServerEntry } from './types.js';
import { normalizeServerList } from './address.js';

export function resolvectlStatusArgv(): string[] {
  return ['resolvectl', 'status', '--no-pager'];
}

/** One block of the output: Global (no interface) or a link, with its fields' values split on whitespace. */
export interface ResolvectlSection {
  interface?: string;
  fields: Map<string, string[]>;
}

const KEY_LINE = /^(\s*)([A-Za-z][\w ./-]*?):(?:\s+(.*))?$/;
const LINK_LINE = /^Link\s+\d+\s+\(([^)]+)\)\s*$/;

/** Pure: the sections (Global, then each link) with their fields, continuation lines folded in. */
export function parseResolvectlSections(text: string): ResolvectlSection[] {
  const sections: ResolvectlSection[] = [];
  let current: ResolvectlSection | null = null;
  let lastKey: string | null = null;
  let valueColumn = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      lastKey = null;
      continue;
    }
    if (/^Global\s*$/.test(line)) {
      current = { fields: new Map() };
      sections.push(current);
      lastKey = null;
      continue;
    }
    const link = LINK_LINE.exec(line);
    if (link) {
      current = { interface: link[1]!, fields: new Map() };
      sections.push(current);
      lastKey = null;
      continue;
    }
    if (!current) continue;
    const indent = /^\s*/.exec(line)![0].length;
    if (lastKey !== null && indent >= valueColumn) {
      current.fields.get(lastKey)!.push(...line.trim().split(/\s+/));
      continue;
    }
    const key = KEY_LINE.exec(line);
    if (!key) continue;
    lastKey = key[2]!.trim();
    const value = key[3]?.trim() ?? '';
    valueColumn = value === '' ? line.length : line.indexOf(value, line.indexOf(':') + 1);
    current.fields.set(lastKey, value === '' ? [] : value.split(/\s+/));
  }
  return sections;
}

/** Pure: the servers in effect per section; the fallback servers only when nothing else is configured. */
export function parseResolvectlStatus(text: string): DnsServerEntry[] {
  const sections = parseResolvectlSections(text);
  const entries: DnsServerEntry[] = [];
  for (const section of sections) {
    const servers = normalizeServerList(section.fields.get('DNS Servers') ?? []);
    if (servers.length === 0) continue;
    entries.push({ source: 'resolvectl', ...(section.interface ? { interface: section.interface } : {}), servers });
  }
  if (entries.length > 0) return entries;
  const fallback = normalizeServerList(sections.flatMap((s) => s.fields.get('Fallback DNS Servers') ?? []));
  return fallback.length > 0 ? [{ source: 'resolvectl (fallback)', servers: fallback }] : [];
}
