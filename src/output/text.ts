/** Plain-text renderings of result objects. Pure: they compute nothing. */
import type { Decision } from '../policy/decision.js';
import type { Hop } from '../engine/results.js';
import type { ProbeResult } from '../engine/probe.js';
import type { ExceptionStatus } from '../engine/exceptions.js';
import type { ScenarioResult } from '../scenarios/run.js';
import type { SimulateResult } from './simulate-result.js';
import type { ExplainResult, ExplainVerdict } from './explain-result.js';
import { isAddress } from '../graph/resolve.js';
import { formatMinutes } from '../model/duration.js';
import { plural } from '../model/words.js';
import type { Unresolved } from '../policy/rbac/index.js';

const MAX_LIST = 12;

export function decisionLine(d: Decision): string {
  const version = d.version !== undefined ? ` v${d.version}` : '';
  const rule = d.rule !== undefined ? ` rule ${d.rule}` : '';
  return `${d.layer.padEnd(8)} ${d.decision.padEnd(12)} ${d.policy}${version}${rule} — ${d.reason}`;
}

export function hopLines(h: Hop, n: number, indent: string): string[] {
  const port = h.port !== undefined ? ` ${h.port}/${h.protocol}` : '';
  const actions = h.actions ? ` [${h.actions.join(', ')}]` : '';
  return [
    `${indent}${n}. ${h.from} ─${h.kind}${port}${actions}→ ${h.to}   (${h.technique}, at ${formatMinutes(h.minutes)})`,
    `${indent}   ${h.reason}`,
    ...h.decisions.map((d) => `${indent}   · ${decisionLine(d)}`),
  ];
}

/** `1 binding to an unknown role: ns/rb → Role ns/missing (grants nothing)` */
export function unresolvedLine(list: readonly Unresolved[]): string {
  const shown = list.slice(0, MAX_LIST).map((u) => `${u.binding} → ${u.role.replace(':', ' ')}`);
  const more = list.length > MAX_LIST ? `, … ${list.length - MAX_LIST} more` : '';
  return list.length === 1 ? `1 binding to an unknown role: ${shown[0]} (grants nothing)` : `${list.length} bindings to unknown roles (they grant nothing): ${shown.join(', ')}${more}`;
}

/** `defaultTiers: false` when the run had them turned off, so the hint about none does not promise them. */
export function renderSimulate(r: SimulateResult, options: { defaultTiers?: boolean } = {}): string {
  const out: string[] = [];
  const s = r.summary;
  out.push(`lateral simulate — ${s.workloads} workloads, ${s.identities} identities, ${s.resources} resources, ${s.pipelines} pipelines, ${s.edges} edges (at ${r.at})`);
  if (r.unresolvedBindings) out.push(unresolvedLine(r.unresolvedBindings));
  const e = r.estate;
  out.push('');
  out.push(`estate: ${plural(e.entries, 'entry point')}, ${plural(e.crownJewels, 'crown jewel')}`);
  if (e.crownJewels === 0) {
    const none = options.defaultTiers === false ? 'no crown jewels (default tiers are off)' : 'no crown jewels, not even a default one (a Kubernetes node, a cluster-admin, an AWS administrator)';
    out.push(`  ${none}: mark them with tier 0 (the label lateral.dev/tier: "0", an IAM tag tier=0, or a kind: Overlay file) so blast radius and blocked % mean something`);
  }
  else if (e.defaultCrownJewels > 0) out.push(`  ${e.defaultCrownJewels === e.crownJewels ? (e.crownJewels === 1 ? 'it is' : 'all are') : `${e.defaultCrownJewels} are`} tier 0 by default (Kubernetes nodes, cluster-admins, kube-system secrets, AWS administrators): \`lateral nodes … --tier 0\` says why, --no-default-tiers turns them off`);
  out.push(`  lateral-movement resistance: ${e.blockedPercent}% of ${e.baselinePairs} baseline entry→crown-jewel paths blocked (${e.reachablePairs} still open)`);
  if (e.top.length) out.push(`  largest blast radius: ${e.top.slice(0, 3).map((t) => `${t.entry} (score ${t.score}, ${t.tier0} tier-0)`).join(', ')}`);
  if (r.exceptions.length) {
    out.push(`  exceptions: ${r.exceptions.map((x) => `${x.name} (${x.owner}, ${exceptionState(x)}${x.ageDays !== undefined ? `, age ${x.ageDays} days` : ''})`).join('; ')}`);
  }
  for (const sc of r.scenarios) out.push('', ...scenarioLines(sc));
  if (r.scenarios.length) {
    const failed = r.scenarios.filter((x) => !x.pass).length;
    out.push('', failed ? `✗ ${failed} of ${plural(r.scenarios.length, 'scenario')} failed their expectations` : r.scenarios.length === 1 ? '✓ the scenario met its expectations' : `✓ all ${r.scenarios.length} scenarios met their expectations`);
  }
  return `${out.join('\n')}\n`;
}

function scenarioLines(sc: ScenarioResult): string[] {
  const out: string[] = [];
  out.push(`━━ ${sc.name} — ${sc.kind} from ${sc.entry}`);
  if (sc.description) out.push(`   ${sc.description}`);
  if (sc.window) out.push(`   credential: ${sc.window.credential}${sc.window.ttlMinutes !== undefined ? `, usable for ${formatMinutes(sc.window.ttlMinutes)}` : sc.window.ageDays !== undefined ? `, ${Math.round(sc.window.ageDays)} days old, no expiry` : ''}`);
  const b = sc.blastRadius;
  out.push(`   blast radius   score ${b.score} (baseline ${sc.baseline.score}) · ${b.tier0} tier-0 reached (baseline ${sc.baseline.tier0}) · ${plural(b.nodes, 'node')}`);
  const layers = Object.entries(sc.blocked.byLayer).map(([l, n]) => `${l} ${n}`).join(', ');
  out.push(`   blocked paths  ${sc.blocked.percent}% of ${plural(sc.blocked.baselinePairs, 'baseline crown-jewel path')}${layers ? ` (by ${layers})` : ''}`);
  if (sc.paths.length) {
    out.push('   crown jewels reached:');
    for (const p of sc.paths) {
      out.push(`   ▸ ${p.target} in ${formatMinutes(p.minutes)}${p.tierReason ? ` — tier 0 by default: ${p.tierReason}` : ''}`);
      p.hops.forEach((h, i) => out.push(...hopLines(h, i + 1, '     ')));
    }
  }
  if (sc.blocked.pairs.length) {
    out.push('   crown jewels protected:');
    for (const pair of sc.blocked.pairs) {
      out.push(`   ▪ ${pair.target}: blocked by ${pair.layers.join(' + ')}`);
      for (const h of pair.cut) {
        out.push(`       ${h.from} → ${h.to}${h.port !== undefined ? `:${h.port}` : ''}`);
        for (const d of h.decisions.filter((x) => x.decision === 'deny')) out.push(`         · ${decisionLine(d)}`);
      }
    }
  }
  // What the attacker holds apart from what it can only talk to.
  const others = sc.reached.filter((n) => n.id !== sc.entry && n.tier !== 0);
  for (const [access, label] of [['control', 'also controls'], ['network', 'can talk to']] as const) {
    const listed = others.filter((n) => n.access === access);
    if (!listed.length) continue;
    const shown = listed.slice(0, MAX_LIST).map((n) => `${n.id} (${formatMinutes(n.minutes)})`);
    out.push(`   ${label.padEnd(15)}${shown.join(', ')}${listed.length > MAX_LIST ? `, … ${listed.length - MAX_LIST} more (--json lists all)` : ''}`);
  }
  if (sc.containment) {
    const c = sc.containment;
    const state = c.contained
      ? `contained at ${formatMinutes(c.respondAt)}: ${plural(c.reachedBefore.length, 'node')} reached before, blast radius ${c.blastRadius.score}`
      : `NOT contained: ${c.response} at ${formatMinutes(c.respondAt)} leaves footholds that still reach ${plural(c.reachedAfter.length, 'more node')} (${c.reachedAfter.slice(0, 5).join(', ')}${c.reachedAfter.length > 5 ? ', …' : ''})`;
    out.push(`   containment    ${c.response} after ${formatMinutes(c.respondAt)}: ${state}`);
  }
  for (const a of sc.playbook ?? []) {
    const cut = a.cutOff.length ? `cut off ${a.cutOff.slice(0, MAX_LIST).join(', ')}${a.cutOff.length > MAX_LIST ? `, … ${a.cutOff.length - MAX_LIST} more` : ''}` : 'cut off nothing the attacker would still reach';
    out.push(`   playbook       ${a.action} ${a.target} at ${formatMinutes(a.at)}: ${cut}${a.tooLateFor.length ? `; too late for ${a.tooLateFor.join(', ')}` : ''}`);
  }
  if (sc.expectations.length) {
    out.push('   expectations:');
    for (const x of sc.expectations) out.push(`     ${x.pass ? '✓' : '✗'} ${x.check} ${x.expected} (actual: ${x.actual})`);
  }
  return out;
}

export function renderProbes(results: readonly ProbeResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    const mark = r.pass === null ? '·' : r.pass ? '✓' : '✗';
    const what = r.action ? `${r.from} ${r.action} ${r.resource}` : r.port !== undefined && r.reach === undefined ? `${r.from} → ${r.to}:${r.port}${r.protocol ? `/${r.protocol}` : ''}` : `${r.from} ⇝ ${r.to}`;
    const expected = r.reach !== undefined ? (r.reach ? 'reach' : 'no-reach') : r.expect;
    out.push(`${mark} ${r.name ? `${r.name}: ` : ''}${what}: ${r.verdict}${r.pass === null ? ' (unchecked: no expectation)' : expected !== undefined ? ` (expected ${expected})` : ''}`);
    for (const reason of r.reasons) out.push(`    · ${reason.layer.padEnd(8)} ${reason.decision.padEnd(12)} ${reason.policy}${reason.rule !== undefined ? ` rule ${reason.rule}` : ''} — ${reason.reason}`);
  }
  // A probe without an expectation is unchecked: it never counts as passed.
  const passed = results.filter((r) => r.pass === true).length;
  const failed = results.filter((r) => r.pass === false).length;
  const unchecked = results.length - passed - failed;
  out.push(`${passed} passed, ${failed} failed${unchecked ? `, ${unchecked} unchecked` : ''}`);
  return `${out.join('\n')}\n`;
}

export function renderExplain(r: ExplainResult): string {
  const out: string[] = [];
  if (r.hop) {
    out.push(`${r.from} → ${r.to}:${r.hop.port}/${r.hop.protocol}: ${r.hop.verdict}`);
    for (const d of r.hop.decisions) out.push(`  · ${decisionLine(d)}`);
  }
  if (r.verdict) out.push(verdictLine(r.from, r.to, r.verdict));
  if (r.path?.hops.length) {
    out.push('fastest attack path:');
    r.path.hops.forEach((h, i) => out.push(...hopLines(h, i + 1, '  ')));
  }
  if (r.blockedPath) {
    out.push('denied at:');
    for (const h of r.blockedPath.hops.filter((x) => x.decisions.some((d) => d.decision === 'deny'))) {
      out.push(`  ✗ ${h.from} → ${h.to}${h.port !== undefined ? `:${h.port}/${h.protocol}` : ''}`);
      for (const d of h.decisions) out.push(`    · ${decisionLine(d)}`);
    }
  }
  // The direct hops the path above did not already show.
  const shown = new Set([...(r.path?.hops ?? []), ...(r.blockedPath?.hops ?? [])].map(hopKey));
  const direct = r.edges.filter((h) => !shown.has(hopKey(h)));
  if (direct.length) {
    out.push(`${plural(direct.length, 'direct edge')} ${r.from} → ${r.to}, layer by layer:`);
    direct.forEach((h, i) => out.push(...hopLines(h, i + 1, '  ')));
  }
  return `${out.join('\n')}\n`;
}

const hopKey = (h: Hop) => `${h.from} ${h.to} ${h.kind} ${h.edge} ${h.port ?? ''}`;

function verdictLine(from: string, to: string, v: ExplainVerdict): string {
  const over = `${formatMinutes(v.minutes!)} over ${plural(v.hops!, 'hop')}`;
  if (v.status === 'reachable') return `${from} reaches ${to} in ${over}${v.access === 'network' ? ' (over the network: it can talk to it, not control it)' : ''}.`;
  if (v.status === 'blocked') return `${from} cannot reach ${to}: blocked by ${v.blockedBy!.join(' + ')} policy. Without network and mesh policy it could, in ${over}.`;
  const why = isAddress(from)
    ? 'from outside, the walk stops at the services it can talk to unless one is exploitable (mark it with lateral.dev/exploitable, or try --pivot)'
    : 'no identity, grant or pipeline path leads there';
  return `${from} cannot reach ${to}, even without network and mesh policy: ${why}.`;
}


function exceptionState(x: ExceptionStatus): string {
  if (x.status === 'pending') return `not yet in force: starts in ${plural(x.startsInDays!, 'day')}, grants nothing`;
  if (x.status === 'expired') return `expired ${x.expires}, grants nothing`;
  return `${plural(x.daysLeft, 'day')} left`;
}
