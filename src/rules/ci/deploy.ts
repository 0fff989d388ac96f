import type { Decision } from '../../policy/decision.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'ci-deploy',
  title: 'CI pipeline deploys into Kubernetes workloads',
  edgeKind: 'deploy',
  technique: 'T1072',
  description: 'A job runs kubectl or helm against a namespace: whoever runs code in the job changes what runs there.',
  remediation: 'Deploy from a protected branch through a reviewed environment, with signed images and admission checks.',
  cost: 30,
  find(model) {
    const out: Finding[] = [];
    const byNamespace = new Map<string, string[]>();
    for (const w of model.workloads) {
      const ids = byNamespace.get(w.namespace);
      if (ids) ids.push(w.id);
      else byNamespace.set(w.namespace, [w.id]);
    }
    for (const p of model.pipelines) {
      if (!p.ci) continue;
      const best = new Map<string, Finding>();
      for (const run of p.ci.runs) {
        for (const d of run.facts.deploys) {
          const where = d.source?.line !== undefined ? ` (${d.source.file}:${d.source.line})` : '';
          // No -n: kubectl's context namespace, `default` unless the kubeconfig says otherwise.
          const namespaces = d.expression ? [...byNamespace.keys()] : [d.namespace ?? 'default'];
          const conditional = d.expression || d.namespace === undefined;
          const why = d.expression ? `${d.tool} into namespace ${d.namespace}, an expression lateral cannot evaluate` : d.namespace === undefined ? `${d.tool} without --namespace (the kubeconfig's namespace; default assumed)` : `${d.tool} -n ${d.namespace}`;
          for (const ns of namespaces) {
            for (const w of byNamespace.get(ns) ?? []) {
              const reason = `job ${run.job}${where} runs ${why}`;
              const decision: Decision = { layer: 'pipeline', decision: conditional ? 'conditional' : 'allow', policy: p.ci.workflow, reason };
              const prev = best.get(w);
              if (!prev || (prev.decisions[0]!.decision === 'conditional' && !conditional)) best.set(w, { from: p.id, to: w, reason: `${p.id} deploys into ${w}: ${reason}`, decisions: [decision] });
            }
          }
        }
      }
      out.push(...best.values());
    }
    return out;
  },
};
