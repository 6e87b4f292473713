// Issue 7's invariant, checked on any report: every step agrees with the verdict. Used by the scenario suite (on
// the CLI's reports) and by the browser test (on what the wizard shows).
import { causeSteps, explainReport, type Explanation } from '../../electron/common/explain/explain.js';
import { STEPS, type Report } from '../../electron/common/spec.js';

/** Router or cable advice ("restart your router", "check the cable"): only right when the local network fails. */
export const ROUTER_ADVICE = /\b(restart|unplug|reboot)\b[^.]*\b(router|modem)\b|\b(check|plug in)\b[^.]*\bcable\b/i;
/** A raw error code in a sentence meant for people (ETIMEOUT, UNABLE_TO_VERIFY_LEAF_SIGNATURE, ECONNREFUSED…). */
export const RAW_CODE = /\b(E[A-Z]{4,}|[A-Z]+(?:_[A-Z]+){2,})\b/;

export function localNetworkHealthy(report: Report): boolean {
  const connectivity = report.facts?.connectivity;
  return connectivity !== undefined && connectivity.answered && !connectivity.portal;
}

/** Every way the explanation of `report` disagrees with its verdict; empty when it speaks with one voice. */
export function oneVoiceProblems(report: Report, explanation: Explanation = explainReport(report)): string[] {
  const problems: string[] = [];
  const holding = [report.verdict.cause, ...report.verdict.alsoFound];
  const healthy = localNetworkHealthy(report);
  const sentences: [string, string][] = [
    ['verdict', explanation.verdict.summary],
    ...explanation.verdict.nextSteps.map((n): [string, string] => [`next step (${n.step})`, n.action]),
  ];
  for (const { id } of STEPS) {
    const step = explanation.steps[id];
    if (step.state === 'problem') {
      if (!step.cause || !holding.includes(step.cause)) problems.push(`step ${id} says "Problem found" for ${step.cause ?? 'no cause'}, which does not hold`);
      else if (!causeSteps(step.cause).includes(id)) problems.push(`step ${id} says "Problem found" for ${step.cause}, which is fixed at ${causeSteps(step.cause).join(', ')}`);
    }
    if (step.state === 'consequence') {
      if (!step.cause || !holding.includes(step.cause)) problems.push(`step ${id} is a consequence of ${step.cause ?? 'nothing'}, which does not hold`);
      if (!step.seeStep || explanation.steps[step.seeStep].state !== 'problem') problems.push(`step ${id} points to ${step.seeStep ?? 'no step'}, which shows no problem`);
    }
    // Advice offered at a step (not only explained) must fit the verdict too.
    sentences.push([`step ${id}`, step.headline], ...step.advice.map((a): [string, string] => [`step ${id} advice`, a]));
  }
  for (const [id, line] of Object.entries(explanation.checks)) sentences.push([`check ${id}`, line.line]);
  for (const [where, text] of sentences) {
    if (healthy && ROUTER_ADVICE.test(text)) problems.push(`${where} gives router or cable advice while the local network is healthy: "${text}"`);
    if (RAW_CODE.test(text)) problems.push(`${where} shows a raw error code: "${text}"`);
  }
  if (holding.includes('captive-portal') && (explanation.offerDnsSwitch || explanation.dnsSwitchBlockedBy !== 'captive-portal')) {
    problems.push('a DNS switch is offered while a captive portal intercepts');
  }
  return problems;
}
