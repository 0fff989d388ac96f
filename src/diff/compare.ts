/**
 * Two sides compared, result to result (STYLE: diff compares, it does not re-analyse): the
 * (entry, crown jewel) pairs that became reachable or unreachable, each with its fastest
 * path on the side that has it and the hops the other side lacks or denies — with the policy
 * changes those hops' decisions name; estate and scenario measures before and after; the
 * policy objects added, removed or modified; and the CI gates.
 */
import { blocks, type Decision } from '../policy/decision.js';
import { hops, nearest } from '../engine/analyze.js';
import { connectEdges } from '../engine/connect/hop.js';
import { fastestTimes } from '../engine/times.js';
import type { Hop } from '../engine/results.js';
import type { LintFinding } from '../lint/index.js';
import { names, policyChanges, type PolicyChange } from './policies.js';
import type { Side } from './side.js';

export const GATES = ['new-path', 'blast-radius-increase', 'blocked-percent-decrease', 'lint-error', 'none'] as const;
export type Gate = (typeof GATES)[number];

export interface Delta {
  before: number;
  after: number;
}

export interface PathChange {
  entry: string;
  target: string;
  minutes: number;
  hops: Hop[];
  /** positions in `hops` of the hops the other side lacks or denies */
  changed: number[];
  /** `kind id` of the policy changes the changed hops' decisions (on either side) name */
  policies: string[];
  /** when no hop changed: the entry or the crown jewel itself is new or gone */
  why?: string;
}

export interface PathChanges {
  /** every pair that changed; `paths` holds the first `limit` of them, by crown jewel then entry */
  total: number;
  paths: PathChange[];
}

export interface DiffPolicyChange extends PolicyChange {
  /** paths shown in this diff whose changed hops it explains */
  opened: number;
  closed: number;
}

export interface ScenarioDelta {
  name: string;
  entry: string;
  blastRadius: Delta;
  tier0: Delta;
  blockedPercent: Delta;
  pass: { before: boolean; after: boolean };
}

export interface GateResult {
  gate: Exclude<Gate, 'none'>;
  tripped: boolean;
  why: string;
}

export interface DiffResult {
  base: string;
  head: string;
  at: string;
  /** false when reach, measures and policies are all as they were */
  changed: boolean;
  verdict: string;
  estate: { entries: Delta; crownJewels: Delta; reachablePairs: Delta; blockedPercent: Delta; grew: { entry: string; score: Delta; tier0: Delta }[] };
  opened: PathChanges;
  closed: PathChanges;
  policies: DiffPolicyChange[];
  scenarios: ScenarioDelta[];
  /** lint findings of the head the base does not have, and those of the base the head fixed (matched by rule, object and message) */
  lint: { new: LintFinding[]; fixed: LintFinding[] };
  gates: GateResult[];
}

export interface DiffOptions {
  /** paths explained per direction (the rest are counted) */
  limit: number;
  failOn: readonly Gate[];
  strictConditions?: boolean;
}

const delta = (before: number, after: number): Delta => ({ before, after });

export function compareSides(base: Side, head: Side, options: DiffOptions): DiffResult {
  const policies = policyChanges(base.loaded.model, head.loaded.model);
  const opened = pathChanges(head, base, policies, options);
  const closed = pathChanges(base, head, policies, options);
  const counted = (p: DiffPolicyChange['kind'], id: string, list: PathChanges) => list.paths.filter((x) => x.policies.includes(`${p} ${id}`)).length;
  const policyRows = policies.map((c) => ({ ...c, opened: counted(c.kind, c.id, opened), closed: counted(c.kind, c.id, closed) }));
  const before = new Map(base.estate.top.map((e) => [e.entry, e]));
  const grew = head.estate.top
    .map((e) => ({ entry: e.entry, score: delta(before.get(e.entry)?.score ?? 0, e.score), tier0: delta(before.get(e.entry)?.tier0 ?? 0, e.tier0) }))
    .filter((e) => e.score.after > e.score.before)
    .sort((a, b) => b.score.after - b.score.before - (a.score.after - a.score.before) || (a.entry < b.entry ? -1 : 1))
    .slice(0, 10);
  const estate = {
    entries: delta(base.estate.entries, head.estate.entries),
    crownJewels: delta(base.estate.crownJewels, head.estate.crownJewels),
    reachablePairs: delta(base.estate.reachablePairs, head.estate.reachablePairs),
    blockedPercent: delta(base.estate.blockedPercent, head.estate.blockedPercent),
    grew,
  };
  const baseScenarios = new Map(base.scenarios.map((s) => [s.name, s]));
  const scenarios = head.scenarios.flatMap((s): ScenarioDelta[] => {
    const b = baseScenarios.get(s.name);
    if (!b) return [];
    return [{ name: s.name, entry: s.entry, blastRadius: delta(b.blastRadius.score, s.blastRadius.score), tier0: delta(b.blastRadius.tier0, s.blastRadius.tier0), blockedPercent: delta(b.blocked.percent, s.blocked.percent), pass: { before: b.pass, after: s.pass } }];
  });
  const key = (f: LintFinding) => `${f.rule}\u0000${f.object}\u0000${f.message}`;
  const had = new Set(base.lint.findings.map(key));
  const has = new Set(head.lint.findings.map(key));
  const lint = { new: head.lint.findings.filter((f) => !had.has(key(f))), fixed: base.lint.findings.filter((f) => !has.has(key(f))) };
  const moved = (d: Delta) => d.before !== d.after;
  const changed =
    opened.total > 0 || closed.total > 0 || policies.length > 0 || lint.new.length > 0 || lint.fixed.length > 0 || Object.values(estate).some((d) => !Array.isArray(d) && moved(d)) || scenarios.some((s) => moved(s.blastRadius) || moved(s.tier0) || moved(s.blockedPercent) || s.pass.before !== s.pass.after);
  const gates = gateResults(options.failOn, opened, estate, scenarios, lint.new);
  return { base: base.label, head: head.label, at: head.loaded.at, changed, verdict: verdict(changed, opened, closed, estate, policies, lint), estate, opened, closed, policies: policyRows, scenarios, lint, gates };
}

/** The pairs `side` reaches that `other` does not, the first `limit` explained. */
function pathChanges(side: Side, other: Side, policies: readonly PolicyChange[], options: DiffOptions): PathChanges {
  const pairs: [entry: string, target: string][] = [];
  for (const [entry, jewels] of side.pairs) {
    const theirs = new Set(other.pairs.get(entry) ?? []);
    for (const j of jewels) if (!theirs.has(j)) pairs.push([entry, j]);
  }
  pairs.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const { graph } = side.loaded.built;
  const g = side.loaded.g;
  const times = new Map<string, ReturnType<typeof fastestTimes>>();
  const paths = pairs.slice(0, options.limit).map(([entry, target]): PathChange => {
    let t = times.get(entry);
    if (!t) times.set(entry, (t = fastestTimes(g, g.index.get(entry)!, g.enforced)));
    const at = nearest(g, t, g.index.get(target)!);
    const path = hops(graph, g, t, at);
    const changed = path.flatMap((h, i) => (has(other, h, options.strictConditions) ? [] : [i]));
    const decisions = changed.flatMap((i) => [...path[i]!.decisions, ...decisionsOn(other, path[i]!)]);
    const named = policies.filter((c) => decisions.some((d) => names(c, d.policy))).map((c) => `${c.kind} ${c.id}`);
    const why = changed.length ? undefined : whyNoHop(other, entry, target);
    return { entry, target, minutes: t.dist[at]!, hops: path, changed, policies: [...new Set(named)], ...(why ? { why } : {}) };
  });
  return { total: pairs.length, paths };
}

function whyNoHop(other: Side, entry: string, target: string): string {
  const there = (id: string) => other.loaded.built.graph.hasNode(id);
  if (!there(entry)) return `${entry} is not on the other side`;
  if (!there(target)) return `${target} is not on the other side`;
  const tier = other.loaded.built.graph.getNodeAttribute(target, 'tier');
  if (tier !== 0) return `${target} is tier ${tier ?? 'unset'} on the other side, not a crown jewel`;
  return 'each hop exists on the other side: a hop elsewhere on the other side\'s fastest route changed';
}

/** Whether the other side has the hop, traversable under enforced policy. */
function has(side: Side, h: Hop, strict = false): boolean {
  if (h.kind === 'connect') return connectOn(side, h).some((e) => e.traversable);
  const { graph } = side.loaded.built;
  if (!graph.hasNode(h.from) || !graph.hasNode(h.to)) return false;
  return graph.outEdges(h.from).some((e) => graph.target(e) === h.to && graph.getEdgeAttribute(e, 'kind') === h.kind && !graph.getEdgeAttribute(e, 'decisions').some((d) => blocks(d, strict)));
}

function connectOn(side: Side, h: Hop) {
  const g = side.loaded.g;
  const u = g.index.get(h.from);
  const v = g.index.get(h.to);
  return u === undefined || v === undefined ? [] : connectEdges(g, u, v).filter((e) => e.port === h.port && e.protocol === h.protocol);
}

/** The decisions the other side gives the same hop (the deny a change removed, say). */
function decisionsOn(side: Side, h: Hop): Decision[] {
  if (h.kind === 'connect') return connectOn(side, h).flatMap((e) => e.decisions);
  const { graph } = side.loaded.built;
  if (!graph.hasNode(h.from) || !graph.hasNode(h.to)) return [];
  return graph.outEdges(h.from).flatMap((e) => (graph.target(e) === h.to && graph.getEdgeAttribute(e, 'kind') === h.kind ? graph.getEdgeAttribute(e, 'decisions') : []));
}

function gateResults(failOn: readonly Gate[], opened: PathChanges, estate: DiffResult['estate'], scenarios: readonly ScenarioDelta[], newFindings: readonly LintFinding[]): GateResult[] {
  const out: GateResult[] = [];
  for (const gate of failOn) {
    if (gate === 'none') continue;
    if (gate === 'new-path') out.push({ gate, tripped: opened.total > 0, why: `${opened.total} (entry, crown jewel) pair${opened.total === 1 ? '' : 's'} newly reachable` });
    if (gate === 'blast-radius-increase') {
      const grown = scenarios.filter((s) => s.blastRadius.after > s.blastRadius.before).map((s) => s.name);
      const n = grown.length + estate.grew.length;
      out.push({ gate, tripped: n > 0, why: n ? [grown.length ? `scenarios ${grown.join(', ')}` : '', estate.grew.length ? `${estate.grew.length} entr${estate.grew.length === 1 ? 'y' : 'ies'} of the estate` : ''].filter(Boolean).join(' and ') + ' reach more' : 'no blast radius grew' });
    }
    if (gate === 'blocked-percent-decrease') {
      const fell = scenarios.filter((s) => s.blockedPercent.after < s.blockedPercent.before).map((s) => s.name);
      const estateFell = estate.blockedPercent.after < estate.blockedPercent.before;
      out.push({ gate, tripped: estateFell || fell.length > 0, why: estateFell || fell.length ? [estateFell ? `the estate's blocked % fell ${estate.blockedPercent.before}% -> ${estate.blockedPercent.after}%` : '', fell.length ? `scenarios ${fell.join(', ')} block less` : ''].filter(Boolean).join('; ') : 'no blocked % fell' });
    }
    if (gate === 'lint-error') {
      const errors = newFindings.filter((f) => f.severity === 'error');
      out.push({ gate, tripped: errors.length > 0, why: errors.length ? `${errors.length} new lint error${errors.length === 1 ? '' : 's'} (${[...new Set(errors.map((f) => f.rule))].join(', ')})` : 'no new lint error' });
    }
  }
  return out;
}

function verdict(changed: boolean, opened: PathChanges, closed: PathChanges, estate: DiffResult['estate'], policies: readonly PolicyChange[], lint: DiffResult['lint']): string {
  if (!changed) return 'Reachability did not change.';
  const parts: string[] = [];
  const pairs = (n: number) => `${n} attack path${n === 1 ? '' : 's'} to crown jewels`;
  if (opened.total) parts.push(`${pairs(opened.total)} opened`);
  if (closed.total) parts.push(`${pairs(closed.total)} closed`);
  if (!opened.total && !closed.total) parts.push('no attack path to a crown jewel opened or closed');
  if (estate.blockedPercent.before !== estate.blockedPercent.after) parts.push(`blocked ${estate.blockedPercent.before}% -> ${estate.blockedPercent.after}%`);
  if (policies.length) parts.push(`${policies.length} polic${policies.length === 1 ? 'y' : 'ies'} changed`);
  if (lint.new.length) parts.push(`${lint.new.length} new lint finding${lint.new.length === 1 ? '' : 's'}`);
  if (lint.fixed.length) parts.push(`${lint.fixed.length} fixed`);
  const s = parts.join('; ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}
