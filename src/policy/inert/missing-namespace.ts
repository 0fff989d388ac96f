/**
 * missing-namespace: a namespaced policy whose namespace no input defines and nothing lives
 * in — a typo, or a manifest applied to the wrong cluster. Many inputs never declare their
 * Namespace objects, so a namespace exists when a Namespace (or native namespace) declares
 * it, or a workload, Service, service account or namespaced resource is in it. The
 * namespaces every cluster has (default, kube-system, kube-public, kube-node-lease) and
 * Istio's root namespace (policies there presuppose Istio installed in it) always exist.
 */
import type { PolicyContext } from '../context.js';
import { DEFAULT_ROOT_NAMESPACE } from '../istio/index.js';
import { inertWarning, type InertPolicyWarning, type PolicyKind } from './warning.js';
import type { Source } from '../../model/model.js';

const BUILT_IN = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** The namespaces the inputs show to exist. */
export function existingNamespaces(ctx: PolicyContext): Set<string> {
  const m = ctx.model;
  const out = new Set<string>([...BUILT_IN, ctx.options.istioRootNamespace ?? DEFAULT_ROOT_NAMESPACE]);
  // Namespaces the loader adds for the objects placed in them have no source: only declared ones count.
  for (const ns of m.namespaces) if (ns.source) out.add(ns.name);
  for (const w of m.workloads) out.add(w.namespace);
  for (const s of m.k8s.services) out.add(s.namespace);
  for (const r of m.resources) if (r.namespace !== undefined) out.add(r.namespace);
  for (const i of m.identities) {
    const sa = i.kind === 'service-account' ? /^system:serviceaccount:([^:]+):/.exec(i.id) : null;
    if (sa) out.add(sa[1]!);
  }
  return out;
}

export function missingNamespaces(ctx: PolicyContext): InertPolicyWarning[] {
  const exists = existingNamespaces(ctx);
  const k = ctx.model.k8s;
  const namespaced: [PolicyKind, { namespace?: string | undefined; name: string; source?: Source | undefined }][] = [
    ...k.networkPolicies.map((p): [PolicyKind, typeof p] => ['NetworkPolicy', p]),
    ...k.authorizationPolicies.map((p): [PolicyKind, typeof p] => ['AuthorizationPolicy', p]),
    ...k.peerAuthentications.map((p): [PolicyKind, typeof p] => ['PeerAuthentication', p]),
    ...k.roles.flatMap((r): [PolicyKind, typeof r][] => (r.kind === 'Role' ? [['Role', r]] : [])),
    ...k.bindings.flatMap((b): [PolicyKind, typeof b][] => (b.kind === 'RoleBinding' ? [['RoleBinding', b]] : [])),
  ];
  const out: InertPolicyWarning[] = [];
  for (const [kind, p] of namespaced) {
    if (p.namespace === undefined || exists.has(p.namespace)) continue;
    const at = { namespace: p.namespace, name: p.name, ...(p.source ? { source: p.source } : {}) };
    out.push(inertWarning('missing-namespace', kind, at, `${kind} ${p.namespace}/${p.name}: namespace ${p.namespace} does not exist (no input defines it and nothing runs in it), so it applies to nothing`));
  }
  return out;
}
