import type { Workload } from '../../model/model.js';
import type { PolicyContext } from '../../policy/context.js';
import { decideNetworkPolicySide, isolating, networkPolicyIndex, type Direction } from '../../policy/network-policy/index.js';
import type { CompiledPeer } from '../../policy/network-policy/peers.js';
import { FeatureIds, portNames, type HopPart, type PartView } from './part.js';

/**
 * One side of a NetworkPolicy connection. The anchor is the isolated pod (the destination
 * for ingress, the source for egress), keyed by the policies isolating it; of the peer it
 * reads which peer selectors of those policies match it, and (egress) the destination port.
 */
function side(dir: Direction): HopPart {
  return {
    id: `network-policy-${dir}`,
    anchor: dir === 'ingress' ? 'dst' : 'src',
    decide: (ctx, req) => decideNetworkPolicySide(ctx, dir, req),
    view: (ctx) => view(ctx, dir),
  };
}

function view(ctx: PolicyContext, dir: Direction): PartView {
  const index = networkPolicyIndex(ctx);
  const peers = new FeatureIds<CompiledPeer>();
  const byNamespace = new Map<string, CompiledPeer[]>();
  const anyNamespace: CompiledPeer[] = [];
  for (const list of index.byNamespace.values()) {
    for (const p of list) {
      for (const rule of p[dir] ?? []) {
        for (const peer of rule.peers ?? []) {
          peers.id(peer);
          if (peer.pods === 'any') anyNamespace.push(peer);
          else if (peer.pods !== 'none') {
            const list = byNamespace.get(peer.pods.namespace);
            if (list) list.push(peer);
            else byNamespace.set(peer.pods.namespace, [peer]);
          }
        }
      }
    }
  }
  const matching = (w: Workload) =>
    [...(byNamespace.get(w.namespace) ?? []), ...anyNamespace]
      .filter((peer) => peer.matches(ctx, { workload: w }))
      .map((peer) => peers.id(peer))
      .sort((a, b) => a - b);
  const iso = (w: Workload) => isolating(index, w, dir);
  return {
    anchorKey(w, port) {
      const policies = iso(w);
      if (policies.length === 0) return '';
      return dir === 'ingress' ? `${policies.map((p) => p.id).join('\u0000')}|${port.port}/${port.protocol}|${portNames(w, port)}` : policies.map((p) => p.id).join('\u0000');
    },
    relevant: (w) => iso(w).flatMap((p) => p[dir]!.flatMap((rule) => (rule.peers ?? []).map((peer) => peers.id(peer)))),
    features: (w, port) => ({ ids: matching(w), rest: dir === 'egress' ? `${port.port}/${port.protocol}|${portNames(w, port)}` : '' }),
  };
}

export const networkPolicyEgressPart = side('egress');
export const networkPolicyIngressPart = side('ingress');
