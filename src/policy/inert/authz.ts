/**
 * inert-authz: an Istio AuthorizationPolicy is enforced by the sidecar of each pod it
 * applies to (Istio "Authorization Policy": selector, root namespace); when none of them has
 * a sidecar, nothing evaluates it. A root-namespace policy without selector applies
 * mesh-wide, so it is inert when no pod of the mesh has a sidecar. Policies with targetRefs
 * attach to gateways and waypoints, which the inputs do not model: they are not judged.
 */
import type { PolicyContext } from '../context.js';
import { attachesToSidecars, authorizationPolicySelects, DEFAULT_ROOT_NAMESPACE } from '../istio/index.js';
import { inertWarning, workloads, type InertPolicyWarning } from './warning.js';
import { injected, workloadsIn } from './workloads.js';

export function inertAuthorizationPolicies(ctx: PolicyContext): InertPolicyWarning[] {
  const root = ctx.options.istioRootNamespace ?? DEFAULT_ROOT_NAMESPACE;
  const out: InertPolicyWarning[] = [];
  for (const p of ctx.model.k8s.authorizationPolicies) {
    if (!attachesToSidecars(p)) continue;
    // A root-namespace policy may apply in every namespace; any other only in its own.
    const candidates = p.namespace === root ? ctx.model.workloads : workloadsIn(ctx, p.namespace);
    if (candidates.some((w) => injected(ctx, w) && authorizationPolicySelects(p, w, root))) continue;
    const selected = candidates.filter((w) => authorizationPolicySelects(p, w, root));
    const id = `${p.namespace}/${p.name}`;
    const meshWide = p.namespace === root && Object.keys(p.selector?.matchLabels ?? {}).length === 0;
    const why = meshWide
      ? `AuthorizationPolicy ${id} applies mesh-wide, but no workload in the mesh has a sidecar: it enforces nothing`
      : `AuthorizationPolicy ${id} selects 0 workloads with a sidecar: it enforces nothing (${selected.length ? `it selects ${workloads(selected.length)}, none injected` : 'no workload matches it'})`;
    out.push(inertWarning('inert-authz', 'AuthorizationPolicy', p, why));
  }
  return out;
}
