import type { Finding, Rule } from './rule.js';

export const rule: Rule = {
  id: 'runs-as',
  title: 'Workload holds an identity credential',
  edgeKind: 'runs-as',
  technique: 'T1528',
  description: 'Whoever runs code in a workload can read the credential it runs with (a mounted token, an instance or pod role).',
  remediation: 'Give each workload its own narrowly scoped identity; do not mount credentials a workload does not use.',
  cost: 5,
  find(model) {
    const out: Finding[] = [];
    for (const w of model.workloads) {
      for (const id of w.identities) {
        out.push({ from: w.id, to: id, reason: `${w.id} runs as ${id}`, decisions: [{ layer: 'identity', decision: 'allow', policy: w.id, reason: `${w.id} holds the credential of ${id}` }] });
      }
    }
    return out;
  },
};
