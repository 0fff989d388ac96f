import { nodeOf } from '../../model/k8s.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'k8s-node-credentials',
  title: 'Root on a node reads its pods’ credentials',
  edgeKind: 'read-secret',
  technique: 'T1552.007',
  description: 'The kubelet keeps every pod’s service-account token and mounted secrets on the node’s disk (/var/lib/kubelet/pods); root on the node reads them all.',
  remediation: 'Keep sensitive workloads on dedicated nodes (taints, node affinity) away from pods that can escape.',
  cost: 10,
  find(model) {
    const out: Finding[] = [];
    const secrets = new Set(model.resources.map((r) => r.id));
    for (const w of model.workloads) {
      const info = model.k8s.workloads.get(w.id);
      if (!info) continue;
      const node = `node:${nodeOf(info)}`;
      const held = [...w.identities, ...info.secrets.filter((s) => secrets.has(s))];
      for (const to of held) {
        out.push({ from: node, to, reason: `${node} holds ${to} for ${w.id}`, decisions: [{ layer: 'identity', decision: 'allow', policy: node, reason: `${w.id} runs on ${node}, whose kubelet stores ${to}` }] });
      }
    }
    // A token or secret used by several pods on one node is one edge.
    const seen = new Set<string>();
    return out.filter((f) => !seen.has(`${f.from}>${f.to}`) && seen.add(`${f.from}>${f.to}`));
  },
};
