/** What several lint rules share: where an object is, its tier, how to name it. */
import type { Source, Tier, Workload } from '../../model/model.js';
import type { LabelSelector } from '../../model/k8s.js';
import { DEFAULT_ROOT_NAMESPACE } from '../../policy/istio/index.js';
import type { LintContext, LintFinding, LintRule } from '../rule.js';

/** `file` and `line` of a source, when known. */
export function at(source: Source | undefined): Pick<LintFinding, 'file' | 'line'> {
  if (!source) return {};
  const line = source.line;
  return { file: source.file, ...(line !== undefined ? { line } : {}) };
}

/** A finding of `rule` with its severity. */
export function finding(rule: Pick<LintRule, 'id' | 'severity'>, object: string, message: string, source: Source | undefined): LintFinding {
  return { rule: rule.id, severity: rule.severity, message, object, ...at(source) };
}

const TIER_VALUES: Record<string, Tier> = { '0': 0, '1': 1, '2': 2 };

/**
 * A workload's tier: its graph node's (its own, its namespace's, an overlay's, or a default
 * one), else the first of the config's `tierLabels` its labels or its namespace's give.
 */
export function workloadTier(ctx: LintContext, w: Workload): Tier | undefined {
  const g = ctx.built.graph;
  const own = g.hasNode(w.id) ? g.getNodeAttribute(w.id, 'tier') : w.tier;
  if (own !== undefined) return own;
  const ns = ctx.built.ctx.namespace(w.namespace)?.labels ?? {};
  for (const key of ctx.config.tierLabels) {
    const v = w.labels[key] ?? ns[key];
    if (v !== undefined && TIER_VALUES[v] !== undefined) return TIER_VALUES[v];
  }
  return undefined;
}

/** Tier 0 and 1: the crown jewels and what guards them. */
export function isProtected(ctx: LintContext, w: Workload): boolean {
  const t = workloadTier(ctx, w);
  return t === 0 || t === 1;
}

/** `tier-0 payments/card-db, tier-1 payments/api and 3 more`, protected workloads first by tier then id. */
export function describeTargets(ctx: LintContext, targets: readonly Workload[]): string {
  const sorted = [...targets].sort((a, b) => (workloadTier(ctx, a) ?? 9) - (workloadTier(ctx, b) ?? 9) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const named = sorted.slice(0, 3).map((w) => `tier-${workloadTier(ctx, w)} ${w.id}`);
  return sorted.length > 3 ? `${named.join(', ')} and ${sorted.length - 3} more` : named.join(', ');
}

export function istioRoot(ctx: LintContext): string {
  return ctx.config.istioRootNamespace ?? ctx.built.ctx.options.istioRootNamespace ?? DEFAULT_ROOT_NAMESPACE;
}

/** An empty label selector (`{}`) selects everything. */
export function emptySelector(s: LabelSelector | undefined): boolean {
  return s !== undefined && Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}

export const k8sId = (kind: string, namespace: string | undefined, name: string) => (namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`);
