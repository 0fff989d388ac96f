import type { Finding, Rule } from '../rule.js';
import { allowed, rbacSubjects } from './rbac-subjects.js';

export const rule: Rule = {
  id: 'k8s-secret-read',
  title: 'Reads secrets through RBAC',
  edgeKind: 'read-secret',
  technique: 'T1552.007',
  description: 'get on a secret, or list/watch on secrets, in a namespace returns the secret values, including service-account tokens stored there.',
  remediation: 'Grant get on named secrets only (resourceNames); never list or watch on secrets to workloads; prefer bound, projected tokens over token Secrets.',
  cost: 3,
  find(model, ctx) {
    const out: Finding[] = [];
    const secrets = model.resources.filter((r) => r.type === 'secret' && r.namespace !== undefined && r.id.startsWith('secret:'));
    for (const subject of rbacSubjects(model)) {
      for (const s of secrets) {
        const name = s.id.slice(`secret:${s.namespace}/`.length);
        const base = { group: '', resource: 'secrets', namespace: s.namespace! };
        const d = allowed(ctx, subject, [
          { verb: 'get', ...base, name },
          { verb: 'list', ...base },
          { verb: 'watch', ...base },
        ]);
        if (d) out.push({ from: subject, to: s.id, reason: `${subject} may read ${s.id}`, decisions: [d] });
      }
    }
    return out;
  },
};
