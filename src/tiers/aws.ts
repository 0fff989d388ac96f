/**
 * AWS Tier Zero: each account's administrator (its root) and every user or role allowed `*`
 * on `*`, or `iam:*` on `*` without a permissions boundary (it can make itself
 * administrator in one call). Groups are not entry points: their members are.
 */
import { adminId } from '../model/aws.js';
import type { Model } from '../model/model.js';
import type { PolicyContext } from '../policy/context.js';
import { iamEngine } from '../policy/iam/index.js';

export function* awsTierZero(model: Model, ctx: PolicyContext): Generator<[id: string, reason: string]> {
  const principals = model.aws.principals;
  if (principals.length === 0) return;
  for (const account of [...new Set(principals.map((p) => p.account))].sort()) yield [adminId(account), `AWS account ${account}'s root: administrator of the account`];
  const engine = iamEngine(ctx);
  for (const p of principals) {
    if (p.kind === 'group') continue;
    const admin = engine.isAdmin(p.arn);
    if (admin.decision === 'allow') {
      yield [p.arn, `AWS administrator: allowed * on *${by(admin.decisions)}`];
      continue;
    }
    const iam = p.boundary ? undefined : engine.isIamAdmin(p.arn);
    if (iam?.decision === 'allow') yield [p.arn, `allowed iam:* on * with no permissions boundary${by(iam.decisions)}: it can make itself administrator`];
  }
}

function by(decisions: readonly { policy: string; decision: string }[]): string {
  const policy = decisions.find((d) => d.decision === 'allow')?.policy;
  return policy ? ` by ${policy}` : '';
}
