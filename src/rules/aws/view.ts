/**
 * The AWS principals as the escalation rules see them, their permissions answered by the
 * IAM engine (src/policy/iam). Built once per model.
 */
import { adminId, type IamPrincipal } from '../../model/aws.js';
import type { PolicyContext } from '../../policy/context.js';
import { iamEngine, type IamEngine, type Verdict } from '../../policy/iam/index.js';

export type { IamPrincipal } from '../../model/aws.js';
export type IamVerdict = Verdict;

export class IamView {
  /** Users, roles and groups, by ARN (a group acts for a user that joins it). */
  readonly actors: IamPrincipal[];
  private readonly engine: IamEngine;

  constructor(private readonly ctx: PolicyContext) {
    this.engine = iamEngine(ctx);
    this.actors = [...ctx.model.aws.principals].sort((a, b) => (a.arn < b.arn ? -1 : 1));
  }

  can(p: IamPrincipal, action: string, resource: string, context?: Record<string, string[]>): Verdict {
    return this.engine.can(p.arn, action, resource, context);
  }

  /** After a self-escalation: what the boundary allows. */
  canEscalated(p: IamPrincipal, action: string, resource: string): Verdict {
    return this.engine.canEscalated(p.arn, action, resource);
  }

  /**
   * How `p` can give itself `*` on `*` acting alone — a policy on itself, its group or a
   * customer policy attached to it — or undefined. Rules that reach administrator use it;
   * under a permissions boundary it yields only what the boundary allows.
   */
  selfEscalation(p: IamPrincipal): Verdict | undefined {
    const options: [string, string][] =
      p.kind === 'user'
        ? [['iam:PutUserPolicy', p.arn], ['iam:AttachUserPolicy', p.arn], ...p.groups.flatMap((g): [string, string][] => [['iam:PutGroupPolicy', g], ['iam:AttachGroupPolicy', g]])]
        : p.kind === 'role'
          ? [['iam:PutRolePolicy', p.arn], ['iam:AttachRolePolicy', p.arn]]
          : [];
    options.push(...this.customerPolicies(p).map((arn): [string, string] => ['iam:CreatePolicyVersion', arn]));
    let conditional: Verdict | undefined;
    for (const [action, resource] of options) {
      const v = this.can(p, action, resource);
      if (v.decision === 'allow') return v;
      if (v.decision === 'conditional') conditional ??= v;
    }
    return conditional;
  }

  assume(p: IamPrincipal, role: IamPrincipal): Verdict {
    return this.engine.canAssume(p.arn, role.arn);
  }

  /** sts:AssumeRole once `p` has rewritten the role's trust policy to name itself. */
  assumeAfterTrustRewrite(p: IamPrincipal, role: IamPrincipal): Verdict {
    return this.engine.canAssume(p.arn, role.arn, { statements: [{ index: 0, effect: 'Allow', principal: { AWS: [p.arn] }, action: ['sts:AssumeRole'] }] });
  }

  /** Roles of `account` whose trust policy lets one of `services` assume them. */
  rolesTrusting(services: readonly string[], account: string): IamPrincipal[] {
    return this.actors.filter((r) => r.kind === 'role' && r.account === account && services.some((s) => this.engine.trustsService(r.arn, s)));
  }

  isAdmin(p: IamPrincipal): Verdict {
    return this.engine.isAdmin(p.arn);
  }

  boundaryCap(p: IamPrincipal): string | undefined {
    return this.engine.boundaryCap(p.arn);
  }

  /** Customer-managed policies attached to `p` directly or through its groups (AWS-managed ones cannot be changed). */
  customerPolicies(p: IamPrincipal): string[] {
    const groups = p.groups.flatMap((g) => this.ctx.model.aws.principals.find((x) => x.arn === g)?.attached ?? []);
    return [...new Set([...p.attached, ...groups])].filter((arn) => !arn.includes(':iam::aws:policy/') && this.ctx.model.aws.policies.has(arn)).sort();
  }

  /** Stored non-default versions of a policy that allow `*` on `*`. */
  adminVersions(policyArn: string): string[] {
    const policy = this.ctx.model.aws.policies.get(policyArn);
    return (policy?.otherVersions ?? []).filter((v) => this.engine.documentIsAdmin(`${policyArn}@${v.id}`, v.document)).map((v) => v.id);
  }

  adminOf(account: string): string {
    return adminId(account);
  }
}

export function iamView(ctx: PolicyContext): IamView {
  return ctx.memo('iam-view', () => new IamView(ctx));
}
