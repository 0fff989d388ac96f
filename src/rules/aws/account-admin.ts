import type { Finding, Rule } from '../rule.js';
import { iamView } from './view.js';

/** The administrator can mint keys for any user and rewrite any role's trust: it reaches them all. */
export const rule: Rule = {
  id: 'aws-account-admin',
  title: 'Administrator takes over any principal',
  edgeKind: 'escalate',
  technique: 'T1098.001',
  description: "An account administrator can create access keys for any IAM user and rewrite any role's trust policy, so it can act as every principal of its account.",
  remediation: 'Keep administrators few and watched: alert on iam:CreateAccessKey and iam:UpdateAssumeRolePolicy.',
  cost: 5,
  workloadIndependent: true,
  find(model, ctx) {
    if (model.aws.principals.length === 0) return [];
    const view = iamView(ctx);
    const out: Finding[] = [];
    for (const p of view.actors) {
      if (p.kind === 'group') continue;
      const admin = view.adminOf(p.account);
      const how = p.kind === 'user' ? 'iam:CreateAccessKey' : 'iam:UpdateAssumeRolePolicy then sts:AssumeRole';
      out.push({ from: admin, to: p.arn, reason: `the administrator of ${p.account} can act as ${p.arn}`, decisions: [{ layer: 'iam', decision: 'allow', policy: admin, reason: `${how} on ${p.arn}` }] });
    }
    return out;
  },
};
