/**
 * A game day's report (`report.json`, the contract): the campaign, each scenario with its
 * timeline (attacker hops by minute, the defender's response and what it was too late for),
 * the zero-trust scorecard, the estate's worst entries, the minimum cut, and — with a
 * previous report — a trend per figure and per scenario. The inputs' content hashes tie it
 * to its snapshot.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Decision } from '../policy/decision.js';
import type { EstateEntry } from '../engine/estate.js';
import type { Containment } from '../engine/contain.js';
import type { Expectation, ScenarioResult } from '../scenarios/run.js';
import type { BlastRadius } from '../engine/measures.js';
import type { AttackPath, BlockedPair } from '../engine/results.js';
import { listInputs } from '../ingest/files.js';
import type { Figure } from './scorecard.js';
import { playbookContainment, type PlaybookAction } from '../scenarios/playbook.js';
import type { MinimumCut } from './cut.js';

export const GAMEDAY_FORMAT = 'lateral-gameday/1';

export type Trend = 'better' | 'worse' | 'same' | 'new';

export interface TimelineEvent {
  minute: number;
  event: 'hop' | 'response';
  text: string;
  /** a hop's per-layer decisions */
  decisions?: Decision[];
}

export interface ScenarioReport {
  name: string;
  description?: string;
  kind: string;
  entry: string;
  pass: boolean;
  blastRadius: BlastRadius;
  baseline: BlastRadius;
  blockedPercent: number;
  containment?: Containment;
  /** the playbook's actions, each with what it cut off and what it was too late for */
  playbook?: PlaybookAction[];
  /** the playbook's containment (scenarios/playbook.ts), with a playbook */
  playbookContainment?: ReturnType<typeof playbookContainment>;
  /** crown jewels reached before the response took effect */
  tooLateFor: string[];
  timeline: TimelineEvent[];
  paths: AttackPath[];
  /** crown jewels the baseline reaches and policy blocks, with the denied hops */
  blocked: BlockedPair[];
  expectations: Expectation[];
  trend?: Trend;
}

export interface ScoredFigure extends Figure {
  previous?: number | null;
  trend?: Trend;
}

export interface GamedayReport {
  format: typeof GAMEDAY_FORMAT;
  at: string;
  inputs: { file: string; sha256: string }[];
  previous?: { at: string; report: string; goneScenarios: string[]; goneFigures: string[] };
  campaign: { scenarios: number; passed: number; pass: boolean };
  scenarios: ScenarioReport[];
  scorecard: ScoredFigure[];
  worstEntries: EstateEntry[];
  cut: MinimumCut;
}

export function inputHashes(inputs: readonly string[]): { file: string; sha256: string }[] {
  return [...listInputs(inputs).read]
    .map((file) => ({ file: relative(process.cwd(), file).split('\\').join('/'), sha256: createHash('sha256').update(readFileSync(file)).digest('hex') }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
}

export function scenarioReport(s: ScenarioResult): ScenarioReport {
  // Every node reached, by the hop that reached it where a crown-jewel path shows the hop.
  const hops = new Map<string, TimelineEvent>();
  for (const p of s.paths) {
    for (const h of p.hops) if (!hops.has(h.to)) hops.set(h.to, { minute: h.minutes, event: 'hop', text: `${h.from} -${h.kind}-> ${h.to}: ${h.reason}`, decisions: h.decisions });
  }
  for (const r of s.reached) {
    if (r.id !== s.entry && !hops.has(r.id)) hops.set(r.id, { minute: r.minutes, event: 'hop', text: `reached ${r.id} (${r.access === 'control' ? 'controls it' : 'over the network'})` });
  }
  const c = s.containment;
  const tooLateFor = c ? s.paths.filter((p) => p.minutes <= c.respondAt).map((p) => p.target) : [];
  const response: TimelineEvent[] = c
    ? [{ minute: c.respondAt, event: 'response', text: `${c.response} ${c.cut.length ? c.cut.join(', ') : '(nothing to cut)'}: ${c.contained ? 'contained' : `${c.reachedAfter.length} more node${c.reachedAfter.length === 1 ? '' : 's'} reached from footholds left in place`}${tooLateFor.length ? `; too late for ${tooLateFor.join(', ')}` : ''}` }]
    : [];
  const list = (ids: readonly string[]) => (ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', '));
  const actions: TimelineEvent[] = (s.playbook ?? []).map((a) => ({
    minute: a.at,
    event: 'response',
    text: `playbook: ${a.action} ${a.target}: ${a.cutOff.length ? `cut off ${list(a.cutOff)}` : 'cut off nothing the attacker would still reach'}${a.tooLateFor.length ? `; too late for ${list(a.tooLateFor)}` : ''}`,
  }));
  const timeline = [...[...hops.values()].sort(byTime).slice(0, MAX_EVENTS), ...response, ...actions].sort(byTime);
  return {
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    kind: s.kind,
    entry: s.entry,
    pass: s.pass,
    blastRadius: s.blastRadius,
    baseline: s.baseline,
    blockedPercent: s.blocked.percent,
    ...(c ? { containment: c } : {}),
    ...(s.playbook ? { playbook: s.playbook, playbookContainment: playbookContainment(s.reached, s.playbook) } : {}),
    tooLateFor,
    timeline,
    paths: s.paths,
    blocked: s.blocked.pairs,
    expectations: s.expectations,
  };
}

/** A timeline lists at most this many hops (an estate-wide foothold reaches thousands of nodes). */
const MAX_EVENTS = 200;
const byTime = (a: TimelineEvent, b: TimelineEvent) => a.minute - b.minute || (a.event === b.event ? (a.text < b.text ? -1 : a.text > b.text ? 1 : 0) : a.event === 'hop' ? -1 : 1);

const direction = (better: 'lower' | 'higher', before: number, after: number): Trend => (before === after ? 'same' : (after < before) === (better === 'lower') ? 'better' : 'worse');

/** Trends against the previous report: by figure id and scenario name. */
export function withTrend(report: GamedayReport, previous: GamedayReport, file: string): GamedayReport {
  const figures = new Map(previous.scorecard.map((f) => [f.id, f]));
  const scenarios = new Map(previous.scenarios.map((s) => [s.name, s]));
  return {
    ...report,
    previous: { at: previous.at, report: file, goneScenarios: previous.scenarios.map((s) => s.name).filter((n) => !report.scenarios.some((s) => s.name === n)), goneFigures: previous.scorecard.map((f) => f.id).filter((id) => !report.scorecard.some((f) => f.id === id)) },
    scorecard: report.scorecard.map((f) => {
      const p = figures.get(f.id);
      if (!p) return { ...f, trend: 'new' };
      if (p.value === null || f.value === null) return { ...f, previous: p.value, trend: p.value === f.value ? 'same' : 'new' };
      return { ...f, previous: p.value, trend: direction(f.better, p.value, f.value) };
    }),
    scenarios: report.scenarios.map((s) => {
      const p = scenarios.get(s.name);
      return { ...s, trend: p ? direction('lower', p.blastRadius.score, s.blastRadius.score) : 'new' };
    }),
  };
}
