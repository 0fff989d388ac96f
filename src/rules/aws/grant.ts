import { accountOf } from '../../model/aws.js';
import { Resources, union } from '../../policy/iam/index.js';
import type { Finding, Rule } from '../rule.js';
import { iamView } from './view.js';

/** Data actions checked per resource type; a grant edge lists those allowed. */
const ACTIONS: Record<string, { actions: string[]; object?: string[] }> = {
  bucket: { actions: ['s3:ListBucket'], object: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] },
  secret: { actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'] },
  'kms-key': { actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] },
  table: { actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PutItem'] },
  parameter: { actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:PutParameter'] },
  queue: { actions: ['sqs:ReceiveMessage', 'sqs:SendMessage'] },
  topic: { actions: ['sns:Publish', 'sns:Subscribe'] },
};

export const rule: Rule = {
  id: 'aws-grant',
  title: 'IAM policy allows data access',
  edgeKind: 'grant',
  technique: 'T1530',
  description: 'An IAM principal whose policies allow reading or writing a bucket, secret, key, table, parameter, queue or topic named in the account\'s policies.',
  remediation: 'Scope data actions to the principals that need them; add resource policies and conditions (aws:PrincipalTag, aws:SourceVpce).',
  cost: 5,
  workloadIndependent: true,
  find(model, ctx) {
    if (model.aws.principals.length === 0) return [];
    const view = iamView(ctx);
    const resources = model.resources.filter((r) => r.id.startsWith('arn:') && ACTIONS[r.type]);
    const ids = new Resources(resources.map((r) => r.id));
    const objects = new Resources(resources.map((r) => `${r.id}/lateral-any-object`));
    const actions = [...new Set(resources.flatMap((r) => ACTIONS[r.type]!.actions))];
    const objectActions = [...new Set(resources.flatMap((r) => ACTIONS[r.type]!.object ?? []))];
    const out: Finding[] = [];
    for (const p of view.actors) {
      if (p.kind === 'group') continue;
      // A principal that can rewrite its own policies gets what its boundary allows.
      const self = p.boundary ? view.selfEscalation(p) : undefined;
      // Otherwise a resource that no Allow statement of p covers for a data action yields no edge.
      const candidates = self ? resources.map((_, i) => i) : union([...actions.map((a) => view.mayAllowOn(p, a, ids)), ...objectActions.map((a) => view.mayAllowOn(p, a, objects))]);
      for (const i of candidates) {
        const r = resources[i]!;
        const spec = ACTIONS[r.type]!;
        const checks = [...spec.actions.map((a) => [a, r.id] as const), ...(spec.object ?? []).map((a) => [a, `${r.id}/lateral-any-object`] as const)];
        const verdicts = checks.map(([a, res]) => ({ action: a, v: view.can(p, a, res) })).filter((x) => x.v.decision !== 'deny');
        if (verdicts.length > 0) {
          out.push({ from: p.arn, to: r.id, actions: verdicts.map((x) => x.action), reason: `${p.arn} may ${verdicts.map((x) => x.action).join(', ')} on ${r.id}`, decisions: verdicts[0]!.v.decisions });
          continue;
        }
        if (!self) continue;
        const escalated = checks.map(([a, res]) => ({ action: a, v: view.canEscalated(p, a, res) })).filter((x) => x.v.decision !== 'deny');
        if (escalated.length === 0) continue;
        out.push({ from: p.arn, to: r.id, actions: escalated.map((x) => x.action), cost: 10, reason: `${p.arn} rewrites its own policies and, within its boundary, may ${escalated.map((x) => x.action).join(', ')} on ${r.id}`, decisions: [...self.decisions, ...escalated[0]!.v.decisions] });
      }
    }
    // The account administrator may do anything to its account's resources.
    const admins = [...new Set(view.actors.map((p) => p.account))];
    for (const r of resources) {
      const account = accountOf(r.id);
      for (const a of admins) {
        if (account !== '' && account !== a) continue;
        out.push({ from: view.adminOf(a), to: r.id, actions: ['*'], reason: `the administrator of ${a} may do anything to ${r.id}`, decisions: [{ layer: 'iam', decision: 'allow', policy: view.adminOf(a), reason: '* on *' }] });
      }
    }
    return out;
  },
};
