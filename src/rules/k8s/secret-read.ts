import type { Decision } from '../../policy/decision.js';
import type { RbacRequest } from '../../policy/rbac/index.js';
import { scopeOf } from '../../policy/rbac/scope.js';
import type { Finding, Rule } from '../rule.js';
import { Candidates } from './candidates.js';
import { allowed } from '../../policy/rbac/decision.js';
import { rbacSubjects } from './rbac-subjects.js';

const SHAPES: readonly RbacRequest[] = ['list', 'watch', 'get'].map((verb) => ({ verb, group: '', resource: 'secrets' }));

export const rule: Rule = {
  id: 'k8s-secret-read',
  title: 'Reads secrets through RBAC',
  edgeKind: 'read-secret',
  technique: 'T1552.007',
  description: 'list or watch on secrets in a namespace returns every secret value there, service-account tokens included; get alone reads a secret whose name the attacker knows or guesses (conditional).',
  remediation: 'Grant get on named secrets only (resourceNames); never list or watch on secrets to workloads; prefer bound, projected tokens over token Secrets.',
  cost: 3,
  find(model, ctx) {
    const out: Finding[] = [];
    const secrets = new Candidates(
      model.resources.filter((r) => r.type === 'secret' && r.namespace !== undefined && r.id.startsWith('secret:')),
      (s) => ({ namespace: s.namespace, names: [s.id.slice(`secret:${s.namespace}/`.length)] }),
    );
    for (const subject of rbacSubjects(model)) {
      const scope = scopeOf(ctx, subject, SHAPES);
      // list and watch carry no name: one decision per namespace.
      const listedIn = new Map<string, Decision | undefined>();
      for (const s of secrets.within(scope)) {
        const name = s.id.slice(`secret:${s.namespace}/`.length);
        const base = { group: '', resource: 'secrets', namespace: s.namespace! };
        if (!listedIn.has(base.namespace)) {
          listedIn.set(base.namespace, allowed(scope.bound, [
            { verb: 'list', ...base },
            { verb: 'watch', ...base },
          ]));
        }
        const listed = listedIn.get(base.namespace);
        // get alone needs the secret's name, which an attacker must know or guess
        // (legacy token secrets are <sa>-token-<5 random characters>).
        const got = listed ? undefined : allowed(scope.bound, [{ verb: 'get', ...base, name }]);
        const d = listed ?? (got && { ...got, decision: 'conditional' as const, reason: `${got.reason}; without list or watch the attacker must know or guess the name "${name}"` });
        if (d) out.push({ from: subject, to: s.id, reason: `${subject} may read ${s.id}`, decisions: [d] });
      }
    }
    return out;
  },
};
