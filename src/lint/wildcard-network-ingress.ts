import type { NetworkPolicyPeer } from '../model/k8s.js';
import { effectivePolicyTypes, matchesSelector } from '../policy/network-policy/index.js';
import { isEmptySelector, selects } from '../policy/native/select.js';
import type { LintFinding, LintRule } from './rule.js';
import { describeTargets, emptySelector, finding, isProtected, k8sId } from './lib/objects.js';

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

/**
 * What a peer admits when it admits every source of some kind. Kubernetes docs,
 * NetworkPolicy: an empty `namespaceSelector` selects all namespaces, an empty
 * `podSelector` alone all pods of the policy's namespace, and a rule without `from` every source.
 */
function wide(peer: NetworkPolicyPeer, namespace: string): string | undefined {
  if (peer.ipBlock && ANYWHERE.has(peer.ipBlock.cidr)) return `ipBlock ${peer.ipBlock.cidr}${peer.ipBlock.except?.length ? ` (except ${peer.ipBlock.except.join(', ')})` : ''}: any address`;
  if (emptySelector(peer.namespaceSelector)) return peer.podSelector === undefined || emptySelector(peer.podSelector) ? 'namespaceSelector {}: every pod of every namespace' : 'namespaceSelector {}: matching pods of every namespace';
  if (peer.namespaceSelector === undefined && emptySelector(peer.podSelector)) return `podSelector {}: every pod of namespace ${namespace}`;
  return undefined;
}

export const rule: LintRule = {
  id: 'wildcard-network-ingress',
  title: 'Network ingress from anywhere into tier 0/1',
  severity: 'error',
  description:
    'A NetworkPolicy ingress rule with no `from`, or a peer `namespaceSelector: {}`, `podSelector: {}` or `ipBlock 0.0.0.0/0`, or a native network allow from any workload, into a tier-0 or tier-1 workload: the network layer stops no one on the way to a crown jewel.',
  remediation: 'Admit the namespaces and pods that need the workload, with label selectors on both (`namespaceSelector` and `podSelector` in one peer).',
  check(ctx) {
    const out: LintFinding[] = [];
    const protectedWorkloads = ctx.model.workloads.filter((w) => isProtected(ctx, w));
    for (const np of ctx.model.k8s.networkPolicies) {
      if (!effectivePolicyTypes(np).includes('ingress')) continue;
      const targets = protectedWorkloads.filter((w) => w.namespace === np.namespace && matchesSelector(np.podSelector, w.labels));
      if (targets.length === 0) continue;
      (np.ingress ?? []).forEach((r, i) => {
        const whys = !r.peers || r.peers.length === 0 ? ['no from: every source'] : r.peers.flatMap((p) => wide(p, np.namespace) ?? []);
        for (const why of whys) out.push(finding(rule, k8sId('NetworkPolicy', np.namespace, np.name), `ingress[${i}] admits ${why}, into ${describeTargets(ctx, targets)}`, np.source));
      });
    }
    for (const p of ctx.model.native.policies) {
      if (p.layer !== 'network') continue;
      p.network.forEach((r, i) => {
        if (r.action !== 'allow' || !isEmptySelector(r.from)) return;
        const targets = protectedWorkloads.filter((w) => selects(r.to, w));
        if (targets.length) out.push(finding(rule, `policy/${p.name}`, `rules[${i}] allows from any workload into ${describeTargets(ctx, targets)}`, p.source));
      });
    }
    return out;
  },
};
