import type { Decision } from '../../policy/decision.js';
import type { RbacRequest } from '../../policy/rbac/index.js';
import { scopeOf } from '../../policy/rbac/scope.js';
import type { Finding, Rule } from '../rule.js';
import { Candidates } from './candidates.js';
import { allowed } from '../../policy/rbac/decision.js';
import { rbacSubjects } from './rbac-subjects.js';

const SHAPES: readonly RbacRequest[] = ['exec', 'attach'].flatMap((subresource) => ['create', 'get'].map((verb) => ({ verb, group: '', resource: 'pods', subresource })));

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
    // A controller's pods have generated names: only name-less rules (or a bare pod's name) match.
    const nameOf = (w: (typeof model.workloads)[number]) => (w.kind === 'Pod' && w.name ? w.name : undefined);
    const pods = new Candidates(
      model.workloads.filter((w) => model.k8s.workloads.has(w.id)),
      (w) => ({ namespace: w.namespace, names: nameOf(w) ? [w.name] : [] }),
    );
    for (const subject of rbacSubjects(model)) {
      const scope = scopeOf(ctx, subject, SHAPES);
      // The request depends on the namespace and the bare pod's name only: every pod of a
      // namespace's controllers shares one decision.
      const decided = new Map<string, Decision | undefined>();
      for (const w of pods.within(scope)) {
        const name = nameOf(w);
        const key = `${w.namespace}\0${name ?? ''}`;
        if (!decided.has(key)) decided.set(key, allowed(scope.bound, SHAPES.map((s) => ({ ...s, namespace: w.namespace, ...(name ? { name } : {}) }))));
        const d = decided.get(key);
        if (d) out.push({ from: subject, to: w.id, reason: `${subject} may exec into ${w.id}`, decisions: [d] });
      }
    }
    return out;
  },
};
