/**
 * The JSON contract on generated inputs: for native topologies, Kubernetes clusters and AWS
 * exports, every command's `--json` object — built by the functions the commands call, with
 * `jsonOutput` as `printJson` does — validates against its schema in schemas/.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonOutput, type CommonArgs, type JsonCommand, type Loaded } from '../../src/cli/common.js';
import { explain } from '../../src/cli/explain.js';
import { exportSummary } from '../../src/cli/export.js';
import { probe } from '../../src/cli/probe.js';
import { simulate } from '../../src/cli/simulate.js';
import { compact } from '../../src/engine/compact.js';
import { whoCan } from '../../src/engine/who-can.js';
import { exportInput } from '../../src/export/input.js';
import { buildGraph } from '../../src/graph/build.js';
import { graphJson } from '../../src/graph/json.js';
import type { Model } from '../../src/model/model.js';
import { probeSchema, type Probe } from '../../src/model/probe-schema.js';
import { scenarioSchema } from '../../src/model/scenario-schema.js';
import type { UnknownActionWarning } from '../../src/policy/iam/unknown-actions.js';
import type { LoadedScenario } from '../../src/scenarios/load.js';
import { allow, arn, load as loadAws, trusts, type ExportSpec } from '../helpers/aws-export.js';
import { cluster, loadDocs, manifests } from '../helpers/k8s-gen.js';
import { load as loadNative, topo } from '../helpers/native-gen.js';
import { validateOutput } from '../helpers/schemas.js';

const AT = '2026-11-24';
const RUNS = { numRuns: 30 };

const WARNING: UnknownActionWarning = { kind: 'unknown-iam-action', action: 's3:GetObjekt', why: 'unknown IAM action s3:GetObjekt', suggestions: ['s3:GetObject'], in: ['arn:aws:iam::111122223333:policy/p'] };

interface Flags {
  strict: boolean;
  pivot: boolean;
  warn: boolean;
}
const flags: fc.Arbitrary<Flags> = fc.record({ strict: fc.boolean(), pivot: fc.boolean(), warn: fc.boolean() });

function loaded(model: Model, f: Flags): Loaded {
  const built = buildGraph(model, { at: AT });
  const g = compact(built.graph, { strictConditions: f.strict, pivot: f.pivot }, built.connect);
  return { model, built, g, at: AT, warnings: f.warn ? [WARNING] : [] };
}

/** `command`'s --json object as printJson writes it (through JSON text), validated. */
const validated = new Map<string, number>();

function valid(command: JsonCommand, value: object, env: Loaded): void {
  validated.set(command, (validated.get(command) ?? 0) + 1);
  const json = JSON.parse(JSON.stringify(jsonOutput(command, value, env.warnings))) as { format: string };
  expect(Object.keys(json)[0]).toBe('format');
  validateOutput(json);
}

const scenario = (name: string, attack: Record<string, unknown>, extra: Record<string, unknown> = {}): LoadedScenario => ({
  scenario: scenarioSchema.parse({ apiVersion: 'lateral/v1', kind: 'Scenario', name, attack, ...extra }),
  file: `scenarios/${name}.yaml`,
});

/** Every command on `model`: simulate with scenarios of each kind, explain, probe, graph, export, and who-can when there are AWS principals. */
async function everyCommand(model: Model, f: Flags): Promise<void> {
  const env = loaded(model, f);
  const args: CommonArgs = { inputs: [], 'strict-conditions': f.strict, pivot: f.pivot };
  const nodes = env.built.graph.nodes();
  const workloads = model.workloads.map((w) => w.id);
  const identities = model.identities.map((i) => i.id);
  const jewel = nodes.find((n) => env.built.graph.getNodeAttribute(n, 'tier') === 0) ?? nodes[0]!;

  const scenarios: LoadedScenario[] = [];
  const expect_ = { expect: { 'max-blast-radius': 5, 'must-not-reach': [jewel], 'min-blocked-percent': 50 } };
  if (identities[0]) scenarios.push(scenario('stolen', { kind: 'stolen-token', identity: identities[0] }, { ...expect_, defence: { 'detect-after': '10m', respond: 'revoke' } }));
  if (workloads[0]) scenarios.push(scenario('compromised', { kind: 'compromised-workload', workload: workloads[0] }, { ...expect_, defence: { 'detect-after': '5m', respond: 'quarantine', 'respond-after': '5m' } }));
  const ns = model.workloads[0]?.namespace;
  if (ns) scenarios.push(scenario('rogue', { kind: 'rogue-workload', namespace: ns, name: 'rogue-x', labels: model.workloads[0]!.labels }, expect_));
  valid('simulate', simulate(env, scenarios, args), env);

  for (const to of nodes.slice(0, 4)) if (to !== nodes[0]) valid('explain', explain(env, { ...args, from: nodes[0]!, to }), env);
  for (const w of model.workloads.slice(1, 3)) {
    const port = w.ports[0];
    if (port && workloads[0]) valid('explain', explain(env, { ...args, from: workloads[0], to: w.id, port: String(port.port) }), env);
  }

  const probes: Probe[] = [];
  for (const w of model.workloads.slice(1, 3)) {
    const port = w.ports[0];
    if (port) probes.push({ from: workloads[0]!, to: w.id, port: port.port, expect: 'allow' }, { name: 'unchecked', from: workloads[0]!, to: w.id, port: port.port });
  }
  for (const to of nodes.slice(0, 3)) probes.push({ from: nodes[nodes.length - 1]!, to, reach: true });
  if (model.aws.principals[0]) probes.push({ from: model.aws.principals[0].arn, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', expect: 'deny' });
  valid('probe', await probe(env, probes.map((p) => ({ probe: probeSchema.parse(p) })), { ...args, probes: 'probes.yaml' }), env);

  valid('graph', graphJson(env.built, model.skipped), env);
  valid('graph', graphJson(env.built, model.skipped, { deniedConnect: true }), env);
  valid('graph', graphJson(buildGraph(model, { at: AT, expandConnect: true }), model.skipped), env);
  const input = exportInput(env.built, { deniedConnect: f.strict });
  valid('export', exportSummary('opengraph', 'out', input, [{ name: 'opengraph.json', bytes: 1234 }]), env);

  if (model.aws.principals.length) {
    for (const [action, resource] of [['s3:GetObject', 'arn:aws:s3:::bucket/key'], ['iam:PassRole', '*'], ['sts:AssumeRole', arn('role', 'r0')]] as const) valid('who-can', whoCan(env.built.graph, env.g, env.built.ctx, action, resource), env);
  }
}

const NAMES = ['u0', 'u1', 'u2'];
const ROLES = ['r0', 'r1', 'r2'];
const ACTIONS = ['s3:GetObject', 's3:*', 'iam:PassRole', 'sts:AssumeRole', 'iam:CreatePolicyVersion', 'ec2:RunInstances'];
const statement = fc.record({ actions: fc.subarray(ACTIONS, { minLength: 1, maxLength: 3 }), resource: fc.constantFrom('*', 'arn:aws:s3:::bucket/*', arn('role', 'r1')), conditional: fc.boolean() });
const toStatement = (s: { actions: string[]; resource: string; conditional: boolean }) => allow(s.actions, s.resource, s.conditional ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } : {});

const awsSpec: fc.Arbitrary<ExportSpec> = fc.record({
  users: fc.uniqueArray(fc.record({ name: fc.constantFrom(...NAMES), statements: fc.array(statement, { maxLength: 2 }) }), { minLength: 1, maxLength: 3, selector: (u) => u.name }),
  roles: fc.uniqueArray(fc.record({ name: fc.constantFrom(...ROLES), trusted: fc.subarray(NAMES, { maxLength: 2 }), statements: fc.array(statement, { maxLength: 2 }) }), { maxLength: 3, selector: (r) => r.name }),
}).map(({ users, roles }) => ({
  users: users.map((u) => ({ name: u.name, statements: u.statements.map(toStatement) })),
  roles: roles.map((r) => ({ name: r.name, trust: r.trusted.length ? [trusts({ AWS: r.trusted.map((n) => arn('user', n)) })] : [trusts({ Service: 'ec2.amazonaws.com' })], statements: r.statements.map(toStatement) })),
}));

describe('every --json output validates against its schema', () => {
  it('on native topologies', async () => {
    await fc.assert(fc.asyncProperty(topo, flags, async (t, f) => everyCommand(loadNative(t), f)), RUNS);
  });

  it('on Kubernetes clusters', async () => {
    await fc.assert(fc.asyncProperty(cluster, flags, async (c, f) => everyCommand(loadDocs(manifests(c)), f)), RUNS);
  });

  it('on AWS exports', async () => {
    await fc.assert(fc.asyncProperty(awsSpec, flags, async (s, f) => everyCommand(loadAws(s), f)), RUNS);
  });

  it('checked every command', () => {
    expect([...validated.keys()].sort()).toEqual(['explain', 'export', 'graph', 'probe', 'simulate', 'who-can']);
  });
});
