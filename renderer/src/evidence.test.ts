import { describe, expect, it } from 'vitest';
import { describeEvidence, safeJson } from './evidence.js';
import { statusPageFail } from './test-fixtures.js';

describe('describeEvidence', () => {
  it('shows scalars as text and structures as pretty JSON, in the evidence’s order', () => {
    const rows = describeEvidence(statusPageFail.evidence);
    expect(rows.map((r) => r.key)).toEqual(['url', 'httpStatus', 'durationMs', 'indicator', 'description', 'components', 'incidents']);
    expect(rows[0]).toEqual({ key: 'url', kind: 'text', value: 'http://127.0.0.1:43117/api/v2/summary.json' });
    expect(rows[1]).toEqual({ key: 'httpStatus', kind: 'text', value: '200' });
    const components = rows.find((r) => r.key === 'components')!;
    expect(components.kind).toBe('json');
    expect(JSON.parse(components.value)).toEqual(statusPageFail.evidence.components);
    expect(components.value).toContain('\n  ');
  });

  it('lists arrays of plain values on one line', () => {
    expect(describeEvidence({ addresses: ['104.18.32.47', '172.64.155.209'], ports: [443, 80], none: [] })).toEqual([
      { key: 'addresses', kind: 'text', value: '104.18.32.47, 172.64.155.209' },
      { key: 'ports', kind: 'text', value: '443, 80' },
      { key: 'none', kind: 'text', value: '(none)' },
    ]);
  });

  it('shows null, booleans and missing values plainly', () => {
    expect(describeEvidence({ proxy: null, reachable: false, skipped: undefined })).toEqual([
      { key: 'proxy', kind: 'text', value: 'null' },
      { key: 'reachable', kind: 'text', value: 'false' },
      { key: 'skipped', kind: 'text', value: 'undefined' },
    ]);
  });

  it('never throws on values JSON cannot encode', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(safeJson(cyclic)).toBe('[object Object]');
    expect(describeEvidence({ cyclic })[0]!.kind).toBe('json');
  });
});
