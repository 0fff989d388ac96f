import type { Finding, Rule } from '../rule.js';
import { allowed, rbacSubjects } from './rbac-subjects.js';

export const rule: Rule = {
  id: 'k8s-pod-exec',
  title: 'Executes commands in pods',
  edgeKind: 'exec',
  technique: 'T1609',
  description: 'create (or, on older clients, get) on pods/exec or pods/attach runs commands inside a pod, with its mounted token and secrets.',
  remediation: 'Do not grant pods/exec or pods/attach outside break-glass roles; audit exec events.',
  cost: 2,
  find(model, ctx) {
    const out: Finding[] = [];
    for (const subject of rbacSubjects(model)) {
      for (const w of model.workloads) {
        if (!model.k8s.workloads.has(w.id)) continue;
        // A controller's pods have generated names: only name-less rules (or a bare pod's name) match.
        const name = w.kind === 'Pod' ? w.name : undefined;
        const reqs = ['exec', 'attach'].flatMap((subresource) =>
          ['create', 'get'].map((verb) => ({ verb, group: '', resource: 'pods', subresource, namespace: w.namespace, ...(name ? { name } : {}) })),
        );
        const d = allowed(ctx, subject, reqs);
        if (d) out.push({ from: subject, to: w.id, reason: `${subject} may exec into ${w.id}`, decisions: [d] });
      }
    }
    return out;
  },
};
