import { finding, iamRule } from './method.js';

export const rule = iamRule({
  id: 'aws-admin',
  title: 'Administrator-equivalent permissions',
  technique: 'T1078.004',
  description: 'A principal whose policies already allow every action on every resource acts as the account administrator.',
  remediation: 'Grant administrator access only to break-glass roles with MFA conditions; give workloads least-privilege policies.',
  cost: 1,
  edges(view, p) {
    const v = view.isAdmin(p);
    if (v.decision === 'deny') return [];
    return [finding(p.arn, view.adminOf(p.account), `${p.arn} is administrator-equivalent (* on *)`, { conditional: v.decision === 'conditional', decisions: v.decisions })];
  },
});
