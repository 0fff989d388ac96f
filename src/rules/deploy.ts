import type { Finding, Rule } from './rule.js';

export const rule: Rule = {
  id: 'deploy',
  title: 'Pipeline deploys into a workload',
  edgeKind: 'deploy',
  technique: 'T1072',
  description: 'A pipeline ships code into a workload: whoever controls the pipeline runs code there.',
  remediation: 'Require reviewed, signed artifacts and admission checks for what a pipeline deploys.',
  cost: 30,
  find(model) {
    const out: Finding[] = [];
    for (const p of model.pipelines) {
      for (const w of p.deploysTo) {
        out.push({ from: p.id, to: w, reason: `${p.id} deploys into ${w}`, decisions: [{ layer: 'pipeline', decision: 'allow', policy: p.id, reason: `${p.id} deploys into ${w}` }] });
      }
    }
    return out;
  },
};
