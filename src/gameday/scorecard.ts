/**
 * The zero-trust scorecard the seed articles define, each figure with its definition and the
 * direction that is better, computed from a game day's results: simulated scenarios, the
 * estate analysis, lint's hygiene measures and the graph itself.
 */
import type { CompactGraph } from '../engine/compact.js';
import { connectEdges } from '../engine/connect/hop.js';
import type { EstateResult } from '../engine/estate.js';
import type { LateralGraph } from '../graph/types.js';
import type { LintResult } from '../lint/index.js';
import type { LoadedScenario } from '../scenarios/load.js';
import type { ScenarioResult } from '../scenarios/run.js';
import { toMinutes } from '../model/duration.js';
import { playbookContainment } from '../scenarios/playbook.js';

export interface Figure {
  id: string;
  name: string;
  definition: string;
  /** null when the inputs cannot give it (no scenario with a defence, no network hop) */
  value: number | null;
  unit: '' | '%' | 'min';
  better: 'lower' | 'higher';
  target?: number;
  /** a breakdown: by layer, by age, by scenario */
  detail?: Record<string, number>;
}

/** Minutes an organisation aims to revoke a privileged identity's access in ("under 10 minutes"). */
export const REVOKE_TARGET = 10;

const round = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: readonly number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

export interface ScorecardInputs {
  graph: LateralGraph;
  g: CompactGraph;
  estate: EstateResult;
  scenarios: readonly ScenarioResult[];
  loaded: readonly LoadedScenario[];
  lint: LintResult;
}

export function scorecard({ graph, g, estate, scenarios, loaded, lint }: ScorecardInputs): Figure[] {
  const byName = new Map(loaded.map((l) => [l.scenario.name, l.scenario]));
  const byLayer: Record<string, number> = {};
  let baseline = 0;
  let blocked = 0;
  for (const s of scenarios) {
    baseline += s.blocked.baselinePairs;
    blocked += s.blocked.blocked;
    for (const [layer, n] of Object.entries(s.blocked.byLayer)) byLayer[layer] = (byLayer[layer] ?? 0) + n;
  }
  const contained = scenarios.flatMap((s) => {
    const d = byName.get(s.name)?.defence;
    return s.containment && d ? [{ s, detect: toMinutes(d['detect-after']) }] : [];
  });
  // A playbook's containment counts from its first action (the detection) to the action after which nothing new falls.
  const playbooks = scenarios.filter((s) => !s.containment && s.playbook?.length).map((s) => playbookContainment(s.reached, s.playbook!).timeToContain);
  const containment = [...contained.filter((c) => c.s.containment!.contained).map((c) => c.s.containment!.respondAt - c.detect), ...playbooks.filter((x): x is number => x !== undefined)];
  // When each scenario's compromised access is revoked: its defence's revoke, else its playbook's first.
  const revokes = scenarios.flatMap((s) => {
    const byDefence = s.containment?.response === 'revoke' ? s.containment.respondAt : undefined;
    const byPlaybook = (s.playbook ?? []).filter((a) => a.action === 'revoke').map((a) => a.at);
    const at = byDefence ?? (byPlaybook.length ? Math.min(...byPlaybook) : undefined);
    return at === undefined ? [] : [{ s, at }];
  });
  const privileged = revokes.filter((c) => c.s.blastRadius.tier0 > 0 || graph.getNodeAttribute(c.s.entry, 'tier') === 0);
  const wildcards = lint.findings.filter((f) => f.rule.startsWith('wildcard-'));
  const ages = lint.measures.exceptionAge;
  const tier0Identities = graph.filterNodes((_id, a) => a.kind === 'identity' && a.tier === 0 && a.type !== 'aws-account');
  const coverage = explicitCoverage(g);
  return [
    {
      id: 'blast-radius',
      name: 'Blast radius score',
      definition: 'Number of critical resources reachable from a single compromised identity or workload: the worst scenario\'s score (tier 0 = 10, tier 1 = 3, tier 2 = 1); the estate\'s worst entries are listed apart.',
      value: scenarios.length ? Math.max(...scenarios.map((s) => s.blastRadius.score)) : null,
      unit: '',
      better: 'lower',
      detail: Object.fromEntries(scenarios.map((s) => [s.name, s.blastRadius.score])),
    },
    {
      id: 'tier0-reached',
      name: 'Crown jewels reached',
      definition: 'Tier-0 nodes the scenarios reach, summed over scenarios.',
      value: scenarios.reduce((n, s) => n + s.blastRadius.tier0, 0),
      unit: '',
      better: 'lower',
    },
    {
      id: 'lateral-movement-resistance',
      name: 'Lateral-movement resistance',
      definition: 'Percentage of simulated attack paths blocked: of the (entry, crown jewel) pairs a flat network would expose, the share the policies block — every entry of the estate; by layer over the scenarios\' paths.',
      value: estate.blockedPercent,
      unit: '%',
      better: 'higher',
      ...(baseline ? { detail: { ...byLayer, 'scenario paths blocked %': round((100 * blocked) / baseline) } } : {}),
    },
    {
      id: 'containment-time',
      name: 'Lateral-movement containment time',
      definition: "Time from suspicious pivot detection to path denial enforcement (a defence's respond-after; a playbook's first action to the one after which nothing new falls), mean over the scenarios contained; a scenario not contained counts apart.",
      value: mean(containment),
      unit: 'min',
      better: 'lower',
      detail: { contained: containment.length, 'not contained': contained.length + playbooks.length - containment.length },
    },
    {
      id: 'mean-time-to-revoke',
      name: 'Mean time to revoke',
      definition: `Mean minutes from compromise to revocation of the compromised access (a defence's revoke, else a playbook's first), over scenarios that revoke; the target is under ${REVOKE_TARGET} minutes for privileged identities (those reaching tier 0).`,
      value: mean(revokes.map((c) => c.at)),
      unit: 'min',
      better: 'lower',
      target: REVOKE_TARGET,
      ...(privileged.length ? { detail: { 'privileged scenarios': privileged.length, 'privileged mean': mean(privileged.map((c) => c.at))! } } : {}),
    },
    {
      id: 'explicit-path-coverage',
      name: 'Explicit-path coverage',
      definition: 'Percentage of reachable service-to-service paths (workload pairs and ports over the network) that an explicit allow rule of a NetworkPolicy or AuthorizationPolicy permits, rather than the absence of any policy.',
      value: coverage,
      unit: '%',
      better: 'higher',
    },
    {
      id: 'high-risk-wildcards',
      name: 'High-risk wildcard count',
      definition: 'Policies using broad principals or network ranges into sensitive (tier 0/1) domains: lint\'s wildcard-* findings.',
      value: wildcards.length,
      unit: '',
      better: 'lower',
      ...(wildcards.length ? { detail: Object.fromEntries([...new Set(wildcards.map((f) => f.rule))].sort().map((r) => [r, wildcards.filter((f) => f.rule === r).length])) } : {}),
    },
    {
      id: 'exceptions',
      name: 'Exception age distribution',
      definition: 'Open exceptions, and how many are older than 7, 30 and 90 days.',
      value: ages.total,
      unit: '',
      better: 'lower',
      detail: { 'older than 7 days': ages.over7, 'older than 30 days': ages.over30, 'older than 90 days': ages.over90 },
    },
    {
      id: 'long-lived-credentials',
      name: 'Long-lived credentials',
      definition: 'Static secrets and keys in CI/CD and workload environments: lint\'s static-credential findings.',
      value: lint.findings.filter((f) => f.rule === 'static-credential').length,
      unit: '',
      better: 'lower',
    },
    {
      id: 'standing-privileged-identities',
      name: 'Standing privileged identities',
      definition: 'Identities that hold tier-0 (administrator-equivalent) access all the time rather than through a just-in-time session.',
      value: tier0Identities.length,
      unit: '',
      better: 'lower',
    },
    {
      id: 'owner-coverage',
      name: 'Owner coverage',
      definition: 'Percentage of workloads, identities and policies with a named owner (target: 95 % of in-scope services).',
      value: lint.measures.ownerCoverage.all.percent,
      unit: '%',
      better: 'higher',
      target: 95,
    },
  ];
}

/** Traversable workload-to-workload hops (weighted by class sizes) with an explicit network or mesh allow. */
function explicitCoverage(g: CompactGraph): number | null {
  const c = g.connect;
  if (!c) return null;
  let all = 0;
  let explicit = 0;
  const members = new Map<number, number[]>();
  for (let u = 0; u < g.n; u++) {
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const hub = g.targets[e]!;
      if (g.enforced[e] && hub >= g.hubStart && hub < g.targetStart) (members.get(hub) ?? members.set(hub, []).get(hub)!).push(u);
    }
  }
  for (const [hub, sources] of members) {
    for (let e = g.offsets[hub]!; e < g.offsets[hub + 1]!; e++) {
      if (!g.enforced[e]) continue;
      const cls = c.classes.targets[g.targets[e]! - g.targetStart];
      if (!cls?.members.length) continue;
      const v = g.index.get(c.classes.workloads[cls.members[0]!]!.id)!;
      for (const hop of connectEdges(g, sources[0]!, v)) {
        if (!hop.traversable) continue;
        const weight = sources.length * cls.members.length;
        all += weight;
        if (hop.decisions.some((d) => (d.layer === 'network' || d.layer === 'mesh') && d.decision === 'allow' && d.policy !== '(default)')) explicit += weight;
      }
    }
  }
  return all ? round((100 * explicit) / all) : null;
}
