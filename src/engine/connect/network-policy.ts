import type { Workload } from '../../model/model.js';
import type { PolicyContext } from '../../policy/context.js';
import { decideNetworkPolicySide, isolating, networkPolicyIndex, type Direction } from '../../policy/network-policy/index.js';
import { labelKey, namespaceLabels, type CompiledPeer } from '../../policy/network-policy/peers.js';
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
  // Peers are bucketed by what a matched pod must carry — its namespace (or a namespace label)
  // and a pod label, '*' where nothing is required — so a workload tests only the peers
  // that could match it.
  const buckets = new Map<string, CompiledPeer[]>();
  for (const list of index.byNamespace.values()) {
    for (const p of list) {
      for (const rule of p[dir] ?? []) {
        for (const peer of rule.peers ?? []) {
          peers.id(peer);
          if (peer.pods === 'none') continue;
          const wheres = peer.pods !== 'any' ? [`ns\u0001${peer.pods.namespace}`] : (peer.namespaceLabels ?? ['*']).map((l) => `nl\u0001${l}`);
          for (const where of wheres) {
            for (const label of peer.podLabels ?? ['*']) {
              const key = `${where}\u0002${label}`;
              const found = buckets.get(key);
              if (found) found.push(peer);
              else buckets.set(key, [peer]);
            }
          }
        }
      }
    }
  }
  // Asked once per port of each workload: kept per workload.
  const matched = new Map<Workload, number[]>();
  const matching = (w: Workload) => {
    let ids = matched.get(w);
    if (!ids) {
      const found = new Set<number>();
      const nsLabels = Object.entries(namespaceLabels(ctx, w));
      const wheres = [`ns\u0001${w.namespace}`, 'nl\u0001*', ...nsLabels.map(([k, v]) => `nl\u0001${labelKey(k, v)}`)];
      const labels = ['*', ...Object.entries(w.labels).map(([k, v]) => labelKey(k, v))];
      for (const where of wheres) {
        for (const label of labels) {
          for (const peer of buckets.get(`${where}\u0002${label}`) ?? []) if (peer.matches(ctx, { workload: w })) found.add(peers.id(peer));
        }
      }
      ids = [...found].sort((x, y) => x - y);
      matched.set(w, ids);
    }
    return ids;
  };
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
