import type { IdentityKind } from '../model/model.js';
import type { LintFinding, LintRule } from './rule.js';
import { finding } from './lib/objects.js';

/** Identities that only software uses: a person's (human, IAM user, group) is used outside the inputs. */
const MACHINE_IDENTITIES: ReadonlySet<IdentityKind> = new Set(['workload', 'service-account', 'cloud-role', 'pipeline', 'aws-role']);

export const rule: LintRule = {
  id: 'unused-identity',
  title: 'Identity nothing uses',
  severity: 'note',
  description:
    "A machine identity (workload identity, service account, cloud role, pipeline identity, IAM role) that no workload or pipeline of the inputs runs as, no native trust lets anyone assume, no resource stores, and that no assume or runs-as edge of the graph reaches. Scope: only what the inputs show; an IAM role whose trust names an AWS service or a federated provider, or that has an instance profile, is taken as used by something outside them and is not reported. People's identities (humans, IAM users, groups) are not checked.",
  remediation: 'Delete the identity (and its bindings and keys), or, if something outside the inputs uses it, add that workload or pipeline to the inputs.',
  check(ctx) {
    const m = ctx.model;
    const used = new Set<string>([...m.workloads.flatMap((w) => w.identities), ...m.pipelines.flatMap((p) => p.identities), ...m.native.trust.map((t) => t.mayAssume), ...m.resources.flatMap((r) => r.holds)]);
    const outside = new Set(
      m.aws.principals
        .filter((p) => p.kind === 'role' && (p.instanceProfiles.length > 0 || p.trust?.statements.some((s) => s.effect === 'Allow' && s.principal !== undefined && s.principal !== '*' && (s.principal.Service || s.principal.Federated))))
        .map((p) => p.arn),
    );
    const g = ctx.built.graph;
    const out: LintFinding[] = [];
    for (const i of m.identities) {
      if (!MACHINE_IDENTITIES.has(i.kind) || used.has(i.id) || outside.has(i.id)) continue;
      if (g.hasNode(i.id) && g.someInEdge(i.id, (_e, a) => a.kind === 'assume' || a.kind === 'runs-as')) continue;
      out.push(finding(rule, i.id, `${i.kind} used by no workload or pipeline of the inputs, and nothing assumes it`, i.source));
    }
    return out;
  },
};
