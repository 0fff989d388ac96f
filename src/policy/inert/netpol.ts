/**
 * inert-netpol: a NetworkPolicy isolates the pods of its own namespace that its podSelector
 * matches (networking.k8s.io/v1); when it matches none, it isolates nothing and admits
 * nothing. An empty selector `{}` in a namespace without pods counts too: a default-deny
 * applied before any workload is, in the inputs, a policy that protects nothing.
 */
import type { PolicyContext } from '../context.js';
import { networkPolicyIndex } from '../network-policy/index.js';
import { inertWarning, type InertPolicyWarning } from './warning.js';
import { workloadsIn } from './workloads.js';

export function inertNetworkPolicies(ctx: PolicyContext): InertPolicyWarning[] {
  const index = networkPolicyIndex(ctx);
  const compiled = new Map([...index.byNamespace.values()].flat().map((p) => [p.id, p]));
  const out: InertPolicyWarning[] = [];
  for (const np of ctx.model.k8s.networkPolicies) {
    const p = compiled.get(`${np.namespace}/${np.name}`)!;
    const pods = workloadsIn(ctx, np.namespace);
    if (pods.some((w) => p.selects(w.labels))) continue;
    const why =
      pods.length === 0
        ? `NetworkPolicy ${p.id} selects no pod: namespace ${np.namespace} has no workload, so it enforces nothing`
        : `NetworkPolicy ${p.id} selects no pod: its podSelector ${p.selectorText} matches none of the ${pods.length} in namespace ${np.namespace}, so it enforces nothing`;
    out.push(inertWarning('inert-netpol', 'NetworkPolicy', np, why));
  }
  return out;
}
