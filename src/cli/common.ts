import type { Argv } from 'yargs';
import { buildGraph, type BuildOptions, type Built } from '../graph/build.js';
import { loadModel } from '../ingest/index.js';
import { compact, type CompactGraph } from '../engine/compact.js';
import { UsageError } from '../model/errors.js';
import type { Model } from '../model/model.js';
import { today } from '../policy/context.js';
import { checkK8sVersion, DEFAULT_K8S_VERSION, K8S_VERSIONS } from '../policy/rbac/bootstrap/index.js';
import { unresolvedBindings } from '../policy/rbac/index.js';
import { unresolvedLine } from '../output/text.js';

export interface CommonArgs {
  inputs: string[];
  at?: string;
  'strict-conditions'?: boolean;
  pivot?: boolean;
  json?: boolean;
  'istio-root-namespace'?: string;
  'k8s-version'?: string;
}

/** Options every analysing command takes. */
export function withCommon<T>(y: Argv<T>) {
  return y
    .positional('inputs', { describe: 'topology files or directories (native YAML, Kubernetes, Istio, IAM exports)', type: 'string', array: true, demandOption: true })
    .option('at', { describe: 'evaluation date YYYY-MM-DD: exceptions expired before it grant nothing (default: today)', type: 'string' })
    .option('strict-conditions', { describe: 'treat conditional decisions (IAM Condition, Istio when) as deny instead of the worst case', type: 'boolean', default: false })
    .option('pivot', { describe: 'assume every service reached over the network is exploitable, so each allowed hop gives a foothold (worst case)', type: 'boolean', default: false })
    .option('istio-root-namespace', { describe: "Istio's root namespace: its selector-less policies apply mesh-wide", type: 'string', default: 'istio-system' })
    .option('k8s-version', { describe: `Kubernetes version whose default ClusterRoles (cluster-admin, view, system:node…) bindings may refer to; known: ${K8S_VERSIONS.join(', ')}`, type: 'string', default: DEFAULT_K8S_VERSION })
    .option('json', { describe: 'print the result as JSON (the stable contract)', type: 'boolean', default: false });
}

export interface Loaded {
  model: Model;
  built: Built;
  g: CompactGraph;
  at: string;
}

/** Ingest → build → compact, with progress on stderr when it is a terminal and skip warnings. */
export function load(args: CommonArgs): Loaded {
  const { model, built, at } = loadBuilt(args);
  const tty = process.stderr.isTTY;
  if (tty) process.stderr.write(`connecting ${built.edges.toLocaleString('en-US')} edges (counted per pair) through class hubs…`);
  const g = compact(built.graph, { strictConditions: args['strict-conditions'], pivot: args.pivot }, built.connect);
  if (tty) process.stderr.write('\r\x1b[K');
  return { model, built, g, at };
}

/** Ingest → build, for commands that read the graph itself rather than walk it. */
export function loadBuilt(args: CommonArgs): Omit<Loaded, 'g'> {
  const at = args.at ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(at) || Number.isNaN(Date.parse(at))) throw new UsageError(`--at: expected a date YYYY-MM-DD, got "${at}"`);
  if (args['k8s-version'] !== undefined) checkK8sVersion(args['k8s-version']);
  const tty = process.stderr.isTTY;
  const model = loadModel(args.inputs, {
    onFile: tty ? (file, done, total, docs) => process.stderr.write(`\r\x1b[Kreading ${done}/${total} (${docs} document${docs === 1 ? '' : 's'}) ${file}`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  warnSkipped(model);
  const built = buildGraph(model, {
    at,
    ...buildOptions(args),
    ...(tty ? { onProgress: (step: string, done: number, total: number) => process.stderr.write(`\r\x1b[Kbuilding ${done + 1}/${total}: ${step}`) } : {}),
  });
  if (tty) process.stderr.write('\r\x1b[K');
  const unresolved = unresolvedBindings(built.ctx);
  if (unresolved.length) process.stderr.write(`lateral: ${unresolvedLine(unresolved)}\n`);
  return { model, built, at };
}

/** The graph options the shared flags set, for every build of the inputs (scenario rebuilds too). */
export function buildOptions(args: CommonArgs): Pick<BuildOptions, 'istioRootNamespace' | 'k8sVersion'> {
  return {
    ...(args['istio-root-namespace'] ? { istioRootNamespace: args['istio-root-namespace'] } : {}),
    ...(args['k8s-version'] ? { k8sVersion: args['k8s-version'] } : {}),
  };
}

const MAX_SKIP_LINES = 20;

function warnSkipped(model: Model): void {
  const skipped = model.skipped;
  if (skipped.length === 0) return;
  process.stderr.write(`lateral: skipped ${skipped.length} document${skipped.length === 1 ? '' : 's'}\n`);
  for (const s of skipped.slice(0, MAX_SKIP_LINES)) {
    process.stderr.write(`  ${s.file}${s.line ? `:${s.line}` : ''}: doc ${s.doc}${s.kind ? ` (${s.kind})` : ''}: ${s.reason}\n`);
  }
  if (skipped.length > MAX_SKIP_LINES) process.stderr.write(`  … and ${skipped.length - MAX_SKIP_LINES} more (lateral graph --json lists them all)\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
