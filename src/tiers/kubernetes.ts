/**
 * Kubernetes Tier Zero: the nodes (root on one holds every credential its pods use), the
 * identities bound cluster-wide to every verb on every resource (cluster-admin or its
 * equal), the Secrets of kube-system, and the Secrets holding a tier-0 identity's token.
 */
import type { Model } from '../model/model.js';
import type { PolicyContext } from '../policy/context.js';
import { boundTo, subjectKeys } from '../policy/rbac/index.js';
import type { PolicyRule } from '../model/k8s.js';

const everything = (r: PolicyRule) => r.verbs.includes('*') && r.apiGroups.includes('*') && r.resources.includes('*') && r.resourceNames.length === 0;

export function* kubernetesTierZero(model: Model, ctx: PolicyContext): Generator<[id: string, reason: string]> {
  for (const r of model.resources) {
    if (r.type === 'node') yield [r.id, 'Kubernetes node: its kubelet holds the token and secrets of every pod it runs'];
  }
  for (const i of model.identities) {
    if (subjectKeys(i.id).length === 0) continue;
    const admin = boundTo(ctx, i.id).find((b) => b.namespace === undefined && b.rules.some(everything));
    if (admin) yield [i.id, `cluster-admin-equivalent via ClusterRoleBinding ${admin.binding} (${admin.role.replace(':', ' ')}: every verb on every resource)`];
  }
  for (const r of model.resources) {
    if (r.type === 'secret' && r.namespace === 'kube-system') yield [r.id, 'Secret in kube-system, the control plane’s namespace'];
  }
}

/** Secrets (and other resources) storing the credential of a tier-0 identity. */
export function* tokensOfTierZero(model: Model, tierZero: (id: string) => boolean): Generator<[id: string, reason: string]> {
  for (const r of model.resources) {
    const held = r.holds.find(tierZero);
    if (held) yield [r.id, `holds the credential of tier-0 ${held}`];
  }
}
