/**
 * Kubernetes NetworkPolicy (networking.k8s.io/v1) as the cluster enforces it:
 *  - a pod is isolated for ingress (egress) when some policy of its namespace selects it
 *    and has Ingress (Egress) among its policyTypes; policyTypes defaults to Ingress, plus
 *    Egress when the policy has a non-empty `egress` list;
 *  - an isolated pod admits what the union of the rules of every policy selecting it
 *    allows; a rule with no peers admits every peer, one with no ports every port;
 *  - a connection needs the source's egress AND the destination's ingress.
 * An IP endpoint is outside the cluster: it has no policy of its own.
 */
import type { NetworkPolicy } from '../../model/k8s.js';
import type { Workload } from '../../model/model.js';
import type { PolicyContext } from '../context.js';
import type { Decision } from '../decision.js';
import { endpointName, type Endpoint, type HopRequest } from '../hop.js';
import { compileRule, describePort, portMatches, type CompiledRule } from './peers.js';
import { compileSelector, describeSelector, type CompiledSelector } from './selector.js';

export { compileSelector, matchesSelector, describeSelector } from './selector.js';

export type Direction = 'ingress' | 'egress';

export interface CompiledPolicy {
  id: string;
  version?: string;
  namespace: string;
  selects: CompiledSelector;
  selectorText: string;
  /** Rules per direction the policy isolates; absent when it does not affect that direction. */
  ingress?: CompiledRule[];
  egress?: CompiledRule[];
}

export interface Index {
  byNamespace: Map<string, CompiledPolicy[]>;
  /** workload id + direction → the policies isolating it, sorted by id */
  selecting: Map<string, CompiledPolicy[]>;
}

export function effectivePolicyTypes(np: NetworkPolicy): Direction[] {
  if (np.policyTypes?.length) return np.policyTypes.map((t) => (t === 'Ingress' ? 'ingress' : 'egress'));
  return np.egress?.length ? ['ingress', 'egress'] : ['ingress'];
}

function compile(np: NetworkPolicy): CompiledPolicy {
  const types = effectivePolicyTypes(np);
  const rules = (list: NetworkPolicy['ingress']) => (list ?? []).map((r, i) => compileRule(r, i, np.namespace));
  return {
    id: `${np.namespace}/${np.name}`,
    ...(np.resourceVersion !== undefined ? { version: np.resourceVersion } : {}),
    namespace: np.namespace,
    selects: compileSelector(np.podSelector),
    selectorText: describeSelector(np.podSelector),
    ...(types.includes('ingress') ? { ingress: rules(np.ingress) } : {}),
    ...(types.includes('egress') ? { egress: rules(np.egress) } : {}),
  };
}

function indexPolicies(ctx: PolicyContext): Index {
  const byNamespace = new Map<string, CompiledPolicy[]>();
  for (const np of ctx.model.k8s.networkPolicies) {
    const list = byNamespace.get(np.namespace) ?? [];
    list.push(compile(np));
    byNamespace.set(np.namespace, list);
  }
  for (const list of byNamespace.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { byNamespace, selecting: new Map() };
}

/** The compiled policies of a context, built once. */
export function networkPolicyIndex(ctx: PolicyContext): Index {
  return ctx.memo('network-policy', () => indexPolicies(ctx));
}

/** The policies isolating a pod in one direction, sorted by id. */
export function isolating(index: Index, w: Workload, dir: Direction): CompiledPolicy[] {
  const key = `${dir}\u0000${w.id}`;
  let found = index.selecting.get(key);
  if (!found) {
    found = (index.byNamespace.get(w.namespace) ?? []).filter((p) => p[dir] !== undefined && p.selects(w.labels));
    index.selecting.set(key, found);
  }
  return found;
}

export function decideNetworkPolicy(ctx: PolicyContext, req: HopRequest): Decision[] {
  return [...decideNetworkPolicySide(ctx, 'egress', req), ...decideNetworkPolicySide(ctx, 'ingress', req)];
}

/** One side of a connection: the source's egress or the destination's ingress; empty when that pod is not isolated that way. */
export function decideNetworkPolicySide(ctx: PolicyContext, dir: Direction, req: HopRequest): Decision[] {
  const index = networkPolicyIndex(ctx);
  if (index.byNamespace.size === 0) return [];
  const pod = dir === 'egress' ? req.from : req.to;
  if (!('workload' in pod)) return [];
  const d = decideSide(ctx, index, dir, pod.workload, dir === 'egress' ? req.to : req.from, req);
  return d ? [d] : [];
}

/** The decision of one pod's side of a connection; undefined when the pod is not isolated that way. */
function decideSide(ctx: PolicyContext, index: Index, dir: Direction, pod: Workload, peer: Endpoint, req: HopRequest): Decision | undefined {
  const policies = isolating(index, pod, dir);
  if (policies.length === 0) return undefined;
  const hop = `${endpointName(req.from)} → ${endpointName(req.to)}:${req.port}/${req.protocol}`;
  for (const p of policies) {
    for (const rule of p[dir]!) {
      const peerOk = rule.peers === undefined || rule.peers.some((x) => x.matches(ctx, peer));
      if (!peerOk) continue;
      const port = rule.ports === undefined ? undefined : rule.ports.find((x) => portMatches(x, req.port, req.protocol, req.to));
      if (rule.ports !== undefined && !port) continue;
      const peerText = rule.peers === undefined ? 'any peer' : rule.peers.find((x) => x.matches(ctx, peer))!.text;
      return {
        layer: 'network',
        decision: 'allow',
        policy: p.id,
        ...(p.version !== undefined ? { version: p.version } : {}),
        rule: `${dir}[${rule.index}]`,
        reason: `${dir} of ${pod.id} allowed by ${p.id} ${dir}[${rule.index}]: ${dir === 'ingress' ? 'from' : 'to'} ${peerText} on ${port ? describePort(port) : 'any port'} (${hop})`,
      };
    }
  }
  const first = policies[0]!;
  return {
    layer: 'network',
    decision: 'deny',
    policy: first.id,
    ...(first.version !== undefined ? { version: first.version } : {}),
    reason: `${dir} of ${pod.id} denied: isolated by ${policies.map((p) => p.id).join(', ')} and no ${dir} rule admits ${endpointName(peer)} on ${req.port}/${req.protocol} (${hop})`,
  };
}
