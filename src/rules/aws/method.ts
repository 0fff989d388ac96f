/**
 * What every AWS escalation rule shares: a method needs a set of actions, each allowed on a
 * given resource, for one principal acting alone. An edge exists only when every needed
 * action is allowed (an IAM `Condition` makes it conditional, never silently allowed), and
 * write calls act only on the caller's own account.
 */
import type { Decision } from '../../policy/decision.js';
import type { Finding, Rule } from '../rule.js';
import { iamView, type IamPrincipal, type IamView } from './view.js';
import { article } from '../../model/words.js';

/** One needed action on one resource. */
export type Need = readonly [action: string, resource: string];

export interface Granted {
  conditional: boolean;
  decisions: Decision[];
}

/** Every need allowed (or conditionally allowed) for `p`; undefined when one is denied. */
export function needs(view: IamView, p: IamPrincipal, all: readonly Need[], context?: Record<string, string[]>): Granted | undefined {
  const decisions: Decision[] = [];
  let conditional = false;
  for (const [action, resource] of all) {
    const v = view.can(p, action, resource, context);
    if (v.decision === 'deny') return undefined;
    conditional ||= v.decision === 'conditional';
    decisions.push(...v.decisions);
  }
  return { conditional, decisions };
}

/** The first alternative granted outright, else the first granted conditionally. */
export function oneOf(view: IamView, p: IamPrincipal, alternatives: readonly (readonly Need[])[]): Granted | undefined {
  let fallback: Granted | undefined;
  for (const alt of alternatives) {
    const g = needs(view, p, alt);
    if (g && !g.conditional) return g;
    fallback ??= g;
  }
  return fallback;
}

export function both(a: Granted | undefined, b: Granted | undefined): Granted | undefined {
  return a && b ? { conditional: a.conditional || b.conditional, decisions: [...a.decisions, ...b.decisions] } : undefined;
}

/** A granted method made conditional by what the export cannot tell (a resource that may not exist). */
export function assuming(g: Granted | undefined, assumption: string, policy: string): Granted | undefined {
  if (!g) return undefined;
  return { conditional: true, decisions: [...g.decisions, { layer: 'iam', decision: 'conditional', policy, reason: assumption }] };
}

export function finding(from: string, to: string, reason: string, g: Granted): Finding {
  // A conditional need keeps its `conditional` decision; the edge is conditional through it.
  return { from, to, reason, decisions: g.decisions };
}

/**
 * An escalation that gives `p` administrator permissions. A permissions boundary caps what
 * any escalation yields (AWS: the effective permissions are the intersection), so a bounded
 * principal reaches administrator only when its boundary itself allows everything.
 */
export function toAdmin(view: IamView, p: IamPrincipal, how: string, g: Granted | undefined): Finding[] {
  if (!g) return [];
  const cap = view.boundaryCap(p);
  if (cap) return [];
  return [finding(p.arn, view.adminOf(p.account), `${p.arn} ${how}`, g)];
}

export interface MethodSpec {
  id: string;
  title: string;
  technique: string;
  description: string;
  remediation: string;
  cost: number;
  edgeKind?: Rule['edgeKind'];
  edges(view: IamView, p: IamPrincipal): Finding[];
}

export function iamRule(spec: MethodSpec): Rule {
  const { edges, edgeKind = 'escalate', ...meta } = spec;
  return {
    ...meta,
    edgeKind,
    workloadIndependent: true,
    find(model, ctx) {
      if (model.aws.principals.length === 0) return [];
      const view = iamView(ctx);
      // An administrator already reaches every principal of its account through the
      // administrator node; its escalation edges would only repeat that. Role assumption
      // still matters for it: it crosses accounts.
      const actors = spec.edgeKind === 'assume' || spec.id === 'aws-admin' ? view.actors : view.actors.filter((p) => view.isAdmin(p).decision !== 'allow');
      return actors.flatMap((p) => edges(view, p));
    },
  };
}

/**
 * `iam:PassRole` on a role that trusts `service`, plus the service actions that start
 * compute running as it: the caller then holds the role's credentials.
 */
export function passRoleMethod(spec: Omit<MethodSpec, 'edges'> & { service: string | readonly string[]; actions: readonly (readonly string[])[]; instanceProfile?: boolean; assumption?: string }): Rule {
  const services = typeof spec.service === 'string' ? [spec.service] : spec.service;
  return iamRule({
    ...spec,
    edges(view, p) {
      // The service actions act on resources of the caller's choice: one answer for every role.
      const start = oneOf(view, p, spec.actions.map((alt) => alt.map((a): Need => [a, '*'])));
      if (!start) return [];
      const out: Finding[] = [];
      for (const role of view.mayActOn(p, 'iam:PassRole', view.rolesTrusting(services, p.account))) {
        if (role.arn === p.arn) continue;
        let g = both(needs(view, p, [['iam:PassRole', role.arn]], { 'iam:PassedToService': [...services] }), start);
        // An instance takes a role through an instance profile: one must hold the role, or
        // the caller must make one.
        if (g && spec.instanceProfile && role.instanceProfiles.length === 0) {
          g = both(g, needs(view, p, [['iam:CreateInstanceProfile', '*'], ['iam:AddRoleToInstanceProfile', '*']])) ?? assuming(g, `${role.arn} is in no instance profile in the export and the caller cannot make one`, spec.id);
        }
        if (spec.assumption) g = assuming(g, spec.assumption, spec.id);
        if (g) out.push(finding(p.arn, role.arn, `${p.arn} passes ${role.arn} to ${services.join('/')} (${spec.title})`, g));
      }
      return out;
    },
  });
}

/**
 * Methods that act through compute which may already run as a role (an existing Lambda
 * function, Glue dev endpoint, notebook): the export does not list it, so the edge assumes
 * one may exist for every role that trusts the service, and is conditional on it.
 */
export function existingComputeMethod(spec: Omit<MethodSpec, 'edges'> & { service: string; actions: readonly (readonly string[])[]; resource: string; instanceProfile?: boolean }): Rule {
  return iamRule({
    ...spec,
    edges(view, p) {
      // The actions act on compute of the caller's choice: one answer for every role.
      const granted = oneOf(view, p, spec.actions.map((alt) => alt.map((a): Need => [a, '*'])));
      if (!granted) return [];
      const out: Finding[] = [];
      for (const role of view.rolesTrusting([spec.service], p.account)) {
        if (role.arn === p.arn || (spec.instanceProfile && role.instanceProfiles.length === 0)) continue;
        const g = assuming(granted, `assumes ${article(spec.resource)} running as ${role.arn} exists: the authorization details do not list ${spec.resource}s`, spec.id);
        if (g) out.push(finding(p.arn, role.arn, `${p.arn} takes over an existing ${spec.resource} that may run as ${role.arn}`, g));
      }
      return out;
    },
  });
}
