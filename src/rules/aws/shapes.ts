/**
 * The shapes escalation methods share, so each method file states only what is its own:
 * the action, the wording, the remediation.
 */
import type { Finding, Rule } from '../rule.js';
import { assuming, both, finding, iamRule, needs, toAdmin, type MethodSpec } from './method.js';

type Meta = Omit<MethodSpec, 'edges' | 'technique' | 'cost'> & Partial<Pick<MethodSpec, 'technique' | 'cost'>>;

/** An IAM write on another user of the same account that yields that user's credentials. */
export function onOtherUser(spec: Meta & { action: string; assumption?: string }): Rule {
  return iamRule({
    technique: 'T1098.001',
    cost: 5,
    ...spec,
    edges(view, p) {
      if (p.kind === 'group') return [];
      const out: Finding[] = [];
      for (const user of view.mayActOn(p, spec.action, view.users)) {
        if (user.arn === p.arn || user.account !== p.account) continue;
        const granted = needs(view, p, [[spec.action, user.arn]]);
        const g = spec.assumption ? assuming(granted, spec.assumption, spec.id) : granted;
        if (g) out.push(finding(p.arn, user.arn, `${p.arn} acts as ${user.arn} (${spec.action})`, g));
      }
      return out;
    },
  });
}

/** A policy write on the caller itself (a user) that gives it `*` on `*`. */
export function onItself(spec: Meta & { action: string; verb: string }): Rule {
  return iamRule({
    technique: 'T1098',
    cost: 5,
    ...spec,
    edges: (view, p) => (p.kind === 'user' ? toAdmin(view, p, `${spec.verb} itself (${spec.action})`, needs(view, p, [[spec.action, p.arn]])) : []),
  });
}

/** A policy write on a group the caller belongs to. */
export function onOwnGroup(spec: Meta & { action: string; verb: string }): Rule {
  return iamRule({
    technique: 'T1098',
    cost: 5,
    ...spec,
    edges(view, p) {
      if (p.kind !== 'user') return [];
      for (const group of p.groups) {
        const found = toAdmin(view, p, `${spec.verb} its group ${group} (${spec.action})`, needs(view, p, [[spec.action, group]]));
        if (found.length) return found;
      }
      return [];
    },
  });
}

/** A policy write on the caller itself (a role) or on a role it can assume. */
export function onRole(spec: Meta & { action: string; verb: string }): Rule {
  return iamRule({
    technique: 'T1098',
    cost: 6,
    ...spec,
    edges(view, p) {
      if (p.kind === 'group') return [];
      if (p.kind === 'role') {
        const found = toAdmin(view, p, `${spec.verb} itself (${spec.action})`, needs(view, p, [[spec.action, p.arn]]));
        if (found.length) return found;
      }
      for (const role of view.mayActOn(p, spec.action, view.assumable(p))) {
        if (role.arn === p.arn || role.account !== p.account) continue;
        const assume = view.assume(p, role);
        if (assume.decision === 'deny') continue;
        const g = both(needs(view, p, [[spec.action, role.arn]]), { conditional: assume.decision === 'conditional', decisions: assume.decisions });
        // What the role gains is capped by the role's own boundary, not the caller's.
        const found = toAdmin(view, role, `is changed by ${p.arn}`, g);
        if (found.length) return found.map((f) => ({ ...f, from: p.arn, reason: `${p.arn} ${spec.verb} ${role.arn} (${spec.action}) and assumes it` }));
      }
      return [];
    },
  });
}
