import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { UsageError } from '../model/errors.js';
import type { Model } from '../model/model.js';
import { resolveNode } from './ids.js';
import type { LateralGraph } from './types.js';

/** What a user may name on any command: a graph node, or an address outside the cluster. */
export type Ref = { kind: 'node'; id: string } | { kind: 'address'; cidr: string };

/** `internet` is any address outside the cluster. */
export const INTERNET = '0.0.0.0/0';

/** An IP address or CIDR literal, or `internet`: an endpoint outside the cluster. */
export function isAddress(ref: string): boolean {
  if (ref === 'internet' || isIP(ref)) return true;
  try {
    ipaddr.parseCIDR(ref);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one resolver every command uses: `internet`, IP and CIDR literals; node ids, mesh
 * identities and unique short names (see resolveNode); then a Kubernetes Service
 * `<ns>/<name>`, which stands for the one workload it selects.
 */
export function resolveRef(graph: LateralGraph, model: Model, ref: string): Ref {
  if (isAddress(ref)) return { kind: 'address', cidr: ref === 'internet' ? INTERNET : ref };
  return { kind: 'node', id: resolveNodeRef(graph, model, ref) };
}

/** resolveRef for a place that needs a node: an address there is a usage error. */
export function resolveNodeRef(graph: LateralGraph, model: Model, ref: string): string {
  try {
    return resolveNode(graph, ref);
  } catch (err) {
    const service = serviceWorkload(model, ref);
    if (service !== undefined) return service;
    if (isAddress(ref)) throw new UsageError(`"${ref}" is an address, not a node: name a workload, identity or resource`);
    throw err;
  }
}

/** With several workloads behind it, a Service is ambiguous: the user must name one. */
function serviceWorkload(model: Model, ref: string): string | undefined {
  const [ns, name] = ref.split('/');
  const svc = model.k8s.services.find((s) => s.namespace === ns && s.name === name);
  if (!svc?.selector || Object.keys(svc.selector).length === 0) return undefined;
  const picked = model.workloads.filter((w) => w.namespace === ns && Object.entries(svc.selector!).every(([k, v]) => w.labels[k] === v));
  if (picked.length > 1) throw new UsageError(`Service ${ref} selects ${picked.map((w) => w.id).join(', ')}: name one workload`);
  return picked[0]?.id;
}
