// Turns a check's evidence into rows for the "Details for support" list: scalars as text, anything
// structured as pretty JSON.
export interface EvidenceRow {
  key: string;
  kind: 'text' | 'json';
  value: string;
}

export function describeEvidence(evidence: Record<string, unknown>): EvidenceRow[] {
  return Object.entries(evidence).map(([key, value]): EvidenceRow => {
    if (value === null || value === undefined) return { key, kind: 'text', value: String(value) };
    if (typeof value === 'string') return { key, kind: 'text', value };
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      return { key, kind: 'text', value: String(value) };
    }
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return { key, kind: 'text', value: value.length === 0 ? '(none)' : value.join(', ') };
    }
    return { key, kind: 'json', value: safeJson(value) };
  });
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    // Evidence crosses IPC as structured data, so cycles should not occur; never crash the panel if they do.
    return String(value);
  }
}
