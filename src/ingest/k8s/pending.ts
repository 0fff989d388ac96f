/**
 * Kubernetes objects that can only be placed once every file is read: a Pod owned by a
 * ReplicaSet owned by a Deployment is represented by the Deployment; a service account's
 * automount setting and a namespace's tier reach the workloads that use them.
 */
import { nodeOf, type K8sWorkloadInfo } from '../../model/k8s.js';
import type { Model, Namespace, Source, Tier, Workload } from '../../model/model.js';
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
  for (const pw of lastDefinitions(m, p.workloads, (w) => w.workload.id, (w) => w.workload.source)) {
    // Represented by its controller when the controller is in the input too.
    if (pw.owner && present.has(pw.owner)) continue;
    const { workload, info } = pw;
    const ns = ensureNamespace(workload.namespace);
    workload.owner ??= ns.owner;
    workload.tier ??= ns.tier;
    // A workload's own "false" wins over its namespace's "true".
    if (workload.exploitable === undefined && ns.exploitable !== undefined) workload.exploitable = ns.exploitable;
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
  // The nodes pods run on: whoever escapes a container owns its node. Pods without
  // placement in the inputs share one node standing for the cluster's nodes.
  const nodes = new Set([...m.k8s.workloads.values()].map((info) => nodeOf(info)));
  for (const name of [...nodes].sort()) m.resources.push({ id: `node:${name}`, name, type: 'node', holds: [] });
  for (const ns of m.namespaces) {
    for (const r of m.resources) {
      if (r.namespace !== ns.name) continue;
      r.owner ??= ns.owner;
      r.tier ??= ns.tier;
    }
  }
  const k = m.k8s;
  const named = (o: { namespace?: string | undefined; name: string }) => `${o.namespace ?? ''}/${o.name}`;
  k.networkPolicies = lastDefinitions(m, k.networkPolicies, named, (x) => x.source);
  k.authorizationPolicies = lastDefinitions(m, k.authorizationPolicies, named, (x) => x.source);
  k.peerAuthentications = lastDefinitions(m, k.peerAuthentications, named, (x) => x.source);
  k.services = lastDefinitions(m, k.services, named, (x) => x.source);
  k.roles = lastDefinitions(m, k.roles, (r) => `${r.kind}:${named(r)}`, (x) => x.source);
  k.bindings = lastDefinitions(m, k.bindings, (b) => `${b.kind}:${named(b)}`, (x) => x.source);
  for (const np of k.networkPolicies) ensureNamespace(np.namespace);
  // A user named by a binding is an identity an attacker may steal (a kubeconfig, an OIDC token).
  const known = new Set(m.identities.map((i) => i.id));
  for (const b of k.bindings) {
    for (const s of b.subjects) {
      const id = `user:${s.name}`;
      if (s.kind !== 'User' || known.has(id)) continue;
      known.add(id);
      m.identities.push({ id, name: s.name, kind: 'human', ...(b.source ? { source: b.source } : {}) });
    }
  }
  pending.delete(ctx);
}

/**
 * The same object defined twice (a rendered bundle next to its sources, a kustomize base and
 * overlay) is what `kubectl apply` of both would leave: the later definition, in input order.
 * The earlier one is recorded as skipped so the user sees it.
 */
function lastDefinitions<T>(m: Model, items: readonly T[], key: (item: T) => string, source?: (item: T) => Source | undefined): T[] {
  const last = new Map<string, number>();
  items.forEach((item, i) => last.set(key(item), i));
  if (last.size === items.length) return [...items];
  return items.filter((item, i) => {
    if (last.get(key(item)) === i) return true;
    const at = source?.(item);
    const later = source?.(items[last.get(key(item))!]!);
    m.skipped.push({ file: at?.file ?? '<input>', doc: at?.doc ?? 0, ...(at?.line !== undefined ? { line: at.line } : {}), cause: 'defined-twice', reason: `${key(item)} is defined again later${later ? ` in ${later.file}` : ''}: the later definition is used` });
    return false;
  });
}
