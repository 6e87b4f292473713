// The sweep: runs every check concurrently under one deadline and assembles the SPEC.md report.
// The report is complete by the deadline even if nothing answers: a check that has not finished is an
// `error` result that says so.
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import { version as APP_VERSION } from '../../package.json';
import type { CheckResult, Environment, ProgressEvent, Profile, Report } from '../common/spec.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from './check.js';
import { ALL_CHECKS } from './checks/index.js';
import type { Facts } from '../common/facts.js';
import { decideVerdict } from '../common/verdict.js';

export interface DiagnoseOptions {
  profile: Profile;
  timeoutMs: number;
  /** Only these check ids (all when absent). */
  checkIds?: string[];
  onProgress?: (event: ProgressEvent) => void;
  extraCa?: string[];
  /** For tests: a different set of checks. */
  checks?: CheckDefinition[];
}

/** Time kept back from the deadline to assemble the report. */
const ASSEMBLY_MARGIN_MS = 50;

export class UnknownCheckError extends Error {}

/** 10000 → "10 s", 1500 → "1.5 s". */
const formatSeconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

export function selectChecks(all: CheckDefinition[], ids: string[] | undefined): CheckDefinition[] {
  if (!ids) return all;
  const unknown = ids.filter((id) => !all.some((c) => c.id === id));
  if (unknown.length > 0) throw new UnknownCheckError(`unknown check: ${unknown.join(', ')}`);
  return all.filter((c) => ids.includes(c.id));
}

function basicEnvironment(): Environment {
  return {
    os: { platform: process.platform, release: os.release(), arch: process.arch },
    adapters: [],
    dnsServers: [],
    proxy: null,
    vpn: null,
    redacted: false,
  };
}

export async function diagnose(options: DiagnoseOptions): Promise<Report> {
  const startedAt = new Date();
  const started = performance.now();
  const deadline = Date.now() + options.timeoutMs - ASSEMBLY_MARGIN_MS;
  const checks = selectChecks(options.checks ?? ALL_CHECKS, options.checkIds);
  const controller = new AbortController();
  // Every probe of every check listens to this one signal (dozens in a sweep): that is by design, not a leak.
  setMaxListeners(256, controller.signal);
  const context: CheckContext = {
    profile: options.profile,
    signal: controller.signal,
    deadline,
    ...(options.extraCa ? { extraCa: options.extraCa } : {}),
  };

  type Recorded = { result: CheckResult; facts?: Partial<Facts>; environment?: CheckOutcome['environment'] };
  const results = new Map<string, Recorded>();
  const emit = (event: ProgressEvent): void => {
    try {
      options.onProgress?.(event);
    } catch {
      // A broken progress listener must not break the diagnosis.
    }
  };

  const runOne = async (check: CheckDefinition): Promise<void> => {
    emit({ type: 'check-started', id: check.id, step: check.step, title: check.title });
    const checkStarted = performance.now();
    let outcome: CheckOutcome;
    try {
      outcome = await check.run(context);
    } catch (error) {
      outcome = {
        status: 'error',
        summary: `This check could not run: ${(error as Error).message}`,
        evidence: { error: String(error) },
      };
    }
    if (results.has(check.id)) return; // the deadline already recorded it
    const result: CheckResult = {
      id: check.id,
      step: check.step,
      title: check.title,
      status: outcome.status,
      summary: outcome.summary,
      durationMs: Math.round(performance.now() - checkStarted),
      evidence: outcome.evidence,
    };
    results.set(check.id, {
      result,
      ...(outcome.facts ? { facts: outcome.facts } : {}),
      ...(outcome.environment ? { environment: outcome.environment } : {}),
    });
    emit({ type: 'check-finished', result });
  };

  let timer: NodeJS.Timeout | undefined;
  const deadlineReached = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
  });
  await Promise.race([Promise.all(checks.map(runOne)), deadlineReached]);
  clearTimeout(timer);
  controller.abort();

  for (const check of checks) {
    if (results.has(check.id)) continue;
    const result: CheckResult = {
      id: check.id,
      step: check.step,
      title: check.title,
      status: 'error',
      summary: `This check did not finish within the ${formatSeconds(options.timeoutMs)} deadline: nothing answered in time.`,
      durationMs: Math.round(performance.now() - started),
      evidence: { error: 'ETIMEDOUT', deadlineMs: options.timeoutMs },
    };
    results.set(check.id, { result });
    emit({ type: 'check-finished', result });
  }

  const ordered = checks.map((c) => results.get(c.id)!);
  const facts: Partial<Facts> = Object.assign({}, ...ordered.map((r) => r.facts ?? {}));
  return {
    schemaVersion: 1,
    generator: { name: 'gateway-doctor', version: APP_VERSION },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    profile: { name: options.profile.name, targets: options.profile.targets.map((t) => t.url) },
    environment: Object.assign(basicEnvironment(), ...ordered.map((r) => r.environment ?? {})),
    checks: ordered.map((r) => r.result),
    verdict: decideVerdict(facts, options.profile),
    facts,
  };
}
