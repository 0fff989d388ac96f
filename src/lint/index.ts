/** The lint rules, in the order they run. Adding a check: one file, one line here. */
import { exceptionStatus } from '../engine/exceptions.js';
import { rule as exceptionExpired } from './exception-expired.js';
import { rule as exceptionExpiring } from './exception-expiring.js';
import { rule as exceptionUnowned } from './exception-unowned.js';
import { rule as expiredSuppression } from './expired-suppression.js';
import { rule as missingOwner, ownerCoverage, type Coverage } from './missing-owner.js';
import { rule as namespaceWideAllow } from './namespace-wide-allow.js';
import { rule as observeModeStale } from './observe-mode-stale.js';
import { rule as staticCredential } from './static-credential.js';
import { rule as unusedIdentity } from './unused-identity.js';
import { rule as wildcardIamAction } from './wildcard-iam-action.js';
import { rule as wildcardIamResource } from './wildcard-iam-resource.js';
import { rule as wildcardMeshAllow } from './wildcard-mesh-allow.js';
import { rule as wildcardNetworkIngress } from './wildcard-network-ingress.js';
import { rule as wildcardRbacRule } from './wildcard-rbac-rule.js';
import { rule as wildcardTrust } from './wildcard-trust.js';
import { observedObjects } from './lib/observe.js';
import { SEVERITIES, type LintContext, type LintFinding, type LintRule, type Severity } from './rule.js';

export const LINT_RULES: readonly LintRule[] = [
  wildcardMeshAllow,
  wildcardNetworkIngress,
  wildcardIamAction,
  wildcardIamResource,
  wildcardRbacRule,
  wildcardTrust,
  namespaceWideAllow,
  missingOwner,
  exceptionUnowned,
  exceptionExpired,
  exceptionExpiring,
  observeModeStale,
  staticCredential,
  unusedIdentity,
  expiredSuppression,
];

export interface LintMeasures {
  ownerCoverage: Record<'workloads' | 'identities' | 'policies' | 'all', Coverage>;
  /** exceptions by age (days since `created`) at the evaluation date; `undated`: no created date; `pending`: created after it */
  exceptionAge: { total: number; undated: number; pending: number; over7: number; over30: number; over90: number };
  /** observe-mode objects, how many have a known start, and how many are older than observeMaxAgeDays */
  observeMode: { objects: number; dated: number; stale: number };
}

export interface LintResult {
  at: string;
  /** the .lateral.yaml read, if any */
  config?: string;
  rules: { id: string; severity: Severity; title: string }[];
  findings: LintFinding[];
  /** findings per severity (after suppression) */
  counts: Record<Severity, number>;
  /** findings dropped by an unexpired suppression */
  suppressed: number;
  measures: LintMeasures;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Findings sorted by file, line, rule, then object and message (a finding without a file last). */
export function sortFindings(findings: readonly LintFinding[]): LintFinding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file === undefined ? 1 : 0) - (b.file === undefined ? 1 : 0) ||
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      cmp(a.rule, b.rule) ||
      cmp(a.object, b.object) ||
      cmp(a.message, b.message),
  );
}

/** Runs every rule (or `rules`), drops what an unexpired suppression names, and measures. */
export function lint(ctx: LintContext, rules: readonly LintRule[] = LINT_RULES): LintResult {
  const all = rules.flatMap((r) => r.check(ctx));
  const live = ctx.config.suppress.filter((s) => s.expires === undefined || s.expires >= ctx.at);
  const hidden = (f: LintFinding) => f.rule !== expiredSuppression.id && live.some((s) => s.rule === f.rule && s.object === f.object);
  const findings = sortFindings(all.filter((f) => !hidden(f)));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  return {
    at: ctx.at,
    ...(ctx.config.file ? { config: ctx.config.file } : {}),
    rules: rules.map((r) => ({ id: r.id, severity: r.severity, title: r.title })),
    findings,
    counts,
    suppressed: all.length - findings.length,
    measures: measures(ctx),
  };
}

function measures(ctx: LintContext): LintMeasures {
  const ages = exceptionStatus(ctx.model, ctx.at);
  const dated = ages.filter((e) => e.ageDays !== undefined);
  const observed = observedObjects(ctx.model);
  return {
    ownerCoverage: ownerCoverage(ctx),
    exceptionAge: {
      total: ages.length,
      undated: ages.filter((e) => e.created === undefined).length,
      pending: ages.filter((e) => e.status === 'pending').length,
      over7: dated.filter((e) => e.ageDays! > 7).length,
      over30: dated.filter((e) => e.ageDays! > 30).length,
      over90: dated.filter((e) => e.ageDays! > 90).length,
    },
    observeMode: {
      objects: observed.length,
      dated: observed.filter((o) => ctx.observedSince.has(o.object)).length,
      stale: observeModeStale.check(ctx).length,
    },
  };
}

/** Whether a finding of severity `s` is at or above `threshold`. */
export function atOrAbove(s: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(threshold);
}

export type { LintContext, LintFinding, LintRule, Severity } from './rule.js';
