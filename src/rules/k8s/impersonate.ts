import type { RbacRequest } from '../../policy/rbac/index.js';
import { scopeOf } from '../../policy/rbac/scope.js';
import type { Finding, Rule } from '../rule.js';
import { Candidates } from './candidates.js';
import { allowed } from '../../policy/rbac/decision.js';
import { rbacSubjects } from './rbac-subjects.js';

const SHAPES: readonly RbacRequest[] = ['groups', 'serviceaccounts', 'users'].map((resource) => ({ verb: 'impersonate', group: '', resource }));

export const rule: Rule = {
  id: 'k8s-impersonate',
  title: 'Impersonates users, groups or service accounts',
  edgeKind: 'assume',
  technique: 'T1078',
  description: 'The impersonate verb lets a subject send requests as another user, group or service account (Impersonate-User / Impersonate-Group headers).',
  remediation: 'Grant impersonate only with resourceNames, and never on groups such as system:masters.',
  cost: 2,
  find(model, ctx) {
    const out: Finding[] = [];
    // Each target's requests: a service account by its object (namespaced) or its username; a human by name.
    const targets = new Candidates(
      rbacSubjects(model)
        .filter((s) => !s.startsWith('node:'))
        .map((target) => {
          const sa = target.match(/^system:serviceaccount:([^:]+):(.+)$/);
          const reqs: RbacRequest[] = sa
            ? [
                { verb: 'impersonate', group: '', resource: 'serviceaccounts', namespace: sa[1]!, name: sa[2]! },
                { verb: 'impersonate', group: '', resource: 'users', name: target },
              ]
            : [{ verb: 'impersonate', group: '', resource: 'users', name: target.slice('user:'.length) }];
          return { target, reqs };
        }),
      ({ reqs }) => ({ namespace: reqs[0]!.namespace, names: reqs.map((r) => r.name!) }),
    );
    // Impersonating system:masters is cluster-admin: every identity and secret.
    const everything = [...model.identities.filter((i) => i.kind === 'service-account').map((i) => i.id), ...model.resources.filter((r) => r.type === 'secret' && r.id.startsWith('secret:')).map((r) => r.id)];
    for (const subject of rbacSubjects(model)) {
      const scope = scopeOf(ctx, subject, SHAPES);
      const masters = allowed(scope.bound, [{ verb: 'impersonate', group: '', resource: 'groups', name: 'system:masters' }]);
      if (masters) {
        for (const to of everything) if (to !== subject) out.push({ from: subject, to, reason: `${subject} may impersonate system:masters (cluster-admin)`, decisions: [masters] });
        continue;
      }
      for (const { target, reqs } of targets.within(scope)) {
        if (target === subject) continue;
        const d = allowed(scope.bound, reqs);
        if (d) out.push({ from: subject, to: target, reason: `${subject} may impersonate ${target}`, decisions: [d] });
      }
    }
    return out;
  },
};
