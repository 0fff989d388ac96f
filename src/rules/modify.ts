import type { Finding, Rule } from './rule.js';

export const rule: Rule = {
  id: 'modify',
  title: 'Identity may change a pipeline',
  edgeKind: 'modify',
  technique: 'T1195.002',
  description: 'An identity may change a pipeline definition (push to its repository or branch) and so run code with its credentials.',
  remediation: 'Protect pipeline definitions with required reviews and CODEOWNERS; run untrusted changes without credentials.',
  cost: 15,
  find(model) {
    const out: Finding[] = [];
    for (const p of model.pipelines) {
      for (const id of p.modifiableBy) {
        out.push({ from: id, to: p.id, reason: `${id} may change ${p.id}`, decisions: [{ layer: 'pipeline', decision: 'allow', policy: p.id, reason: `${id} may modify ${p.id}` }] });
      }
    }
    return out;
  },
};
