/**
 * inert-peer-auth: a PeerAuthentication asking for STRICT mutual TLS (for the workload or on
 * a port) is enforced by the sidecars of the pods it selects (Istio "PeerAuthentication":
 * workload, namespace and mesh-wide scope); when none of them is injected, plaintext still
 * gets through.
 */
import type { PeerAuthentication } from '../../model/k8s.js';
import type { PolicyContext } from '../context.js';
import { DEFAULT_ROOT_NAMESPACE, peerAuthenticationSelects } from '../istio/index.js';
import { inertWarning, workloads, type InertPolicyWarning } from './warning.js';
import { injected, workloadsIn } from './workloads.js';

function asksStrict(pa: PeerAuthentication): boolean {
  return pa.mtls?.mode === 'STRICT' || Object.values(pa.portLevelMtls ?? {}).some((p) => p.mode === 'STRICT');
}

export function inertPeerAuthentications(ctx: PolicyContext): InertPolicyWarning[] {
  const root = ctx.options.istioRootNamespace ?? DEFAULT_ROOT_NAMESPACE;
  const out: InertPolicyWarning[] = [];
  for (const pa of ctx.model.k8s.peerAuthentications) {
    if (!asksStrict(pa)) continue;
    const meshWide = pa.namespace === root && Object.keys(pa.selector?.matchLabels ?? {}).length === 0;
    const candidates = meshWide ? ctx.model.workloads : workloadsIn(ctx, pa.namespace);
    if (candidates.some((w) => injected(ctx, w) && peerAuthenticationSelects(pa, w, root))) continue;
    const selected = candidates.filter((w) => peerAuthenticationSelects(pa, w, root));
    const id = `${pa.namespace}/${pa.name}`;
    const scope = selected.length ? `it selects ${workloads(selected.length)}, none injected` : 'no workload matches it';
    const why = meshWide
      ? `PeerAuthentication ${id} requires STRICT mutual TLS mesh-wide, but no workload in the mesh has a sidecar: it enforces nothing`
      : `PeerAuthentication ${id} requires STRICT mutual TLS but selects 0 workloads with a sidecar: it enforces nothing (${scope})`;
    out.push(inertWarning('inert-peer-auth', 'PeerAuthentication', pa, why));
  }
  return out;
}
