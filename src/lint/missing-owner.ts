import type { IdentityKind, Source } from '../model/model.js';
import type { LintContext, LintFinding, LintRule } from './rule.js';
import { finding, k8sId } from './lib/objects.js';

/**
 * Identities a team answers for. Left out: what lateral makes up to stand for something
 * (an account's administrator, a repository's writers, an action's owner, a CI secret).
 */
const OWNED_IDENTITIES: ReadonlySet<IdentityKind> = new Set(['workload', 'human', 'pipeline', 'cloud-role', 'service-account', 'aws-user', 'aws-role', 'aws-group']);

export type OwnedKind = 'workloads' | 'identities' | 'policies';

export interface Ownable {
  kind: OwnedKind;
  object: string;
  owner?: string;
  source?: Source;
}

/**
 * What should name an owner: workloads, identities, and the Kubernetes and Istio policies,
 * whose owner is their namespace's (`lateral.dev/owner` on the Namespace, or an Overlay), as
 * a workload's is. Native policies and IAM policies have no owner field, so they are not counted.
 */
export function ownables(ctx: LintContext): Ownable[] {
  const m = ctx.model;
  const nsOwner = (ns: string) => ctx.built.ctx.namespace(ns)?.owner;
  const policies = [
    ...m.k8s.networkPolicies.map((p) => ({ kind: 'policies' as const, object: k8sId('NetworkPolicy', p.namespace, p.name), owner: nsOwner(p.namespace), source: p.source })),
    ...m.k8s.authorizationPolicies.map((p) => ({ kind: 'policies' as const, object: k8sId('AuthorizationPolicy', p.namespace, p.name), owner: nsOwner(p.namespace), source: p.source })),
  ];
  return [
    ...m.workloads.map((w) => ({ kind: 'workloads' as const, object: w.id, owner: w.owner, source: w.source })),
    ...m.identities.filter((i) => OWNED_IDENTITIES.has(i.kind)).map((i) => ({ kind: 'identities' as const, object: i.id, owner: i.owner, source: i.source })),
    ...policies,
  ].map((o) => ({ kind: o.kind, object: o.object, ...(o.owner ? { owner: o.owner } : {}), ...(o.source ? { source: o.source } : {}) }));
}

export interface Coverage {
  owned: number;
  total: number;
  /** owned / total × 100, one decimal; 100 when there is nothing to own */
  percent: number;
}

/** Owner coverage per kind and overall: the seeds' "95 % of in-scope services have named owners". */
export function ownerCoverage(ctx: LintContext): Record<OwnedKind | 'all', Coverage> {
  const all = ownables(ctx);
  const cover = (list: readonly Ownable[]): Coverage => {
    const owned = list.filter((o) => o.owner).length;
    return { owned, total: list.length, percent: list.length ? Math.round((owned / list.length) * 1000) / 10 : 100 };
  };
  return {
    workloads: cover(all.filter((o) => o.kind === 'workloads')),
    identities: cover(all.filter((o) => o.kind === 'identities')),
    policies: cover(all.filter((o) => o.kind === 'policies')),
    all: cover(all),
  };
}

const KIND_WORD: Record<OwnedKind, string> = { workloads: 'workload', identities: 'identity', policies: 'policy' };

export const rule: LintRule = {
  id: 'missing-owner',
  title: 'No named owner',
  severity: 'warning',
  description:
    'A workload, identity (not one lateral makes up, such as an account administrator) or Kubernetes/Istio policy with no owner: `owner:` in the native format, the `lateral.dev/owner` label or annotation (a policy takes its namespace\'s), the AWS tag owner, or an Overlay. Nobody answers for it when a path through it is found or an exception on it expires. Native and IAM policies have no owner field and are not checked.',
  remediation: 'Set `lateral.dev/owner` on the object or its namespace (or `owner:` in a native topology, the `owner` tag on an IAM principal, an Overlay for objects you cannot relabel).',
  check(ctx) {
    const out: LintFinding[] = [];
    for (const o of ownables(ctx)) if (!o.owner) out.push(finding(rule, o.object, `${KIND_WORD[o.kind]} names no owner`, o.source));
    return out;
  },
};
