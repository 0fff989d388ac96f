/**
 * The AWS principals as the escalation rules see them, their permissions answered by the
 * IAM engine (src/policy/iam). Built once per model.
 */
import { adminId, type IamPrincipal } from '../../model/aws.js';
import type { PolicyContext } from '../../policy/context.js';
import { iamEngine, intersect, Resources, TrustIndex, union, type IamEngine, type Verdict } from '../../policy/iam/index.js';

export type { IamPrincipal } from '../../model/aws.js';
export type IamVerdict = Verdict;

export class IamView {
  /** Users, roles and groups, by ARN (a group acts for a user that joins it). */
  readonly actors: IamPrincipal[];
  /** The roles, users and groups of `actors`, in its order. */
  readonly roles: IamPrincipal[];
  readonly users: IamPrincipal[];
  readonly groups: IamPrincipal[];
  private readonly engine: IamEngine;
  private readonly trust: TrustIndex;
  private readonly resources = new WeakMap<readonly IamPrincipal[], Resources>();
  private readonly assumables = new Map<string, IamPrincipal[]>();
  private readonly trusting = new Map<string, IamPrincipal[]>();
  private readonly admins = new Map<string, Verdict>();
  private readonly customer = new Map<string, string[]>();

  constructor(private readonly ctx: PolicyContext) {
    this.engine = iamEngine(ctx);
    this.actors = [...ctx.model.aws.principals].sort((a, b) => (a.arn < b.arn ? -1 : 1));
    this.roles = this.actors.filter((p) => p.kind === 'role');
    this.users = this.actors.filter((p) => p.kind === 'user');
    this.groups = this.actors.filter((p) => p.kind === 'group');
    this.trust = new TrustIndex(this.roles);
  }

  /**
   * The principals of `among` (in its order) on which an Allow statement of `p` may grant
   * `action`: `can` denies it on the rest, so a rule need not ask.
   */
  mayActOn(p: IamPrincipal, action: string, among: readonly IamPrincipal[]): IamPrincipal[] {
    return this.positionsAllowed(p, action, among).map((i) => among[i]!);
  }

  /**
   * The roles (in actor order, `p` itself included) whose trust policy names `p` — its ARN,
   * a session of it, everyone — or names its account while `p`'s policies may allow
   * sts:AssumeRole on them: `assume` denies every other role.
   */
  assumable(p: IamPrincipal): IamPrincipal[] {
    return once(this.assumables, p.arn, () => {
      const byAccount = this.trust.namingAccount(p.account);
      const delegated = byAccount.length ? intersect(byAccount, this.positionsAllowed(p, 'sts:AssumeRole', this.roles)) : [];
      const named = this.trust.namingCaller({ arn: p.arn, account: p.account, ...(p.kind === 'role' ? { roleName: p.name } : {}) });
      return union([named, delegated]).map((i) => this.roles[i]!);
    });
  }

  /** Positions in `resources` on which an Allow statement of `p` may grant `action`: `can` denies it on the rest. */
  mayAllowOn(p: IamPrincipal, action: string, resources: Resources): number[] {
    return this.engine.mayAllowOn(p.arn, action, resources);
  }

  private positionsAllowed(p: IamPrincipal, action: string, among: readonly IamPrincipal[]): number[] {
    // Checked first so that no lookup is built for an action `p` is never allowed.
    if (among.length === 0 || !this.engine.mayAllow(p.arn, action)) return [];
    let resources = this.resources.get(among);
    if (!resources) this.resources.set(among, (resources = new Resources(among.map((x) => x.arn))));
    return this.engine.mayAllowOn(p.arn, action, resources);
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

  /** Roles of `account` whose trust policy lets one of `services` assume them (the same array on every call). */
  rolesTrusting(services: readonly string[], account: string): IamPrincipal[] {
    return once(this.trusting, `${account}\n${services.join('\n')}`, () => this.roles.filter((r) => r.account === account && services.some((s) => this.engine.trustsService(r.arn, s))));
  }

  isAdmin(p: IamPrincipal): Verdict {
    return once(this.admins, p.arn, () => this.engine.isAdmin(p.arn));
  }

  boundaryCap(p: IamPrincipal): string | undefined {
    return this.engine.boundaryCap(p.arn);
  }

  /** Customer-managed policies attached to `p` directly or through its groups (AWS-managed ones cannot be changed). */
  customerPolicies(p: IamPrincipal): string[] {
    return once(this.customer, p.arn, () => {
      const groups = p.groups.flatMap((g) => this.engine.principals.get(g)?.attached ?? []);
      return [...new Set([...p.attached, ...groups])].filter((arn) => !arn.includes(':iam::aws:policy/') && this.ctx.model.aws.policies.has(arn)).sort();
    });
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

/** An answer that does not change within a model, computed once per key. */
function once<T>(memo: Map<string, T>, key: string, build: () => T): T {
  let v = memo.get(key);
  if (v === undefined) memo.set(key, (v = build()));
  return v;
}

export function iamView(ctx: PolicyContext): IamView {
  return ctx.memo('iam-view', () => new IamView(ctx));
}
