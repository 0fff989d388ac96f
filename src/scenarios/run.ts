import { buildGraph, type Built } from '../graph/build.js';
import { resolveNodeRef } from '../graph/resolve.js';
import type { LateralGraph, NodeKind } from '../graph/types.js';
import { toMinutes } from '../model/duration.js';
import { InputError, UsageError, type Problem } from '../model/errors.js';
import { formatPath, type PathSegment } from '../ingest/parse.js';
import type { Model, Workload } from '../model/model.js';
import type { Scenario } from '../model/scenario-schema.js';
import { analyzeEntry } from '../engine/analyze.js';
import { compact, type CompactGraph } from '../engine/compact.js';
import { contain, type Containment } from '../engine/contain.js';
import type { EntryResult } from '../engine/results.js';
import { fastestTimes } from '../engine/times.js';
import type { LoadedScenario } from './load.js';
import { article } from '../model/words.js';
import { MAX_OVERLAY_WORKLOADS, overlayBuild, readOverlay, type OverlayBuild } from './overlay.js';
import { actionTimes, playbookActions, PlaybookError, playbookReport, withMinutes, type PlaybookAction } from './playbook.js';

export interface RunOptions {
  at: string;
  strictConditions?: boolean;
  pivot?: boolean;
  istioRootNamespace?: string;
  k8sVersion?: string;
  /** false: no default tiers (BuildOptions.defaultTiers) */
  defaultTiers?: boolean;
  /** Build connect hops per workload pair (the quadratic oracle; see BuildOptions.expandConnect). */
  expandConnect?: boolean;
}

export interface Expectation {
  check: 'max-blast-radius' | 'must-not-reach' | 'min-blocked-percent';
  expected: number | string;
  actual: number | string;
  pass: boolean;
}

export interface CredentialWindow {
  credential: 'short-lived' | 'static';
  /** minutes a stolen short-lived token stays usable; absent for static keys */
  ttlMinutes?: number;
  ageDays?: number;
}

export interface ScenarioResult extends EntryResult {
  name: string;
  description?: string;
  kind: Scenario['attack']['kind'];
  file: string;
  window?: CredentialWindow;
  containment?: Containment;
  /** the playbook's actions in time order, each with what it cut off and what it was too late for */
  playbook?: PlaybookAction[];
  expectations: Expectation[];
  pass: boolean;
}

export interface Prepared {
  graph: LateralGraph;
  g: CompactGraph;
  /** the build's findings by rule and endpoint classes, which a rogue's build reuses */
  findings?: Built['findings'];
  connect?: Built['connect'];
}

/**
 * Runs each scenario against the model: on `base` (or one build of the model), and each
 * rogue workload on a build of its own with the rogue added — a rogue changes more than its
 * own edges (its service account's token lands on its node), so rogues are not shared. That
 * build takes the base build's findings of rules that read no workload.
 */
export function runScenarios(model: Model, scenarios: readonly LoadedScenario[], options: RunOptions, base?: Prepared): ScenarioResult[] {
  const prepare = (m: Model, reuse?: Prepared): Prepared => {
    const built = buildGraph(m, {
      at: options.at,
      expandConnect: options.expandConnect,
      ...(options.istioRootNamespace ? { istioRootNamespace: options.istioRootNamespace } : {}),
      ...(options.k8sVersion ? { k8sVersion: options.k8sVersion } : {}),
      ...(options.defaultTiers === false ? { defaultTiers: false } : {}),
      ...(reuse?.findings ? { reuse: { findings: reuse.findings, connect: reuse.connect } } : {}),
    });
    const { graph, connect, findings } = built;
    return { graph, g: compact(graph, { strictConditions: options.strictConditions, pivot: options.pivot }, connect), findings, ...(connect ? { connect } : {}) };
  };
  let shared = base;
  const baseGraph = () => (shared ??= prepare(model));
  const problems: Problem[] = [];
  const results: ScenarioResult[] = [];
  for (const loaded of scenarios) {
    try {
      if (loaded.scenario.attack.kind === 'rogue-workload') {
        const rogue = rogueWorkload(model, loaded.scenario.attack, baseGraph().graph);
        const withRogue = addRogue(model, rogue);
        results.push(runOne(loaded, prepare(withRogue, baseGraph()), rogue.id, options, withRogue));
      } else {
        const prepared = baseGraph();
        results.push(runOne(loaded, prepared, entryOf(model, prepared.graph, loaded.scenario), options, model));
      }
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      const path: PathSegment[] = err instanceof ScenarioRefError ? err.path : ['attack'];
      problems.push({ file: loaded.file, line: loaded.lineOf?.(path), path: formatPath(path), message: err.message });
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return results;
}

class ScenarioRefError extends UsageError {
  constructor(
    message: string,
    readonly path: PathSegment[],
  ) {
    super(message);
  }
}

function resolveAs(model: Model, graph: LateralGraph, ref: string, kind: NodeKind, path: PathSegment[]): string {
  let id: string;
  try {
    id = resolveNodeRef(graph, model, ref);
  } catch (err) {
    throw new ScenarioRefError((err as Error).message, path);
  }
  const actual = graph.getNodeAttribute(id, 'kind');
  if (actual !== kind) throw new ScenarioRefError(`"${ref}" is ${article(actual)}, not ${article(kind)}`, path);
  return id;
}

function entryOf(model: Model, graph: LateralGraph, s: Scenario): string {
  const a = s.attack;
  switch (a.kind) {
    case 'stolen-token':
      return resolveAs(model, graph, a.identity, 'identity', ['attack', 'identity']);
    case 'compromised-workload':
      return resolveAs(model, graph, a.workload, 'workload', ['attack', 'workload']);
    case 'poisoned-pipeline':
      return resolveAs(model, graph, a.pipeline, 'pipeline', ['attack', 'pipeline']);
    case 'rogue-workload':
      throw new Error('lateral: rogue workloads are added to the model, not resolved');
  }
}

/** A representative peer: a pod that does not exist yet but matches the policies' selectors. */
function rogueWorkload(model: Model, a: Extract<Scenario['attack'], { kind: 'rogue-workload' }>, graph: LateralGraph): Workload {
  const identities = a.identity ? [resolveAs(model, graph, a.identity, 'identity', ['attack', 'identity'])] : [];
  const rogue: Workload = {
    id: `${a.namespace}/${a.name}`,
    name: a.name,
    namespace: a.namespace,
    kind: 'rogue',
    labels: a.labels,
    identities,
    ports: [],
    isolation: {},
  };
  if (model.workloads.some((w) => w.id === rogue.id)) throw new ScenarioRefError(`a workload ${rogue.id} already exists; give the rogue another name`, ['attack', 'name']);
  return rogue;
}

/** The model with `rogue` in it, as a pod of its namespace where there is a cluster. */
export function addRogue(model: Model, rogue: Workload): Model {
  if (model.k8s.workloads.size === 0) return { ...model, workloads: [...model.workloads, rogue] };
  // In a cluster the rogue is a pod like any other: injected with a sidecar where its
  // namespace injects, presenting its service account as its mesh identity.
  const serviceAccount = rogue.identities.find((id) => id.startsWith('system:serviceaccount:')) ?? `system:serviceaccount:${rogue.namespace}:default`;
  const workloads = new Map(model.k8s.workloads);
  workloads.set(rogue.id, { serviceAccount, annotations: {}, security: { privileged: false, hostPID: false, hostIPC: false, hostNetwork: false, hostPaths: [], capabilities: [] }, secrets: [] });
  return { ...model, workloads: [...model.workloads, rogue], k8s: { ...model.k8s, workloads } };
}

function runOne(loaded: LoadedScenario, prepared: Prepared, entry: string, options: RunOptions, model: Model): ScenarioResult {
  const s = loaded.scenario;
  const overlay = overlayOf(loaded, model, options);
  const graph = overlay?.graph ?? prepared.graph;
  const g = withMinutes(graph, overlay?.g ?? prepared.g, s.minutes);
  const window = credentialWindow(graph, s, entry);
  const timeOptions = window?.ttlMinutes !== undefined ? { sourceWindow: window.ttlMinutes } : {};
  let actions: ReturnType<typeof playbookActions>;
  try {
    actions = playbookActions(graph, g, s, (ref, i, field) => {
      try {
        return resolveNodeRef(graph, model, ref);
      } catch (err) {
        throw new PlaybookError((err as Error).message, i, field);
      }
    }, overlay);
  } catch (err) {
    if (!(err instanceof PlaybookError)) throw err;
    throw new ScenarioRefError(err.message, ['playbook', err.index, err.field]);
  }
  const playbookOptions = actions.length ? actionTimes(g, actions) : {};
  const result = analyzeEntry(graph, g, entry, { ...timeOptions, ...playbookOptions, strictConditions: options.strictConditions });
  const playbook = actions.length ? playbookReport(g, g.index.get(entry)!, actions, timeOptions, (v) => g.tier[v] === 0) : undefined;

  let containment: Containment | undefined;
  if (s.defence) {
    const respondAt = toMinutes(s.defence['detect-after']) + toMinutes(s.defence['respond-after']);
    const source = g.index.get(entry)!;
    const times = fastestTimes(g, source, g.enforced, { ...timeOptions, ...playbookOptions });
    const kinds = g.ids.slice(0, g.n).map((id) => graph.getNodeAttribute(id, 'kind'));
    containment = contain(g, kinds, source, times, g.enforced, respondAt, s.defence.respond);
  }

  const expectations: Expectation[] = [];
  const e = s.expect;
  if (e['max-blast-radius'] !== undefined) {
    const actual = result.blastRadius.score;
    expectations.push({ check: 'max-blast-radius', expected: e['max-blast-radius'], actual, pass: actual <= e['max-blast-radius'] });
  }
  const reached = new Set(result.reached.map((r) => r.id));
  e['must-not-reach'].forEach((ref, i) => {
    let id: string;
    try {
      id = resolveNodeRef(graph, model, ref);
    } catch (err) {
      throw new ScenarioRefError((err as Error).message, ['expect', 'must-not-reach', i]);
    }
    expectations.push({ check: 'must-not-reach', expected: id, actual: reached.has(id) ? 'reached' : 'not reached', pass: !reached.has(id) });
  });
  if (e['min-blocked-percent'] !== undefined) {
    const actual = result.blocked.percent;
    expectations.push({ check: 'min-blocked-percent', expected: e['min-blocked-percent'], actual, pass: actual >= e['min-blocked-percent'] });
  }

  return {
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    kind: s.attack.kind,
    file: loaded.file,
    ...result,
    ...(window ? { window } : {}),
    ...(containment ? { containment } : {}),
    ...(playbook ? { playbook } : {}),
    expectations,
    pass: expectations.every((x) => x.pass),
  };
}

/** The estate with and without a playbook's policy change, when it has one (one per scenario). */
function overlayOf(loaded: LoadedScenario, model: Model, options: RunOptions): OverlayBuild | undefined {
  const applies = loaded.scenario.playbook.flatMap((a, i) => (a.action === 'apply' ? [{ a, i }] : []));
  if (applies.length === 0) return undefined;
  const where = (i: number, message: string) => new ScenarioRefError(message, ['playbook', i, 'overlay']);
  if (applies.length > 1) throw where(applies[1]!.i, 'one policy change (apply) per scenario: put the policies of both in one overlay file');
  if (model.workloads.length > MAX_OVERLAY_WORKLOADS) throw where(applies[0]!.i, `apply builds network hops per workload pair: up to ${MAX_OVERLAY_WORKLOADS.toLocaleString('en-US')} workloads, and this estate has ${model.workloads.length.toLocaleString('en-US')}`);
  const { a } = applies[0]!;
  if (a.action !== 'apply') return undefined;
  return overlayBuild(model, readOverlay(a.overlay, loaded.file), {
    at: options.at,
    ...(options.istioRootNamespace ? { istioRootNamespace: options.istioRootNamespace } : {}),
    ...(options.k8sVersion ? { k8sVersion: options.k8sVersion } : {}),
    ...(options.defaultTiers === false ? { defaultTiers: false } : {}),
    ...(options.strictConditions ? { strictConditions: true } : {}),
    ...(options.pivot ? { pivot: true } : {}),
  });
}

/** A stolen token's lifetime bounds the hops made with it: its TTL, or unbounded for a static key. */
function credentialWindow(graph: LateralGraph, s: Scenario, entry: string): CredentialWindow | undefined {
  if (s.attack.kind !== 'stolen-token') return undefined;
  const cred = graph.getNodeAttribute(entry, 'credential');
  if (!cred) return undefined;
  return cred.type === 'short-lived' ? { credential: 'short-lived', ttlMinutes: cred.ttlMinutes } : { credential: 'static', ...(cred.ageDays !== undefined ? { ageDays: cred.ageDays } : {}) };
}
