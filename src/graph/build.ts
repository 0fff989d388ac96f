import graphology from 'graphology';
import type { Model, Source } from '../model/model.js';
import { PolicyContext, today } from '../policy/context.js';
import { RULES } from '../rules/index.js';
import type { Finding, Rule } from '../rules/rule.js';
import type { LateralGraph, NodeAttrs } from './types.js';
import { connectClasses, type ConnectClasses } from '../engine/connect/classes.js';
import { defaultTiers } from '../tiers/index.js';

const { MultiDirectedGraph } = graphology;

export interface BuildOptions {
  /** Evaluation date (YYYY-MM-DD); defaults to today. */
  at?: string;
  istioRootNamespace?: string;
  /** Kubernetes version of the default ClusterRoles (default: the latest encoded). */
  k8sVersion?: string;
  rules?: readonly Rule[];
  /** Build connect hops as one edge per (workload, workload, port), as the rule lists them: quadratic, for small inputs and tests. */
  expandConnect?: boolean;
  /**
   * A build of the same model but for workloads added (a rogue): its workload-independent
   * rules' findings are taken as they are instead of found again, and one added workload
   * that listens on no port joins its endpoint classes as a source (ConnectClasses.withSource).
   */
  reuse?: Pick<Built, 'findings' | 'connect'>;
  /** Give nodes without a tier of their own the default tier of src/tiers (default: true). */
  defaultTiers?: boolean;
  /** Told what is being built: each rule, then the endpoint classes. */
  onProgress?: (step: string, done: number, total: number) => void;
}

export interface Built {
  /** every node, and every edge but the grouped connect hops */
  graph: LateralGraph;
  ctx: PolicyContext;
  /** connect hops by endpoint class; absent when the rules built do not include connect */
  connect?: ConnectClasses;
  /** edges counted per pair, connect hops included */
  edges: number;
  /** each rule's findings, sorted, by rule id */
  findings: ReadonlyMap<string, readonly Finding[]>;
}

/**
 * Builds the reachability graph: one node per model object, one edge per rule finding, and
 * the network hops by endpoint class.
 * Nodes and edges are inserted in sorted order with deterministic keys, so the same model
 * always yields the same graph whatever order its files were read in.
 */
export function buildGraph(model: Model, options: BuildOptions = {}): Built {
  const ctx = new PolicyContext(model, {
    at: options.at ?? today(),
    ...(options.istioRootNamespace ? { istioRootNamespace: options.istioRootNamespace } : {}),
    ...(options.k8sVersion ? { k8sVersion: options.k8sVersion } : {}),
  });
  const graph: LateralGraph = new MultiDirectedGraph<NodeAttrs, never>() as unknown as LateralGraph;
  const nodes: [string, NodeAttrs][] = [
    ...model.workloads.map((w): [string, NodeAttrs] => [w.id, { kind: 'workload', name: w.name, type: w.kind, namespace: w.namespace, owner: w.owner, tier: w.tier, labels: w.labels, source: src(w.source) }]),
    ...model.identities.map((i): [string, NodeAttrs] => [i.id, { kind: 'identity', name: i.name, type: i.kind, owner: i.owner, tier: i.tier, credential: i.credential, source: src(i.source) }]),
    ...model.resources.map((r): [string, NodeAttrs] => [r.id, { kind: r.type === 'secret' ? 'secret' : 'resource', name: r.name, type: r.type, namespace: r.namespace, owner: r.owner, tier: r.tier, source: src(r.source) }]),
    ...model.pipelines.map((p): [string, NodeAttrs] => [p.id, { kind: 'pipeline', name: p.name, type: 'pipeline', owner: p.owner, tier: p.tier, source: src(p.source) }]),
  ];
  nodes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const defaults = options.defaultTiers === false ? undefined : defaultTiers(model, ctx);
  for (const [id, attrs] of nodes) {
    const given = attrs.tier === undefined ? defaults?.get(id) : undefined;
    graph.addNode(id, prune(given ? { ...attrs, tier: given.tier, tierReason: given.reason } : attrs));
  }

  const rules = options.rules ?? RULES;
  const found = new Map<string, readonly Finding[]>();
  for (const [i, rule] of rules.entries()) {
    if (rule.grouped && !options.expandConnect) continue;
    options.onProgress?.(`rule ${rule.id}`, i, rules.length + 1);
    const reused = rule.workloadIndependent ? options.reuse?.findings.get(rule.id) : undefined;
    const findings =
      reused ??
      rule.find(model, ctx).sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || (a.port ?? 0) - (b.port ?? 0) || cmp(a.protocol ?? '', b.protocol ?? ''));
    found.set(rule.id, findings);
    for (const f of findings) {
      for (const end of [f.from, f.to]) {
        if (!graph.hasNode(end)) throw new Error(`lateral: rule ${rule.id} found an edge to unknown node "${end}"`);
      }
      const base = `${rule.id}:${f.from}->${f.to}${f.port !== undefined ? `:${f.port}/${f.protocol ?? 'TCP'}` : ''}`;
      let key = base;
      for (let n = 2; graph.hasEdge(key); n++) key = `${base}#${n}`;
      graph.addDirectedEdgeWithKey(key, f.from, f.to, {
        kind: rule.edgeKind,
        rule: rule.id,
        technique: rule.technique,
        reason: f.reason,
        decisions: f.decisions,
        cost: f.cost ?? rule.cost,
        ...(f.port !== undefined ? { port: f.port, protocol: f.protocol ?? 'TCP' } : {}),
        ...(f.actions ? { actions: f.actions } : {}),
        ...(f.pivot ? { pivot: true } : {}),
      });
    }
  }
  options.onProgress?.('endpoint classes', rules.length, rules.length + 1);
  const connect = !options.expandConnect && rules.some((r) => r.grouped) ? (extraSource(model, options.reuse?.connect, ctx) ?? connectClasses(model.workloads, ctx)) : undefined;
  return { graph, ctx, ...(connect ? { connect } : {}), edges: graph.size + (connect?.pairs ?? 0), findings: found };
}

/** The reused classes with the one workload the model adds, when it adds one that listens on no port. */
function extraSource(model: Model, base: ConnectClasses | undefined, ctx: PolicyContext): ConnectClasses | undefined {
  if (!base || model.workloads.length !== base.workloads.length + 1) return undefined;
  const known = new Set(base.workloads.map((w) => w.id));
  const added = model.workloads.filter((w) => !known.has(w.id));
  return added.length === 1 && added[0]!.ports.length === 0 ? base.withSource(added[0]!, ctx) : undefined;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function src(s: Source | undefined): NodeAttrs['source'] {
  return s ? { file: s.file, doc: s.doc } : undefined;
}

function prune<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
