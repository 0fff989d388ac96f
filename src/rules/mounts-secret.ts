import type { Finding, Rule } from './rule.js';

export const rule: Rule = {
  id: 'mounts-secret',
  title: 'Workload mounts a secret',
  edgeKind: 'read-secret',
  technique: 'T1552.007',
  description: 'A pod that reads a Secret through an environment variable, envFrom or a volume exposes its value to whoever runs code in the pod (`printenv`, reading the mount).',
  remediation: 'Mount only the secrets a container uses, prefer short-lived credentials from a secrets manager, and never put secrets in environment variables of internet-facing pods.',
  cost: 2,
  find(model) {
    const secrets = new Set(model.resources.map((r) => r.id));
    const out: Finding[] = [];
    for (const w of model.workloads) {
      for (const id of model.k8s.workloads.get(w.id)?.secrets ?? []) {
        // A reference to a Secret the inputs do not contain has no node to point at.
        if (!secrets.has(id)) continue;
        out.push({ from: w.id, to: id, reason: `${w.id} mounts ${id}`, decisions: [{ layer: 'identity', decision: 'allow', policy: w.id, reason: `the pod spec of ${w.id} reads ${id}` }] });
      }
    }
    return out;
  },
};
