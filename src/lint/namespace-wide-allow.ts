import type { AuthzSource } from '../model/k8s.js';
import { describeSelector, effectivePolicyTypes } from '../policy/network-policy/index.js';
import type { LintFinding, LintRule } from './rule.js';
import { emptySelector, finding, k8sId } from './lib/objects.js';

/** An Istio source that names namespaces and nothing narrower (no principal, no IP). */
function namespacesOnly(s: AuthzSource): boolean {
  const narrower: (keyof AuthzSource)[] = ['principals', 'requestPrincipals', 'ipBlocks', 'remoteIpBlocks'];
  return (s.namespaces?.length ?? 0) > 0 && narrower.every((k) => !s[k]?.length);
}

export const rule: LintRule = {
  id: 'namespace-wide-allow',
  title: 'Namespace-wide allow with no workload boundary',
  severity: 'warning',
  description:
    'An allow whose source is a whole namespace: a NetworkPolicy ingress peer with a `namespaceSelector` and no `podSelector`, an Istio ALLOW source with `namespaces` and no `principals`, or a native network rule whose `from` names only a namespace. Every workload of that namespace, and every one added to it later, is admitted: one foothold there is enough. (`namespaceSelector: {}` is wildcard-network-ingress\'s.)',
  remediation: 'Add the workload boundary: a `podSelector` in the same peer, Istio `principals` of the calling service accounts, native `from.labels` or `from.workload`.',
  check(ctx) {
    const out: LintFinding[] = [];
    for (const np of ctx.model.k8s.networkPolicies) {
      if (!effectivePolicyTypes(np).includes('ingress')) continue;
      (np.ingress ?? []).forEach((r, i) => {
        (r.peers ?? []).forEach((p, j) => {
          if (p.namespaceSelector === undefined || emptySelector(p.namespaceSelector) || p.podSelector !== undefined) return;
          out.push(finding(rule, k8sId('NetworkPolicy', np.namespace, np.name), `ingress[${i}].from[${j}] admits every pod of the namespaces ${describeSelector(p.namespaceSelector)} (no podSelector)`, np.source));
        });
      });
    }
    for (const p of ctx.model.k8s.authorizationPolicies) {
      if ((p.action ?? 'ALLOW') !== 'ALLOW') continue;
      (p.rules ?? []).forEach((r, i) => {
        (r.from ?? []).forEach((f, j) => {
          if (namespacesOnly(f.source)) out.push(finding(rule, k8sId('AuthorizationPolicy', p.namespace, p.name), `rules[${i}].from[${j}] admits every workload of namespace ${f.source.namespaces!.join(', ')} (no principals)`, p.source));
        });
      });
    }
    for (const p of ctx.model.native.policies) {
      if (p.layer !== 'network') continue;
      p.network.forEach((r, i) => {
        const f = r.from;
        if (r.action !== 'allow' || f.namespace === undefined || f.workload !== undefined || Object.keys(f.labels ?? {}).length > 0) return;
        out.push(finding(rule, `policy/${p.name}`, `rules[${i}] admits every workload of namespace ${f.namespace} (no labels or workload in from)`, p.source));
      });
    }
    return out;
  },
};
