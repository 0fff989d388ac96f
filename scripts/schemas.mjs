#!/usr/bin/env node
/**
 * Writes schemas/lateral-<command>-<major>.schema.json, the JSON Schemas (draft 2020-12) of
 * every `--json` output, from the definitions below. They restate the result types of the
 * sources (src/output/simulate-result.ts, src/engine/results.ts, src/engine/probe.ts,
 * src/engine/who-can.ts, src/cli/nodes.ts, src/output/explain-result.ts, src/cli/export.ts, src/graph/json.ts, src/lint/index.ts, src/diff/compare.ts, src/gameday/report.ts):
 * change both together. `test/contract/schemas.test.ts` checks the files are what this
 * writes, and every e2e run of `--json` validates against them.
 *
 *   node scripts/schemas.mjs          write the files
 *   node scripts/schemas.mjs --check  exit 1 when a file differs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LAYERS = ['network', 'mesh', 'rbac', 'iam', 'identity', 'pipeline'];
const VERDICTS = ['allow', 'deny', 'observe-deny', 'conditional'];
const NODE_KINDS = ['workload', 'identity', 'resource', 'secret', 'pipeline', 'network'];
const EDGE_KINDS = ['connect', 'runs-as', 'assume', 'grant', 'escalate', 'read-secret', 'exec', 'deploy', 'modify'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const SKIP_CAUSES = ['unread-kind', 'unrecognised', 'defined-twice', 'unread-file', 'scenario', 'missing-policy'];
const EXPORT_FORMATS = ['neo4j', 'opengraph', 'graphml'];

const str = { type: 'string' };
const int = { type: 'integer' };
const count = { type: 'integer', minimum: 0 };
const num = { type: 'number' };
const bool = { type: 'boolean' };
const strings = { type: 'array', items: str };
const ref = (name) => ({ $ref: `#/$defs/${name}` });
const array = (items) => ({ type: 'array', items });

/** An object with exactly these properties; those in `optional` may be absent. */
function object(properties, optional = [], extra = {}) {
  return { type: 'object', properties, required: Object.keys(properties).filter((k) => !optional.includes(k)), additionalProperties: false, ...extra };
}

const DEFS = {
  layer: { enum: LAYERS },
  decision: object(
    {
      layer: ref('layer'),
      decision: { enum: VERDICTS },
      policy: { type: 'string', description: '`namespace/name` for Kubernetes and Istio objects, an ARN or inline-policy name for IAM, the policy name for native policies; `(default)` when no policy applies' },
      version: str,
      rule: { type: 'string', description: 'the rule or statement inside the policy that decided: its index ("0"), direction and index ("ingress[0]"), or an IAM statement Sid' },
      reason: str,
    },
    ['version', 'rule'],
  ),
  nodeKind: { enum: NODE_KINDS },
  edgeKind: { enum: EDGE_KINDS },
  protocol: { enum: PROTOCOLS },
  minutes: { type: 'number', minimum: 0, description: 'attacker minutes' },
  hop: object(
    {
      from: str,
      to: str,
      edge: str,
      kind: ref('edgeKind'),
      rule: str,
      technique: str,
      reason: str,
      port: int,
      protocol: ref('protocol'),
      actions: strings,
      minutes: ref('minutes'),
      decisions: array(ref('decision')),
    },
    ['port', 'protocol', 'actions'],
  ),
  attackPath: object({ target: str, tier: { enum: [0, 1, 2] }, tierReason: str, minutes: ref('minutes'), hops: array(ref('hop')) }, ['tier', 'tierReason']),
  warnings: array({
    oneOf: [
      object({
        kind: { const: 'unknown-iam-action' },
        action: str,
        why: str,
        suggestions: strings,
        in: strings,
      }),
      object(
        {
          kind: { enum: ['inert-authz', 'inert-peer-auth', 'inert-netpol', 'missing-namespace'] },
          policy: object({ kind: { enum: ['NetworkPolicy', 'AuthorizationPolicy', 'PeerAuthentication', 'Role', 'RoleBinding'] }, namespace: str, name: str }),
          why: str,
          file: str,
          line: count,
        },
        ['file', 'line'],
      ),
      object(
        {
          kind: { enum: ['ci-static-keys', 'ci-broad-trust', 'ci-mutable-action', 'ci-untrusted-code', 'ci-role-mismatch', 'iac-unknown', 'iac-replaces', 'iac-changes', 'iac-deletes', 'iac-placeholder', 'iac-dangling'] },
          why: str,
          file: str,
          line: count,
        },
        ['file', 'line'],
      ),
    ],
  }),
};

const blastRadius = object({ score: num, tier0: count, nodes: count });

const SIMULATE_DEFS = {
  blastRadius,
  reachedNode: object(
    {
      id: str,
      kind: ref('nodeKind'),
      type: str,
      tier: { enum: [0, 1, 2] },
      tierReason: str,
      owner: str,
      access: { enum: ['control', 'network'] },
      minutes: ref('minutes'),
    },
    ['tier', 'tierReason', 'owner'],
  ),
  blocked: object({
    baselinePairs: count,
    blocked: count,
    percent: { type: 'number', minimum: 0, maximum: 100 },
    byLayer: { type: 'object', propertyNames: ref('layer'), additionalProperties: count },
    pairs: array(object({ target: str, layers: array(ref('layer')), cut: array(ref('hop')) })),
  }),
  containment: object({
    respondAt: num,
    response: { enum: ['revoke', 'quarantine'] },
    reachedBefore: strings,
    cut: strings,
    reachedAfter: strings,
    blastRadius: ref('blastRadius'),
    contained: bool,
    timeToContain: { type: ['number', 'null'], description: 'null when footholds keep spreading after the response' },
  }),
  scenario: object(
    {
      name: str,
      description: str,
      kind: { enum: ['stolen-token', 'rogue-workload', 'compromised-workload', 'poisoned-pipeline'] },
      file: str,
      entry: str,
      reached: array(ref('reachedNode')),
      blastRadius: ref('blastRadius'),
      baseline: ref('blastRadius'),
      blocked: ref('blocked'),
      paths: array(ref('attackPath')),
      window: object({ credential: { enum: ['short-lived', 'static'] }, ttlMinutes: num, ageDays: num }, ['ttlMinutes', 'ageDays']),
      containment: ref('containment'),
      playbook: array(object({ at: num, action: { enum: ['revoke', 'quarantine', 'rotate', 'block', 'apply'] }, target: str, cutOff: strings, tooLateFor: strings })),
      expectations: array(
        object({
          check: { enum: ['max-blast-radius', 'must-not-reach', 'min-blocked-percent'] },
          expected: { type: ['number', 'string'] },
          actual: { type: ['number', 'string'] },
          pass: bool,
        }),
      ),
      pass: bool,
    },
    ['description', 'window', 'containment', 'playbook'],
  ),
};

const simulate = {
  description: '`lateral simulate --json`: the estate summary, exceptions and every scenario run.',
  ...object(
    {
      format: { const: 'lateral-simulate/1' },
      at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the evaluation date' },
      summary: object({ workloads: count, identities: count, resources: count, pipelines: count, edges: count, skipped: count }),
      estate: object({
        entries: count,
        crownJewels: count,
        defaultCrownJewels: count,
        baselinePairs: count,
        reachablePairs: count,
        blockedPercent: { type: 'number', minimum: 0, maximum: 100 },
        top: array(object({ entry: str, score: num, tier0: count })),
      }),
      exceptions: array(
        object(
          { name: str, owner: str, layer: str, reason: str, expires: str, created: str, status: { enum: ['active', 'pending', 'expired'] }, expired: bool, ageDays: num, startsInDays: num, daysLeft: num },
          ['created', 'ageDays', 'startsInDays'],
        ),
      ),
      unresolvedBindings: array(object({ binding: str, kind: { enum: ['RoleBinding', 'ClusterRoleBinding'] }, role: str })),
      scenarios: array(ref('scenario')),
      warnings: ref('warnings'),
    },
    ['unresolvedBindings', 'warnings'],
  ),
  $defs: { ...DEFS, ...SIMULATE_DEFS },
};

const explain = {
  description: '`lateral explain --json`: one hop layer by layer (--port), or whether and how fast one node reaches another.',
  ...object(
    {
      format: { const: 'lateral-explain/1' },
      from: str,
      to: str,
      hop: object({ port: int, protocol: ref('protocol'), verdict: { enum: ['allow', 'deny'] }, decisions: array(ref('decision')) }),
      verdict: object(
        {
          status: { enum: ['reachable', 'blocked', 'unreachable'] },
          minutes: ref('minutes'),
          hops: count,
          access: { enum: ['control', 'network'] },
          blockedBy: array(ref('layer')),
        },
        ['minutes', 'hops', 'access', 'blockedBy'],
      ),
      edges: array(ref('hop')),
      path: ref('attackPath'),
      blockedPath: ref('attackPath'),
      warnings: ref('warnings'),
    },
    ['hop', 'verdict', 'path', 'blockedPath', 'warnings'],
  ),
  $defs: DEFS,
};

const probe = {
  description: '`lateral probe --json`: each probe of the file with its verdict, whether it met its expectation, and the decisions behind it.',
  ...object({ format: { const: 'lateral-probe/1' }, results: array(ref('result')), warnings: ref('warnings') }, ['warnings']),
  $defs: {
    ...DEFS,
    result: object(
      {
        name: str,
        from: str,
        to: str,
        port: { type: ['integer', 'string'] },
        protocol: ref('protocol'),
        method: str,
        path: str,
        action: str,
        resource: str,
        reach: bool,
        expect: { enum: ['allow', 'deny', 'reach', 'no-reach'] },
        verdict: { enum: ['allow', 'deny', 'reach', 'no-reach'] },
        pass: { type: ['boolean', 'null'], description: 'null: the probe states no expectation (unchecked)' },
        reasons: array(ref('decision')),
      },
      ['name', 'to', 'port', 'protocol', 'method', 'path', 'action', 'resource', 'reach', 'expect'],
    ),
  },
};

const nodes = {
  description: '`lateral nodes --json`: every node id the inputs define (after --kind, --tier and --match), with where it is defined.',
  ...object(
    {
      format: { const: 'lateral-nodes/1' },
      nodes: array(object({ id: str, kind: { enum: NODE_KINDS }, type: str, namespace: str, tier: int, tierReason: str, owner: str, file: str, line: int, address: str }, ['namespace', 'tier', 'tierReason', 'owner', 'file', 'line', 'address'])),
      warnings: ref('warnings'),
    },
    ['warnings'],
  ),
  $defs: { warnings: DEFS.warnings },
};

const whoCan = {
  description: '`lateral who-can --json`: the AWS principals that can make one request, directly or through a chain of hops.',
  ...object(
    {
      format: { const: 'lateral-who-can/1' },
      action: str,
      resource: str,
      principals: array(
        object(
          {
            principal: str,
            via: { enum: ['direct', 'chain'] },
            decision: { enum: ['allow', 'conditional'] },
            decisions: array(ref('decision')),
            path: array(ref('hop')),
            minutes: ref('minutes'),
          },
          ['path', 'minutes'],
        ),
      ),
      warnings: ref('warnings'),
    },
    ['warnings'],
  ),
  $defs: DEFS,
};

const exportSchema = {
  description: '`lateral export --json`: what was written where.',
  ...object(
    {
      format: { const: 'lateral-export/1' },
      exportFormat: { enum: EXPORT_FORMATS, description: 'the format written (--format)' },
      out: str,
      nodes: count,
      edges: count,
      connectGroups: count,
      files: array(object({ name: str, bytes: count })),
      warnings: ref('warnings'),
    },
    ['warnings'],
  ),
  $defs: { warnings: DEFS.warnings },
};

const structuralDecision = object({ layer: ref('layer'), decision: { enum: VERDICTS }, policy: str, version: str, rule: str }, ['version', 'rule']);
const classes = array(object({ id: str, members: strings }));

const graph = {
  description: '`lateral graph --json`: nodes, edges and network hops grouped by endpoint class.',
  ...object(
    {
      format: { const: 'lateral-graph/2' },
      nodes: array(
        object(
          {
            id: str,
            kind: ref('nodeKind'),
            name: str,
            type: str,
            namespace: str,
            owner: str,
            tier: { enum: [0, 1, 2] },
            tierReason: str,
            labels: { type: 'object', additionalProperties: str },
            credential: {
              oneOf: [
                object({ type: { const: 'short-lived' }, ttlMinutes: num }),
                object({ type: { const: 'static' }, ageDays: num }, ['ageDays']),
              ],
            },
            source: object({ file: str, doc: count, path: array({ type: ['string', 'integer'] }) }, ['path']),
          },
          ['namespace', 'owner', 'tier', 'tierReason', 'labels', 'credential', 'source'],
        ),
      ),
      edges: array(
        object(
          {
            key: str,
            source: str,
            target: str,
            traversable: bool,
            kind: ref('edgeKind'),
            rule: str,
            technique: str,
            reason: str,
            decisions: array(ref('decision')),
            cost: num,
            port: int,
            protocol: ref('protocol'),
            actions: strings,
            pivot: bool,
          },
          ['port', 'protocol', 'actions', 'pivot'],
        ),
      ),
      classes: object({ sources: classes, targets: classes }),
      connect: array(
        object({
          kind: { const: 'connect' },
          from: strings,
          to: str,
          port: int,
          protocol: ref('protocol'),
          traversable: bool,
          decisions: array(structuralDecision),
        }),
      ),
      skipped: array(object({ file: str, doc: count, line: int, kind: str, cause: { enum: SKIP_CAUSES }, reason: str }, ['doc', 'line', 'kind'])),
      warnings: ref('warnings'),
    },
    ['classes', 'connect', 'warnings'],
  ),
  $defs: { layer: DEFS.layer, decision: DEFS.decision, nodeKind: DEFS.nodeKind, edgeKind: DEFS.edgeKind, protocol: DEFS.protocol, warnings: DEFS.warnings },
};

const SEVERITY_VALUES = ['error', 'warning', 'note'];
const lintFinding = object(
  {
    rule: str,
    severity: { enum: SEVERITY_VALUES },
    message: str,
    object: { type: 'string', description: 'a node id, `kind/namespace/name` of a policy, or an ARN' },
    file: str,
    line: int,
  },
  ['file', 'line'],
);
const delta = object({ before: num, after: num });
const pathChanges = object({
  total: count,
  paths: array(
    object(
      {
        entry: str,
        target: str,
        minutes: ref('minutes'),
        hops: array(ref('hop')),
        changed: { type: 'array', items: count, description: 'positions in hops of the hops the other side lacks or denies' },
        policies: strings,
        why: str,
      },
      ['why'],
    ),
  ),
});
const diff = {
  description: '`lateral diff --json`: what a change does to attack paths, measures and policies between a base and a head.',
  ...object(
    {
      format: { const: 'lateral-diff/1' },
      base: str,
      head: str,
      at: str,
      changed: bool,
      verdict: str,
      estate: object({ entries: delta, crownJewels: delta, reachablePairs: delta, blockedPercent: delta, grew: array(object({ entry: str, score: delta, tier0: delta })) }),
      opened: pathChanges,
      closed: pathChanges,
      policies: array(
        object(
          { kind: str, id: str, change: { enum: ['added', 'removed', 'modified'] }, fields: strings, file: str, line: count, opened: count, closed: count },
          ['file', 'line'],
        ),
      ),
      scenarios: array(object({ name: str, entry: str, blastRadius: delta, tier0: delta, blockedPercent: delta, pass: object({ before: bool, after: bool }) })),
      lint: object({ new: array(lintFinding), fixed: array(lintFinding) }),
      gates: array(object({ gate: { enum: ['new-path', 'blast-radius-increase', 'blocked-percent-decrease', 'lint-error'] }, tripped: bool, why: str })),
      warnings: ref('warnings'),
    },
    ['warnings'],
  ),
  $defs: DEFS,
};

const coverage = object({ owned: count, total: count, percent: { type: 'number', minimum: 0, maximum: 100 } });

const lintSchema = {
  description: '`lateral lint --json` (or `--format json`): findings sorted by file, line and rule, counts per severity, and the hygiene measures.',
  ...object(
    {
      format: { const: 'lateral-lint/1' },
      at: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the evaluation date' },
      config: { type: 'string', description: 'the .lateral.yaml read' },
      rules: array(object({ id: str, severity: { enum: SEVERITY_VALUES }, title: str })),
      findings: array(lintFinding),
      counts: object({ error: count, warning: count, note: count }),
      suppressed: count,
      measures: object({
        ownerCoverage: object({ workloads: coverage, identities: coverage, policies: coverage, all: coverage }),
        exceptionAge: object({ total: count, undated: count, pending: count, over7: count, over30: count, over90: count }),
        observeMode: object({ objects: count, dated: count, stale: count }),
      }),
      warnings: ref('warnings'),
    },
    ['config', 'warnings'],
  ),
  $defs: { warnings: DEFS.warnings },
};

const trend = { enum: ['better', 'worse', 'same', 'new'] };
const gameday = {
  description: "A game day's report.json (`lateral gameday`): the campaign, each scenario with its timeline, the zero-trust scorecard with trends, the estate's worst entries and the minimum cut.",
  ...object(
    {
      format: { const: 'lateral-gameday/1' },
      at: str,
      inputs: array(object({ file: str, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } })),
      previous: object({ at: str, report: str, goneScenarios: strings, goneFigures: strings }),
      campaign: object({ scenarios: count, passed: count, pass: bool }),
      scenarios: array(
        object(
          {
            name: str,
            description: str,
            kind: { enum: ['stolen-token', 'rogue-workload', 'compromised-workload', 'poisoned-pipeline'] },
            entry: str,
            pass: bool,
            blastRadius: ref('blastRadius'),
            baseline: ref('blastRadius'),
            blockedPercent: { type: 'number', minimum: 0, maximum: 100 },
            containment: ref('containment'),
            playbook: array(object({ at: num, action: { enum: ['revoke', 'quarantine', 'rotate', 'block', 'apply'] }, target: str, cutOff: strings, tooLateFor: strings })),
            playbookContainment: object({ contained: bool, at: num, timeToContain: num }, ['at', 'timeToContain']),
            tooLateFor: strings,
            timeline: array(object({ minute: num, event: { enum: ['hop', 'response'] }, text: str, decisions: array(ref('decision')) }, ['decisions'])),
            paths: array(ref('attackPath')),
            blocked: array(object({ target: str, layers: array(ref('layer')), cut: array(ref('hop')) })),
            expectations: array(object({ check: { enum: ['max-blast-radius', 'must-not-reach', 'min-blocked-percent'] }, expected: { type: ['number', 'string'] }, actual: { type: ['number', 'string'] }, pass: bool })),
            trend,
          },
          ['description', 'containment', 'playbook', 'playbookContainment', 'trend'],
        ),
      ),
      scorecard: array(
        object(
          {
            id: str,
            name: str,
            definition: str,
            value: { type: ['number', 'null'] },
            unit: { enum: ['', '%', 'min'] },
            better: { enum: ['lower', 'higher'] },
            target: num,
            detail: { type: 'object', additionalProperties: num },
            previous: { type: ['number', 'null'] },
            trend,
          },
          ['target', 'detail', 'previous', 'trend'],
        ),
      ),
      worstEntries: array(object({ entry: str, score: num, tier0: count })),
      cut: object({ possible: bool, exact: bool, pairs: count, changes: array(object({ change: str, closes: num, edges: strings })) }),
    },
    ['previous'],
  ),
  $defs: { ...DEFS, ...SIMULATE_DEFS },
};

const OUTPUTS = { 'lateral-diff/1': diff, 'lateral-gameday/1': gameday, 'lateral-simulate/1': simulate, 'lateral-explain/1': explain, 'lateral-probe/1': probe, 'lateral-who-can/1': whoCan, 'lateral-nodes/1': nodes, 'lateral-export/1': exportSchema, 'lateral-graph/2': graph, 'lateral-lint/1': lintSchema };

/** File name of a format's schema: `lateral-graph/2` → `lateral-graph-2.schema.json`. */
export function schemaFile(format) {
  return `${format.replace('/', '-')}.schema.json`;
}

/** Every schema by its format, as the files hold them. */
export function schemas() {
  return Object.fromEntries(
    Object.entries(OUTPUTS).map(([format, body]) => {
      const { description, $defs, ...rest } = body;
      return [format, { $schema: 'https://json-schema.org/draft/2020-12/schema', title: format, description, ...rest, $defs }];
    }),
  );
}

export function render(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('../schemas/', import.meta.url);
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [format, schema] of Object.entries(schemas())) {
    const file = new URL(schemaFile(format), dir);
    const text = render(schema);
    if (!check) writeFileSync(file, text);
    else if ((() => { try { return readFileSync(file, 'utf8'); } catch { return ''; } })() !== text) {
      process.stderr.write(`schemas/${schemaFile(format)} is stale: run node scripts/schemas.mjs\n`);
      stale++;
    }
  }
  process.exit(stale ? 1 : 0);
}
