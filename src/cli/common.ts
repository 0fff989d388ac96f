import { existsSync } from 'node:fs';
import type { Argv } from 'yargs';
import { present, textOptions } from '../output/terminal.js';
import { buildGraph, type BuildOptions, type Built } from '../graph/build.js';
import { loadModel } from '../ingest/index.js';
import { GRAPH_FORMAT } from '../graph/json.js';
import { compact, type CompactGraph } from '../engine/compact.js';
import { UsageError } from '../model/errors.js';
import type { Model } from '../model/model.js';
import { today } from '../policy/context.js';
import { checkK8sVersion, DEFAULT_K8S_VERSION, K8S_VERSIONS } from '../policy/rbac/bootstrap/index.js';
import { unresolvedBindings } from '../policy/rbac/index.js';
import { unresolvedLine } from '../output/text.js';
import { skipSummary } from '../output/skip-summary.js';
import { checkAction, describeCheck, referenceName } from '../policy/iam/reference.js';
import { unknownActions, type UnknownActionWarning } from '../policy/iam/unknown-actions.js';
import { inertPolicies, type InertPolicyWarning } from '../policy/inert/index.js';
import { ciWarnings, type CiWarning } from '../policy/ci/findings.js';
import type { AwsNote } from '../model/aws.js';
import type { IacOptions } from '../ingest/context.js';

/** What loading warns about, each with a stable `kind`: unknown IAM actions, policies that enforce nothing, then CI findings. */
export type LoadWarning = UnknownActionWarning | InertPolicyWarning | CiWarning | AwsNote;

export interface CommonArgs {
  inputs: string[];
  at?: string;
  'strict-conditions'?: boolean;
  pivot?: boolean;
  json?: boolean;
  verbose?: boolean;
  'istio-root-namespace'?: string;
  'k8s-version'?: string;
  'default-tiers'?: boolean;
  repo?: string[];
  account?: string;
  region?: string;
  'cfn-param'?: string[];
  'plan-side'?: 'before' | 'after';
}

/** Options every analysing command takes. */
export function withCommon<T>(y: Argv<T>) {
  return y
    .positional('inputs', { describe: 'topology files or directories (native YAML, Kubernetes, Istio, IAM exports, GitHub Actions, GitLab CI)', type: 'string', array: true, demandOption: true })
    .option('at', { describe: 'evaluation date YYYY-MM-DD: an exception grants only from its created through its expires day (default: today)', type: 'string' })
    .option('strict-conditions', { describe: 'treat conditional decisions (IAM Condition, Istio when) as deny instead of the worst case', type: 'boolean', default: false })
    .option('pivot', { describe: 'assume every service reached over the network is exploitable, so each allowed hop gives a foothold (worst case)', type: 'boolean', default: false })
    .option('istio-root-namespace', { describe: "Istio's root namespace: its selector-less policies apply mesh-wide", type: 'string', default: 'istio-system' })
    .option('k8s-version', { describe: `Kubernetes version whose default ClusterRoles (cluster-admin, view, system:node…) bindings may refer to; known: ${K8S_VERSIONS.join(', ')}`, type: 'string', default: DEFAULT_K8S_VERSION })
    .option('default-tiers', {
      describe: 'make Kubernetes nodes, cluster-admin-equivalent identities, kube-system Secrets, tokens of tier-0 identities and AWS administrators tier 0 where no tier is given (--no-default-tiers: only the tiers the inputs give)',
      type: 'boolean',
      default: true,
    })
    .option('repo', {
      describe: 'NAME=PATH: the repository whose folder is PATH (holding .github/workflows or .gitlab-ci.yml) is NAME (owner/name; GitLab group/project), over its sidecar and folder name; repeatable',
      type: 'string',
      array: true,
    })
    .option('account', { describe: 'the AWS account (12 digits) of objects a Terraform plan or CloudFormation template declares when it does not say itself (CloudFormation: AWS::AccountId); default: the one account of the IAM exports, else 000000000000', type: 'string' })
    .option('region', { describe: "CloudFormation's AWS::Region (default us-east-1)", type: 'string' })
    .option('cfn-param', { describe: 'NAME=VALUE: a CloudFormation template parameter, over its Default; repeatable (a parameter with no Default must be given)', type: 'string', array: true })
    .option('plan-side', { describe: 'which side of a Terraform plan to read: after (what applying it leaves) or before (the state it starts from, the base of a diff)', choices: ['before', 'after'] as const, default: 'after' as const })
    .option('json', { describe: 'print the result as JSON (the stable contract)', type: 'boolean', default: false })
    .option('verbose', { describe: 'list every skipped document and every warning on stderr, not a count per kind and the first three', type: 'boolean', default: false });
}

export interface Loaded {
  model: Model;
  built: Built;
  g: CompactGraph;
  at: string;
  /** Said on stderr already; JSON outputs carry them too (`jsonOutput`). */
  warnings: LoadWarning[];
}

/** Ingest → build → compact, with progress on stderr when it is a terminal and skip warnings (none when `quiet`). */
export async function load(args: CommonArgs, quiet = false): Promise<Loaded> {
  const { model, built, at, warnings } = await loadBuilt(args, quiet);
  const tty = process.stderr.isTTY;
  if (tty) process.stderr.write(`connecting ${built.edges.toLocaleString('en-US')} edges (counted per pair) through class hubs…`);
  const g = compact(built.graph, { strictConditions: args['strict-conditions'], pivot: args.pivot }, built.connect);
  if (tty) process.stderr.write('\r\x1b[K');
  return { model, built, g, at, warnings };
}

/** `--account`, `--region`, `--cfn-param NAME=VALUE`, `--plan-side`, checked. */
export function iacOptions(args: CommonArgs): Partial<IacOptions> {
  if (args.account !== undefined && !/^\d{12}$/.test(args.account)) throw new UsageError(`--account: expected 12 digits, got "${args.account}"`);
  const parameters: Record<string, string> = {};
  for (const o of args['cfn-param'] ?? []) {
    const m = /^([A-Za-z0-9]+)=(.*)$/s.exec(o);
    if (!m) throw new UsageError(`--cfn-param: expected NAME=VALUE (NAME alphanumeric, as CloudFormation parameter names are), got "${o}"`);
    parameters[m[1]!] = m[2]!;
  }
  return { ...(args.account ? { account: args.account } : {}), ...(args.region ? { region: args.region } : {}), parameters, planSide: args['plan-side'] ?? 'after' };
}

/** `--repo NAME=PATH` options as NAME → PATH. */
export function repositoryNames(options: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of options) {
    const m = /^([\w.-]+(?:\/[\w.-]+)+)=(.+)$/.exec(o);
    if (!m) throw new UsageError(`--repo: expected NAME=PATH with NAME as owner/name (GitLab: group/project), got "${o}"`);
    if (!existsSync(m[2]!)) throw new UsageError(`--repo ${m[1]}: no such folder ${m[2]}`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** Ingest → build, for commands that read the graph itself rather than walk it; `quiet` says nothing of skips and warnings. */
export async function loadBuilt(args: CommonArgs, quiet = false): Promise<Omit<Loaded, 'g'>> {
  const at = args.at ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(at) || Number.isNaN(Date.parse(at))) throw new UsageError(`--at: expected a date YYYY-MM-DD, got "${at}"`);
  if (args['k8s-version'] !== undefined) checkK8sVersion(args['k8s-version']);
  const tty = process.stderr.isTTY;
  const model = loadModel(args.inputs, {
    repositories: repositoryNames(args.repo ?? []),
    iac: iacOptions(args),
    onFile: tty ? (file, done, total, docs) => process.stderr.write(`\r\x1b[Kreading ${done}/${total} (${docs} document${docs === 1 ? '' : 's'}) ${file}`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  const verbose = args.verbose ?? false;
  if (!quiet) for (const line of skipSummary(model.skipped, verbose)) process.stderr.write(`${line}\n`);
  const unknown = await unknownActions(model.aws);
  if (!quiet) await warnUnknownActions(unknown, verbose);
  const built = buildGraph(model, {
    at,
    ...buildOptions(args),
    ...(tty ? { onProgress: (step: string, done: number, total: number) => process.stderr.write(`\r\x1b[Kbuilding ${done + 1}/${total}: ${step}`) } : {}),
  });
  if (tty) process.stderr.write('\r\x1b[K');
  const unresolved = unresolvedBindings(built.ctx);
  const inert = inertPolicies(built.ctx);
  const ci = ciWarnings(model);
  if (!quiet) {
    if (unresolved.length) process.stderr.write(`lateral: ${unresolvedLine(unresolved)}\n`);
    warnInertPolicies(inert, verbose);
    warnCi(ci, verbose);
    warnIac(model.aws.notes, verbose);
  }
  return { model, built, at, warnings: [...unknown, ...inert, ...ci, ...model.aws.notes] };
}

/** The graph options the shared flags set, for every build of the inputs (scenario rebuilds too). */
export function buildOptions(args: CommonArgs): Pick<BuildOptions, 'istioRootNamespace' | 'k8sVersion' | 'defaultTiers'> {
  return {
    ...(args['default-tiers'] === false ? { defaultTiers: false } : {}),
    ...(args['istio-root-namespace'] ? { istioRootNamespace: args['istio-root-namespace'] } : {}),
    ...(args['k8s-version'] ? { k8sVersion: args['k8s-version'] } : {}),
  };
}

/** Warnings listed before the answer by default: enough to see what kind they are; --verbose lists every one. */
const WARNING_LINES = 3;

function listed<T>(items: readonly T[], verbose: boolean, line: (item: T) => string): void {
  const shown = verbose ? items : items.slice(0, WARNING_LINES);
  for (const item of shown) process.stderr.write(`  ${line(item)}\n`);
  if (items.length > shown.length) process.stderr.write(`  … and ${items.length - shown.length} more (--verbose lists them, --json has them under warnings)\n`);
}

async function warnUnknownActions(warnings: readonly UnknownActionWarning[], verbose: boolean): Promise<void> {
  if (warnings.length === 0) return;
  const n = warnings.length;
  process.stderr.write(`lateral: warning: ${n} IAM action${n === 1 ? '' : 's'} unknown to the service reference (${await referenceName()}): misspelt, or newer than it\n`);
  const short = (id: string) => id.replace(/^arn:aws[a-z-]*:iam::\d{12}:/, '');
  listed(warnings, verbose, (w) => {
    const more = w.in.length > 1 ? ` and ${w.in.length - 1} more` : '';
    const hint = w.suggestions.length ? `; did you mean ${w.suggestions.join(', ')}?` : '';
    return `${w.why} in ${short(w.in[0]!)}${more}${hint}`;
  });
}

function warnInertPolicies(warnings: readonly InertPolicyWarning[], verbose: boolean): void {
  if (warnings.length === 0) return;
  const n = warnings.length;
  process.stderr.write(`lateral: warning: ${n} ${n === 1 ? 'policy enforces' : 'policies enforce'} nothing\n`);
  listed(warnings, verbose, (w) => `${w.file ? `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ` : ''}${w.why} [${w.kind}]`);
}

const IAC_HEADS: Record<AwsNote['kind'], [string, string]> = {
  'iac-unknown': ['value unknown until apply (its decisions are conditional)', 'values unknown until apply (their decisions are conditional)'],
  'iac-replaces': ["export object replaced by the IaC's", "export objects replaced by the IaC's"],
  'iac-changes': ['export principal changed by IaC', 'export principals changed by IaC'],
  'iac-deletes': ['export object IaC deletes', 'export objects IaC deletes'],
  'iac-placeholder': ['placeholder in ARNs', 'placeholders in ARNs'],
  'iac-dangling': ['IaC object about a principal in no input', 'IaC objects about principals in no input'],
};

function warnIac(notes: readonly AwsNote[], verbose: boolean): void {
  if (notes.length === 0) return;
  const counts = (Object.keys(IAC_HEADS) as AwsNote['kind'][]).flatMap((k) => {
    const n = notes.filter((x) => x.kind === k).length;
    return n ? [`${n} ${IAC_HEADS[k][n === 1 ? 0 : 1]}`] : [];
  });
  process.stderr.write(`lateral: warning: infrastructure as code: ${counts.join(', ')}\n`);
  listed(notes, verbose, (w) => `${w.file ? `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ` : ''}${w.why} [${w.kind}]`);
}

function warnCi(warnings: readonly CiWarning[], verbose: boolean): void {
  if (warnings.length === 0) return;
  const n = warnings.length;
  process.stderr.write(`lateral: warning: ${n} CI finding${n === 1 ? '' : 's'} (static keys, broad OIDC trust, mutable actions, untrusted code in privileged triggers)\n`);
  listed(warnings, verbose, (w) => `${w.file ? `${w.file}${w.line !== undefined ? `:${w.line}` : ''}: ` : ''}${w.why} [${w.kind}]`);
}

/**
 * The version of each command's `--json` output: its first key, `format`. The major changes
 * when a field is removed, renamed or retyped; adding a field keeps it. `schemas/<format
 * with - for />.schema.json` describes each.
 */
export const JSON_FORMATS = {
  simulate: 'lateral-simulate/1',
  explain: 'lateral-explain/1',
  probe: 'lateral-probe/1',
  'who-can': 'lateral-who-can/1',
  export: 'lateral-export/1',
  graph: GRAPH_FORMAT,
  nodes: 'lateral-nodes/1',
  lint: 'lateral-lint/1',
  diff: 'lateral-diff/1',
} as const;

export type JsonCommand = keyof typeof JSON_FORMATS;

export type JsonOutput<C extends JsonCommand, T extends object> = { format: (typeof JSON_FORMATS)[C] } & Omit<T, 'format'> & { warnings?: readonly LoadWarning[] };

/** Text output as its reader's stdout takes it (src/output/terminal.ts); a table keeps its rows whole. */
export function printText(text: string, options: { wrap?: boolean } = {}): void {
  const o = textOptions(process.stdout);
  process.stdout.write(present(text, options.wrap === false ? { ...o, width: Infinity } : o));
}

/**
 * A command's `--json` object: `format` first, then `value`, then the load warnings when
 * there are any (so outputs without them stay as they were).
 */
export function jsonOutput<C extends JsonCommand, T extends object>(command: C, value: T, warnings: readonly LoadWarning[]): JsonOutput<C, T> {
  const { format: _format, ...rest } = value as T & { format?: unknown };
  return { format: JSON_FORMATS[command], ...rest, ...(warnings.length ? { warnings } : {}) } as JsonOutput<C, T>;
}

/** An IAM action typed on the command line must exist: a typo would answer "nobody" without a word. */
export async function requireIamAction(action: string, where: string): Promise<void> {
  const check = await checkAction(action);
  if (!check.known) throw new UsageError(`${where}: ${describeCheck(check)} (${await referenceName()})`);
}

/** Prints `command`'s `--json` output (`jsonOutput`) on stdout. */
export function printJson(command: JsonCommand, value: object, warnings: readonly LoadWarning[]): void {
  process.stdout.write(`${JSON.stringify(jsonOutput(command, value, warnings), null, 2)}\n`);
}
