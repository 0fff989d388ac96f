/**
 * A playbook's `apply`: a policy change, written as native-format policies, that takes effect
 * at a minute. The estate is built twice — as it is and with the change — with network hops
 * expanded per workload pair, so both builds name every edge by the same key; the union of
 * the two graphs is what the attacker moves on, each edge the change removes blocked from the
 * minute, each one it adds usable only from then (TimeOptions.blockedAt, openedAt).
 */
import { dirname, resolve } from 'node:path';
import { buildGraph, type BuildOptions } from '../graph/build.js';
import type { LateralGraph } from '../graph/types.js';
import { compact, type CompactGraph } from '../engine/compact.js';
import { loadModel } from '../ingest/index.js';
import { InputError } from '../model/errors.js';
import type { Model } from '../model/model.js';
import { blocks } from '../policy/decision.js';

/** Per-pair network hops are quadratic: an overlay is for game-day-sized estates. */
export const MAX_OVERLAY_WORKLOADS = 2_000;

export interface OverlayBuild {
  graph: LateralGraph;
  g: CompactGraph;
  /** edge positions in `g` the change takes away, and those it makes traversable */
  blocks: number[];
  opens: number[];
}

/** The overlay file's policies, read on their own; anything but policies is refused with the reason. */
export function readOverlay(file: string, scenarioFile: string): Model['native']['policies'] {
  const path = resolve(dirname(scenarioFile), file);
  const m = loadModel([path]);
  const other = [m.workloads, m.identities, m.resources, m.pipelines, m.native.grants, m.native.trust, m.native.exceptions, m.k8s.networkPolicies, m.k8s.authorizationPolicies].some((x) => x.length > 0);
  if (other || m.native.policies.length === 0) throw new InputError([{ file: path, path: '', message: 'an overlay holds native `policies:` only (a deny, a narrowed allow), naming workloads by selector (`{ namespace, labels }`): the change a defender applies' }]);
  return m.native.policies;
}

export function overlayBuild(model: Model, policies: Model['native']['policies'], options: BuildOptions & { strictConditions?: boolean; pivot?: boolean }): OverlayBuild {
  const build = { ...options, expandConnect: true };
  const before = buildGraph(model, build).graph;
  const after = buildGraph({ ...model, native: { ...model.native, policies: [...model.native.policies, ...policies] } }, build).graph;
  const strict = options.strictConditions ?? false;
  const open = (decisions: { decision: string }[]) => !decisions.some((d) => blocks(d as never, strict));
  const graph = before.copy() as LateralGraph;
  const blocked = new Set<string>();
  const opened = new Set<string>();
  graph.forEachEdge((key, a) => {
    if (!open(a.decisions)) return;
    if (!after.hasEdge(key) || !open(after.getEdgeAttributes(key).decisions)) blocked.add(key);
  });
  after.forEachEdge((key, a, source, target) => {
    if (!open(a.decisions)) return;
    if (!graph.hasEdge(key)) {
      graph.addEdgeWithKey(key, source, target, a);
      opened.add(key);
    } else if (!open(graph.getEdgeAttributes(key).decisions)) {
      graph.replaceEdgeAttributes(key, a);
      opened.add(key);
    }
  });
  const g = compact(graph, { strictConditions: strict, ...(options.pivot ? { pivot: true } : {}) });
  const positions = (keys: Set<string>) => g.edgeKeys.flatMap((k, e) => (k && keys.has(k) ? [e] : []));
  return { graph, g, blocks: positions(blocked), opens: positions(opened) };
}
