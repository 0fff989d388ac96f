/**
 * A scenario's time model beyond one response: attacker minutes per ATT&CK technique over the
 * rules' defaults, and a defender playbook — actions at set minutes (revoke an identity,
 * quarantine a workload, rotate a secret, block the edges from one node to another). An action
 * takes its target away from that minute (TimeOptions.removedAt, blockedAt): the attacker
 * keeps what was reached before, loses what the target would have given later. Each action says what it cut off (reached without it, not with the
 * whole playbook) and which crown jewels it came too late for.
 */
import type { LateralGraph } from '../graph/types.js';
import type { CompactGraph } from '../engine/compact.js';
import { fastestTimes, type TimeOptions } from '../engine/times.js';
import { toMinutes } from '../model/duration.js';
import type { Scenario } from '../model/scenario-schema.js';
import { rule as connectRule } from '../rules/connect.js';
import type { OverlayBuild } from './overlay.js';

export interface PlaybookAction {
  at: number;
  action: 'revoke' | 'quarantine' | 'rotate' | 'block' | 'apply';
  /** the node taken away, `from -> to` for a block, the overlay file for an apply */
  target: string;
  /** nodes the attacker would reach without this action that the playbook keeps out of reach */
  cutOff: string[];
  /** crown jewels already reached when the action took effect */
  tooLateFor: string[];
}

const KIND: Record<Exclude<PlaybookAction['action'], 'block' | 'apply'>, string> = { revoke: 'identity', quarantine: 'workload', rotate: 'secret' };

/** An action resolved: a node to take away, or the edge positions to block. */
export interface Resolved {
  at: number;
  action: PlaybookAction['action'];
  target: string;
  /** a block's (or an apply's) edge positions it takes away in the compact graph */
  edges?: number[];
  /** an apply's edge positions that exist only once it is in force */
  opens?: number[];
}

/** The compact graph with the scenario's attacker minutes per technique. */
export function withMinutes(graph: LateralGraph, g: CompactGraph, minutes: Scenario['minutes']): CompactGraph {
  const by = new Map(Object.entries(minutes).map(([t, d]) => [t, toMinutes(d)]));
  if (by.size === 0) return g;
  const cost = g.cost.slice();
  const connect = by.get(connectRule.technique);
  for (let u = 0; u < g.ids.length; u++) {
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const key = g.edgeKeys[e];
      const m = key ? by.get(graph.getEdgeAttribute(key, 'technique')) : u < g.n && g.targets[e]! >= g.hubStart ? connect : undefined;
      if (m !== undefined) cost[e] = m;
    }
  }
  return { ...g, cost };
}

/** When the playbook's actions (all but the one at `skip`) take each node away and block each edge. */
export function actionTimes(g: CompactGraph, actions: readonly Resolved[], skip = -1): { removedAt: Float64Array; blockedAt: Float64Array; openedAt?: Float64Array } {
  const removedAt = new Float64Array(g.ids.length).fill(Infinity);
  const blockedAt = new Float64Array(g.targets.length).fill(Infinity);
  const opening = actions.some((a) => a.opens?.length);
  const openedAt = opening ? new Float64Array(g.targets.length) : undefined;
  actions.forEach((a, i) => {
    // An edge a change adds exists from its minute, and never without it.
    if (openedAt && a.opens) for (const e of a.opens) openedAt[e] = i === skip ? Infinity : a.at;
    if (i === skip) return;
    if (a.edges) for (const e of a.edges) blockedAt[e] = Math.min(blockedAt[e]!, a.at);
    else {
      const v = g.index.get(a.target)!;
      // A node and its network-reached shadow go together.
      for (const x of [v, g.n + v]) removedAt[x] = Math.min(removedAt[x]!, a.at);
    }
  });
  return { removedAt, blockedAt, ...(openedAt ? { openedAt } : {}) };
}

/** Resolves and checks the actions (`resolve` names a node, throwing a located error); sorted by time. */
export function playbookActions(graph: LateralGraph, g: CompactGraph, s: Scenario, resolve: (ref: string, index: number, field: 'target' | 'from' | 'to') => string, overlay?: OverlayBuild): Resolved[] {
  return s.playbook
    .map((a, i): Resolved => {
      if (a.action === 'apply') return { at: toMinutes(a.at), action: 'apply', target: a.overlay, edges: overlay!.blocks, opens: overlay!.opens };
      if (a.action === 'block') {
        const from = resolve(a.from, i, 'from');
        const to = resolve(a.to, i, 'to');
        const u = g.index.get(from)!;
        const edges: number[] = [];
        for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
          const key = g.edgeKeys[e];
          if (key && graph.target(key) === to) edges.push(e);
        }
        if (!edges.length) throw new PlaybookError(`no edge from ${from} to ${to} to block (a network hop joins endpoint classes, not pairs: apply a policy change instead)`, i, 'to');
        return { at: toMinutes(a.at), action: 'block', target: `${from} -> ${to}`, edges };
      }
      const target = resolve(a.target, i, 'target');
      const kind = graph.getNodeAttribute(target, 'kind');
      if (kind !== KIND[a.action]) throw new PlaybookError(`${a.action} takes ${KIND[a.action] === 'identity' ? 'an identity' : `a ${KIND[a.action]}`}; ${target} is ${kind === 'identity' ? 'an' : 'a'} ${kind}`, i, 'action');
      return { at: toMinutes(a.at), action: a.action, target };
    })
    .sort((a, b) => a.at - b.at || (a.target < b.target ? -1 : 1));
}

/** A playbook entry that names no node, or a node its action does not apply to. */
export class PlaybookError extends Error {
  constructor(
    message: string,
    readonly index: number,
    readonly field: 'target' | 'action' | 'from' | 'to',
  ) {
    super(message);
  }
}

/** What each action did, against the run with the whole playbook. */
export function playbookReport(g: CompactGraph, source: number, actions: readonly Resolved[], options: TimeOptions, isJewel: (v: number) => boolean): PlaybookAction[] {
  const all = fastestTimes(g, source, g.enforced, { ...options, ...actionTimes(g, actions) });
  const reached = (t: { dist: Float64Array }, v: number) => t.dist[v]! < Infinity || t.dist[g.n + v]! < Infinity;
  return actions.map((a, i) => {
    const without = fastestTimes(g, source, g.enforced, { ...options, ...actionTimes(g, actions, i) });
    const cutOff: string[] = [];
    const tooLateFor: string[] = [];
    for (let v = 0; v < g.n; v++) {
      if (v === source) continue;
      if (reached(without, v) && !reached(all, v)) cutOff.push(g.ids[v]!);
      if (isJewel(v) && Math.min(all.dist[v]!, all.dist[g.n + v]!) <= a.at) tooLateFor.push(g.ids[v]!);
    }
    return { at: a.at, action: a.action, target: a.target, cutOff, tooLateFor };
  });
}

/**
 * A playbook's containment: the first action after which the attacker reaches nothing new,
 * and the minutes from the playbook's first action (its detection) to it; `contained: false`
 * when nodes still fall after the last action.
 */
export function playbookContainment(reached: readonly { minutes: number }[], actions: readonly { at: number }[]): { contained: boolean; at?: number; timeToContain?: number } {
  const last = Math.max(0, ...reached.map((r) => r.minutes));
  const at = actions.find((a) => a.at >= last)?.at;
  return at === undefined || actions.length === 0 ? { contained: false } : { contained: true, at, timeToContain: at - actions[0]!.at };
}
