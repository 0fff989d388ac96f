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
  const selects = (pa: PeerAuthentication) => Object.entries(pa.selector?.matchLabels ?? {}).every(([k, v]) => w.labels[k] === v);
  const workload = own.filter((pa) => pa.selector && Object.keys(pa.selector.matchLabels ?? {}).length > 0 && selects(pa)).sort(byName)[0];
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

function hasSelector(pa: PeerAuthentication): boolean {
  return pa.selector !== undefined && Object.keys(pa.selector.matchLabels ?? {}).length > 0;
}
