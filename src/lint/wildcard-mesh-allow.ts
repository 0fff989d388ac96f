import type { AuthzRule } from '../model/k8s.js';
import { authorizationPolicySelects } from '../policy/istio/index.js';
import { selects } from '../policy/native/select.js';
import type { LintFinding, LintRule } from './rule.js';
import { describeTargets, finding, isProtected, istioRoot, k8sId } from './lib/objects.js';

/**
 * Why an ALLOW rule admits every caller, if it does. Istio: a rule without `from` matches
 * any source, and `principals: ["*"]` any authenticated one (Istio docs, AuthorizationPolicy,
 * "Rule.from: optional; if not set, any source is allowed").
 */
function anyCaller(rule: AuthzRule): string | undefined {
  if (!rule.from || rule.from.length === 0) return 'has no from: any caller, with or without identity';
  const wide = rule.from.find((f) => f.source.principals?.includes('*') || f.source.requestPrincipals?.includes('*'));
  if (wide) return wide.source.principals?.includes('*') ? 'admits principals ["*"]: any authenticated workload of the mesh' : 'admits requestPrincipals ["*"]: any end-user token';
  return undefined;
}

export const rule: LintRule = {
  id: 'wildcard-mesh-allow',
  title: 'Mesh ALLOW for any caller into tier 0/1',
  severity: 'error',
  description:
    'An Istio ALLOW AuthorizationPolicy whose rule has no `from` or admits `principals: ["*"]`, or a native mesh allow naming no identity, applied to a tier-0 or tier-1 workload: the mesh layer then lets every caller in.',
  remediation: 'Name the callers: `from.source.principals` with the service accounts that need the workload (native: `from: [identity]`).',
  check(ctx) {
    const out: LintFinding[] = [];
    const root = istioRoot(ctx);
    const protectedWorkloads = ctx.model.workloads.filter((w) => isProtected(ctx, w));
    for (const p of ctx.model.k8s.authorizationPolicies) {
      if ((p.action ?? 'ALLOW') !== 'ALLOW') continue;
      const targets = protectedWorkloads.filter((w) => authorizationPolicySelects(p, w, root));
      if (targets.length === 0) continue;
      (p.rules ?? []).forEach((r, i) => {
        const why = anyCaller(r);
        if (why) out.push(finding(rule, k8sId('AuthorizationPolicy', p.namespace, p.name), `rules[${i}] ${why}; it applies to ${describeTargets(ctx, targets)}`, p.source));
      });
    }
    for (const p of ctx.model.native.policies) {
      if (p.layer !== 'mesh') continue;
      p.mesh.forEach((m, i) => {
        if (m.action !== 'allow' || !m.fromAny) return;
        const targets = protectedWorkloads.filter((w) => selects(m.to, w));
        if (targets.length) out.push(finding(rule, `policy/${p.name}`, `rules[${i}] allows any caller (no from) into ${describeTargets(ctx, targets)}`, p.source));
      });
    }
    return out;
  },
};
