/**
 * Kubernetes objects that can only be placed once every file is read: a Pod owned by a
 * ReplicaSet owned by a Deployment is represented by the Deployment; a service account's
 * automount setting and a namespace's tier reach the workloads that use them.
 */
import type { K8sWorkloadInfo } from '../../model/k8s.js';
import type { Namespace, Source, Tier, Workload } from '../../model/model.js';
import type { IngestContext } from '../context.js';

export interface PendingWorkload {
  workload: Workload;
  info: K8sWorkloadInfo;
  automount?: boolean;
  /** `<namespace>/<name>` of the controller that owns it */
  owner?: string;
}

interface PendingServiceAccount {
  automount?: boolean;
  owner?: string;
  tier?: Tier;
  source: Source;
}

interface Pending {
  workloads: PendingWorkload[];
  serviceAccounts: Map<string, PendingServiceAccount>;
}

const pending = new WeakMap<IngestContext, Pending>();

export function pendingOf(ctx: IngestContext): Pending {
  let p = pending.get(ctx);
  if (!p) pending.set(ctx, (p = { workloads: [], serviceAccounts: new Map() }));
  return p;
}

export function finalizeKubernetes(ctx: IngestContext): void {
  const p = pending.get(ctx);
  if (!p) return;
  const m = ctx.model;
  const present = new Set(p.workloads.map((w) => w.workload.id));
  const namespaces = new Map(m.namespaces.map((n) => [n.name, n]));
  const ensureNamespace = (name: string): Namespace => {
    if (namespaces.has(name)) return namespaces.get(name)!;
    const ns: Namespace = { name, labels: { 'kubernetes.io/metadata.name': name }, isolation: {} };
    m.namespaces.push(ns);
    namespaces.set(name, ns);
    return ns;
  };
  const serviceAccounts = new Map(p.serviceAccounts);
  for (const pw of p.workloads) {
    // Represented by its controller when the controller is in the input too.
    if (pw.owner && present.has(pw.owner)) continue;
    const { workload, info } = pw;
    const ns = ensureNamespace(workload.namespace);
    workload.owner ??= ns.owner;
    workload.tier ??= ns.tier;
    const sa = serviceAccounts.get(info.serviceAccount);
    if (!sa) serviceAccounts.set(info.serviceAccount, { source: workload.source! });
    // The pod's setting wins over its service account's (Kubernetes: "the pod spec takes precedence").
    const automount = pw.automount ?? sa?.automount ?? true;
    if (automount) workload.identities.push(info.serviceAccount);
    m.workloads.push(workload);
    m.k8s.workloads.set(workload.id, info);
  }
  for (const [id, sa] of [...serviceAccounts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [, , nsName = '', name = ''] = id.split(':');
    const ns = ensureNamespace(nsName);
    m.identities.push({ id, name, kind: 'service-account', owner: sa.owner ?? ns.owner, tier: sa.tier ?? ns.tier, source: sa.source });
  }
  for (const ns of m.namespaces) {
    for (const r of m.resources) {
      if (r.namespace !== ns.name) continue;
      r.owner ??= ns.owner;
      r.tier ??= ns.tier;
    }
  }
  for (const np of m.k8s.networkPolicies) ensureNamespace(np.namespace);
  pending.delete(ctx);
}
