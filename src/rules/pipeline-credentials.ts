import type { Finding, Rule } from './rule.js';

export const rule: Rule = {
  id: 'pipeline-credentials',
  title: 'Pipeline runs with an identity',
  edgeKind: 'runs-as',
  technique: 'T1552',
  description: 'A pipeline run holds the credentials of the identities it uses (OIDC federation, static keys in its secrets); changed pipeline code can use them for anything they allow.',
  remediation: 'Federate pipelines with short-lived OIDC credentials bound to the repository, branch and environment; remove static keys.',
  cost: 10,
  find(model) {
    const out: Finding[] = [];
    for (const p of model.pipelines) {
      for (const id of p.identities) {
        out.push({ from: p.id, to: id, reason: `${p.id} runs with ${id}`, decisions: [{ layer: 'pipeline', decision: 'allow', policy: p.id, reason: `${p.id} holds the credentials of ${id}` }] });
      }
    }
    return out;
  },
};
