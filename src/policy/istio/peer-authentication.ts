/**
 * The mutual-TLS mode a sidecar enforces on a port (PeerAuthentication reference): the
 * workload-specific policy (selector, in the pod's namespace) wins over the namespace-wide
 * one (no selector), which wins over the mesh-wide one (no selector, root namespace);
 * `portLevelMtls` applies only in a workload-specific policy; UNSET inherits from the
 * parent; with no policy the mode is PERMISSIVE.
 */
import type { PeerAuthentication } from '../../model/k8s.js';
import type { Workload } from '../../model/model.js';
import type { PolicyContext } from '../context.js';
import { groupByNamespace } from '../by-namespace.js';

export type EffectiveMtls = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface MtlsDecision {
  mode: EffectiveMtls;
  /** `namespace/name` of the PeerAuthentication that set the mode, `(default)` when none did. */
  policy: string;
  version?: string;
}

const byName = (a: PeerAuthentication, b: PeerAuthentication) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function mtlsMode(ctx: PolicyContext, w: Workload, port: number, rootNamespace: string): MtlsDecision {
  const byNamespace = ctx.memo('peer-authentication-by-namespace', () => groupByNamespace(ctx.model.k8s.peerAuthentications));
  const own = byNamespace.get(w.namespace) ?? [];
  const workload = own.filter((pa) => hasSelector(pa) && selectsLabels(pa, w)).sort(byName)[0];
  const namespace = own.filter((pa) => !hasSelector(pa)).sort(byName)[0];
  const mesh = (byNamespace.get(rootNamespace) ?? []).filter((pa) => !hasSelector(pa)).sort(byName)[0];
  const set = (pa: PeerAuthentication, mode: string | undefined): MtlsDecision | undefined =>
    mode && mode !== 'UNSET' ? { mode: mode as EffectiveMtls, policy: `${pa.namespace}/${pa.name}`, ...(pa.resourceVersion !== undefined ? { version: pa.resourceVersion } : {}) } : undefined;
  return (
    (workload && (set(workload, workload.portLevelMtls?.[String(port)]?.mode) ?? set(workload, workload.mtls?.mode))) ??
    (namespace && set(namespace, namespace.mtls?.mode)) ??
    (mesh && set(mesh, mesh.mtls?.mode)) ?? { mode: 'PERMISSIVE', policy: '(default)' }
  );
}

/**
 * Whether a PeerAuthentication is one of the policies `mtlsMode` weighs for a pod: one with a
 * selector in the pod's namespace that matches it, a namespace-wide one of its namespace, or
 * the mesh-wide one of the root namespace (a root-namespace selector selects only its own pods).
 */
export function peerAuthenticationSelects(pa: PeerAuthentication, w: Workload, rootNamespace: string): boolean {
  if (hasSelector(pa)) return pa.namespace === w.namespace && selectsLabels(pa, w);
  return pa.namespace === w.namespace || pa.namespace === rootNamespace;
}

function selectsLabels(pa: PeerAuthentication, w: Workload): boolean {
  return Object.entries(pa.selector?.matchLabels ?? {}).every(([k, v]) => w.labels[k] === v);
}

function hasSelector(pa: PeerAuthentication): boolean {
  return pa.selector !== undefined && Object.keys(pa.selector.matchLabels ?? {}).length > 0;
}
