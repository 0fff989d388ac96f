import { both, iamRule, needs, toAdmin } from './method.js';

export const rule = iamRule({
  id: 'aws-attach-role-policy',
  title: 'iam:AttachRolePolicy on a role it can act as',
  technique: 'T1098',
  description: 'A role that may change its own policies, or a principal that may change the policies of a role it can assume, gives that role * on * and acts with it.',
  remediation: 'Scope iam:AttachRolePolicy to roles the caller cannot assume, and never to the caller itself.',
  cost: 6,
  edges(view, p) {
    if (p.kind === 'group') return [];
    if (p.kind === 'role') {
      const found = toAdmin(view, p, 'attaches AdministratorAccess to itself (iam:AttachRolePolicy)', needs(view, p, [['iam:AttachRolePolicy', p.arn]]));
      if (found.length) return found;
    }
    for (const role of view.actors) {
      if (role.kind !== 'role' || role.arn === p.arn || role.account !== p.account) continue;
      const assume = view.assume(p, role);
      if (assume.decision === 'deny') continue;
      const g = both(needs(view, p, [['iam:AttachRolePolicy', role.arn]]), { conditional: assume.decision === 'conditional', decisions: assume.decisions });
      // What the role gains is capped by the role's own boundary, not the caller's.
      const found = toAdmin(view, role, `is changed by ${p.arn} (iam:AttachRolePolicy) and assumed by it`, g);
      if (found.length) return found.map((f) => ({ ...f, from: p.arn, reason: `${p.arn} attaches AdministratorAccess to ${role.arn} (iam:AttachRolePolicy) and assumes it` }));
    }
    return [];
  },
});
