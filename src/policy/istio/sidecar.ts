/**
 * Whether a pod runs an Istio sidecar. Istio's injector ("Installing the Sidecar",
 * controlling the injection policy): if either the namespace label `istio-injection` or the
 * pod label `sidecar.istio.io/inject` is disabled, the pod is not injected; if either is
 * enabled, it is; a namespace `istio.io/rev` label (or a pod one) enables a revision's
 * injector. The legacy pod annotation `sidecar.istio.io/inject: "false"` still opts out.
 * Pods on the host network are never injected.
 */
import type { Workload } from '../../model/model.js';
import type { PolicyContext } from '../context.js';

const TRUE = new Set(['true', 'yes', 'y', 'on', 'enabled']);

export function sidecarInjected(ctx: PolicyContext, w: Workload): boolean {
  const info = ctx.model.k8s.workloads.get(w.id);
  if (!info || info.security.hostNetwork) return false;
  const ns = ctx.namespace(w.namespace)?.labels ?? {};
  const nsLabel = ns['istio-injection'];
  const podLabel = w.labels['sidecar.istio.io/inject'];
  const podAnnotation = info.annotations['sidecar.istio.io/inject'];
  if (nsLabel === 'disabled' || podLabel === 'false') return false;
  if (podAnnotation !== undefined && !TRUE.has(podAnnotation.toLowerCase())) return false;
  if (nsLabel === 'enabled' || podLabel === 'true') return true;
  return (nsLabel === undefined && ns['istio.io/rev'] !== undefined) || w.labels['istio.io/rev'] !== undefined;
}
