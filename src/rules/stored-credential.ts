import type { Finding, Rule } from './rule.js';

export const rule: Rule = {
  id: 'stored-credential',
  title: 'Credential stored in a resource',
  edgeKind: 'runs-as',
  technique: 'T1552',
  description: 'A secret or datastore holds an identity credential; whoever reads it can act as that identity.',
  remediation: 'Replace stored static keys with short-lived federated credentials, or narrow who can read the store.',
  cost: 5,
  find(model) {
    const out: Finding[] = [];
    for (const r of model.resources) {
      for (const id of r.holds) {
        out.push({ from: r.id, to: id, reason: `${r.id} stores a credential of ${id}`, decisions: [{ layer: 'identity', decision: 'allow', policy: r.id, reason: `${r.id} holds the credential of ${id}` }] });
      }
    }
    return out;
  },
};
