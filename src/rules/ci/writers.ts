import type { Rule } from '../rule.js';
import type { Model } from '../../model/model.js';
import type { Finding } from '../rule.js';
import { writersOf } from '../../policy/ci/nodes.js';

export const rule: Rule = {
  id: 'ci-writers',
  title: 'Identity writes to a repository',
  edgeKind: 'assume',
  technique: 'T1078',
  description: 'An identity the Repository sidecar names among the writers acts as any writer of the repository.',
  remediation: 'Keep write access to repositories that hold deploying workflows to the people who review them.',
  workloadIndependent: true,
  cost: 0,
  find: writerMembers,
};

/** Identities the sidecar names as writers act as the repository's writers. */
function writerMembers(model: Model): Finding[] {
  return model.ci.repositories.flatMap((r) =>
    r.writers.map((id) => {
      const reason = `${id} may push to ${r.id} (Repository sidecar)`;
      return { from: id, to: writersOf(r.id), reason, decisions: [{ layer: 'pipeline' as const, decision: 'allow' as const, policy: r.id, reason }] };
    }),
  );
}
