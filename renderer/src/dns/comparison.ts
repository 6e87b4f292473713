// "Is switching DNS worth it?": the `dns` check's evidence (electron/engine/checks/dns.ts, evidenceFor) read as a
// one-line verdict, the average answer times, and per name what the system's DNS and the reference DNS said.
import { z } from 'zod';
import type { CheckResult } from '../../../electron/common/spec.js';
import { capitalize, resolverName, resolverShortName } from './names.js';

// Only the parts the panel reads; anything else in the evidence is ignored, so the check can grow.
const LookupSchema = z.object({
  kind: z.string(),
  addresses: z.array(z.string()),
  durationMs: z.number(),
  code: z.string().optional(),
});
const ConnectSchema = z.object({ address: z.string(), ok: z.boolean() });
const NameSchema = z.object({
  host: z.string(),
  result: z.string(),
  problem: z.enum(['failed', 'bad-answer']).nullable(),
  agreesWithReference: z.boolean().nullable(),
  fromHostsFile: z.boolean().optional(),
  systemResolver: LookupSchema,
  systemDns: LookupSchema,
  reference: z.array(LookupSchema.extend({ resolver: z.string() })),
  connect: z.object({ system: z.array(ConnectSchema), reference: z.array(ConnectSchema) }).optional(),
});
export const DnsEvidenceSchema = z.object({
  systemServers: z.array(z.string()),
  referenceResolvers: z.array(z.string()),
  latency: z.object({
    systemAverageMs: z.number().nullable(),
    level: z.enum(['normal', 'slightly-high', 'significantly-high', 'unknown']),
    referenceAverageMs: z.record(z.string(), z.number().nullable()),
  }),
  names: z.array(NameSchema),
});
export type DnsEvidence = z.infer<typeof DnsEvidenceSchema>;
type NameEvidence = DnsEvidence['names'][number];

/** helps: switching will likely fix it; may-help: it might; no-help: it won't; unknown: nothing to go on. */
export type ComparisonTone = 'helps' | 'may-help' | 'no-help' | 'unknown';

export interface LookupCell {
  /** "127.0.0.1" or "Server failure" (what a person reads). */
  text: string;
  ok: boolean;
  durationMs: number | null;
}

export interface ComparisonRow {
  host: string;
  yours: LookupCell;
  /** name: as a sentence says it; heading: as a column heading says it. */
  reference: LookupCell & { name: string; heading: string };
}

export interface DnsComparison {
  tone: ComparisonTone;
  /** One plain sentence. */
  verdict: string;
  /** Average answer times; null when the check did not measure them. */
  latency: { yoursMs: number | null; references: { name: string; ms: number | null }[] } | null;
  rows: ComparisonRow[];
}

const FAILURE_TEXT: Record<string, string> = {
  nxdomain: 'Name not found',
  servfail: 'Server failure',
  refused: 'Refused',
  nodata: 'No address',
  timeout: 'No answer (timed out)',
  unreachable: 'Unreachable',
  cancelled: 'Not finished',
};

function lookupText(lookup: { kind: string; addresses: string[]; code?: string | undefined }): string {
  if (lookup.kind === 'answer' && lookup.addresses.length > 0) {
    const shown = lookup.addresses.slice(0, 3).join(', ');
    return lookup.addresses.length > 3 ? `${shown} +${lookup.addresses.length - 3}` : shown;
  }
  return FAILURE_TEXT[lookup.kind] ?? (lookup.code ? `Failed (${lookup.code})` : 'Failed');
}

/** The reference answer a row shows: the first that gave addresses, else the first that said anything. */
function bestReference(name: NameEvidence): NameEvidence['reference'][number] | undefined {
  return name.reference.find((r) => r.addresses.length > 0) ?? name.reference.find((r) => r.kind !== 'timeout' && r.kind !== 'cancelled') ?? name.reference[0];
}

function row(name: NameEvidence): ComparisonRow {
  // What the browser got: getaddrinfo's answer, else the direct query's precise failure.
  const yours = name.systemResolver.kind === 'answer' ? name.systemResolver : name.systemDns;
  const reference = bestReference(name);
  return {
    host: name.host,
    yours: {
      text: `${lookupText(yours)}${name.fromHostsFile ? ' (hosts file)' : ''}`,
      ok: name.problem === null && yours.kind === 'answer',
      durationMs: name.systemDns.kind === 'cancelled' ? null : name.systemDns.durationMs,
    },
    reference: reference
      ? {
          name: resolverName(reference.resolver),
          heading: resolverShortName(reference.resolver),
          text: lookupText(reference),
          ok: reference.kind === 'answer' && reference.addresses.length > 0,
          durationMs: reference.kind === 'cancelled' ? null : reference.durationMs,
        }
      : { name: 'the reference DNS servers', heading: 'Reference DNS', text: 'Not asked', ok: false, durationMs: null },
  };
}

const responded = (r: { kind: string }): boolean => !['timeout', 'unreachable', 'cancelled', 'error'].includes(r.kind);
const works = (results: { ok: boolean }[] | undefined): boolean | null => (results && results.length > 0 ? results.some((r) => r.ok) : null);

/** The one-line verdict and its tone, from the evidence alone. */
function judge(evidence: DnsEvidence): { tone: ComparisonTone; verdict: string } {
  const first = evidence.referenceResolvers[0];
  const anyName = first ? resolverName(first) : 'the reference DNS servers';
  const nameFor = (n: NameEvidence): string => {
    const best = bestReference(n);
    return best ? resolverName(best.resolver) : anyName;
  };

  const badAnswer = evidence.names.find((n) => n.problem === 'bad-answer');
  const failed = evidence.names.filter((n) => n.problem === 'failed');
  // The most telling failure first: one the reference answered with an address that works.
  const fixable = failed.find((n) => works(n.connect?.reference) === true);
  if (fixable) return { tone: 'helps', verdict: `${capitalize(nameFor(fixable))} answered where yours failed — switching is likely to help.` };
  if (badAnswer) {
    if (badAnswer.fromHostsFile) {
      return {
        tone: 'no-help',
        verdict: `This computer's hosts file sends ${badAnswer.host} to an address that does not answer — switching DNS will not help; the hosts file needs fixing.`,
      };
    }
    return {
      tone: 'helps',
      verdict: `Your DNS gave an address for ${badAnswer.host} that does not work, and ${nameFor(badAnswer)} gave one that does — switching is likely to help.`,
    };
  }
  const failure = failed[0];
  if (failure) {
    const ref = nameFor(failure);
    const found = failure.reference.some((r) => r.addresses.length > 0);
    if (found && works(failure.connect?.reference) === false) {
      return { tone: 'may-help', verdict: `${capitalize(ref)} found ${failure.host} where yours failed, but its address did not answer either — switching alone may not help.` };
    }
    if (found) return { tone: 'may-help', verdict: `${capitalize(ref)} answered where yours failed — switching may help.` };
    if (failure.reference.some(responded)) {
      return { tone: 'no-help', verdict: `${capitalize(ref)} could not find ${failure.host} either — switching is unlikely to help.` };
    }
    return { tone: 'no-help', verdict: `Neither your DNS nor ${ref} answered — switching is unlikely to help until the connection works.` };
  }

  const { systemAverageMs, level, referenceAverageMs } = evidence.latency;
  const measured = Object.entries(referenceAverageMs).filter((entry): entry is [string, number] => entry[1] !== null);
  const fastest = measured.sort((a, b) => a[1] - b[1])[0];
  if (level === 'slightly-high' || level === 'significantly-high') {
    if (fastest && systemAverageMs !== null && fastest[1] < systemAverageMs) {
      return {
        tone: 'may-help',
        verdict: `Your DNS works but is slow (${systemAverageMs} ms; ${resolverName(fastest[0])}: ${fastest[1]} ms) — switching may make pages start faster.`,
      };
    }
    return { tone: 'no-help', verdict: `Your DNS is slow, but ${anyName} was not faster — switching is unlikely to help.` };
  }
  const answered = evidence.names.some((n) => n.reference.some(responded));
  if (!answered) return { tone: 'unknown', verdict: `${capitalize(anyName)} did not answer, so your DNS could not be compared with it.` };
  return { tone: 'no-help', verdict: `Your DNS works as well as ${anyName} — switching is unlikely to help.` };
}

/**
 * The comparison for the DNS step. `check` is the `dns` check's result (undefined until it has finished);
 * `running` says whether a diagnosis is under way.
 */
export function dnsComparison(check: CheckResult | undefined, running: boolean): DnsComparison {
  const none = { latency: null, rows: [] };
  if (!check) {
    return running
      ? { tone: 'unknown', verdict: 'Comparing your DNS with the reference DNS servers…', ...none }
      : { tone: 'unknown', verdict: 'Run the diagnosis to compare your DNS with the reference DNS servers.', ...none };
  }
  if (check.status === 'skip') return { tone: 'no-help', verdict: `${check.summary} Switching DNS will not help.`, ...none };
  const parsed = DnsEvidenceSchema.safeParse(check.evidence);
  if (check.status === 'error' || !parsed.success) {
    return { tone: 'unknown', verdict: `Your DNS could not be compared: ${check.summary}`, ...none };
  }
  const evidence = parsed.data;
  const references = evidence.referenceResolvers.map((resolver) => ({
    name: resolverName(resolver),
    ms: evidence.latency.referenceAverageMs[resolver] ?? null,
  }));
  return {
    ...judge(evidence),
    latency: { yoursMs: evidence.latency.systemAverageMs, references },
    rows: evidence.names.map(row),
  };
}
