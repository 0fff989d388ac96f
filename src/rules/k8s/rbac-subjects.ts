/** What the RBAC rules share: who can act, and where. */
import type { Model } from '../../model/model.js';

/** Who RBAC can authorize: service accounts, `user:<name>` humans, and nodes (their kubelet). */
export function rbacSubjects(model: Model): string[] {
  return [
    ...model.identities.filter((i) => i.kind === 'service-account' || i.id.startsWith('user:')).map((i) => i.id),
    ...model.resources.filter((r) => r.type === 'node').map((r) => r.id),
  ];
}

export function namespaces(model: Model): string[] {
  return model.namespaces.map((n) => n.name).sort();
}

/**
 * What a namespace holds that a namespace-wide power reaches: its service accounts and
 * Secrets, and — with `workloads` — its pods (a pod made with a workload's labels and service
 * account is that workload to every policy).
 */
export function namespaceHoldings(model: Model, workloads: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (ns: string, id: string) => {
    const list = out.get(ns);
    if (list) list.push(id);
    else out.set(ns, [id]);
  };
  for (const i of model.identities) {
    const ns = i.id.match(/^system:serviceaccount:([^:]+):/)?.[1];
    if (ns) add(ns, i.id);
  }
  if (workloads) for (const w of model.workloads) if (model.k8s.workloads.has(w.id)) add(w.namespace, w.id);
  for (const r of model.resources) if (r.type === 'secret' && r.namespace !== undefined && r.id.startsWith('secret:')) add(r.namespace, r.id);
  return out;
}
