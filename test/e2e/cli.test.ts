/**
 * End-to-end: the built CLI (dist/cli.js, made by `npm test`'s build step) run the way a
 * user runs it, on the bundled demo. Golden files pin the JSON contract.
 */
import { describe, expect, it } from 'vitest';
import { lateral } from '../helpers/cli.js';

const AT = ['--at', '2026-11-24'];

describe('simulate', () => {
  it('prints the demo scenarios as JSON matching the golden file', async () => {
    const r = lateral('simulate', 'topologies/demo-shop', '--scenario', 'scenarios/demo-shop', ...AT, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../golden/demo-simulate.json');
  });

  it('prints blast radius, blocked % and explained paths as text', () => {
    const r = lateral('simulate', 'topologies/demo-shop', '--scenario', 'scenarios/demo-shop', ...AT);
    expect(r.code).toBe(0);
    for (const scenario of ['stolen-ci-key', 'compromised-frontend', 'rogue-pod-in-storefront', 'poisoned-shop-pipeline']) {
      expect(r.stdout).toContain(scenario);
    }
    expect(r.stdout).toMatch(/blast radius/i);
    expect(r.stdout).toMatch(/blocked/i);
    // Piped, the marks are ASCII: no terminal is there to draw them.
    expect(r.stdout).toContain('storefront/frontend -> payments/card-db:5432');
    expect(r.stdout).toMatch(/^== compromised-frontend - compromised-workload from storefront\/frontend$/m);
    expect(r.stdout).toMatch(/^ok all 4 scenarios met their expectations$/m);
    expect(r.stdout).not.toMatch(/[^\x00-\x7f]/);
  });

  it('exits 1 when an expectation fails', () => {
    // Before the legacy exception expired, the stolen CI key reached the customer backups.
    const r = lateral('simulate', 'topologies/demo-shop', '--scenario', 'scenarios/demo-shop/stolen-ci-key.yaml', '--at', '2026-06-01', '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { scenarios: { name: string; pass: boolean; expectations: { check: string; pass: boolean }[] }[] };
    expect(out.scenarios.map((s) => [s.name, s.pass])).toEqual([['stolen-ci-key', false]]);
    expect(out.scenarios[0]!.expectations.map((e) => [e.check, e.pass])).toEqual([
      ['max-blast-radius', false],
      ['must-not-reach', false],
      ['must-not-reach', true],
    ]);
  });

  it('opens every --json output with its format', () => {
    const formats = [
      ['lateral-simulate/1', lateral('simulate', 'topologies/demo-shop', ...AT, '--json')],
      ['lateral-probe/1', lateral('probe', 'topologies/demo-shop', '--probes', 'test/fixtures/e2e/demo-probes.yaml', ...AT, '--json')],
      ['lateral-explain/1', lateral('explain', 'topologies/demo-shop', '--from', 'ci-deployer', '--to', 'customer-backups', ...AT, '--json')],
      ['lateral-who-can/1', lateral('who-can', 'topologies/aws-demo', '--action', 's3:GetObject', '--resource', '*', ...AT, '--json')],
      ['lateral-graph/2', lateral('graph', 'topologies/demo-shop', ...AT, '--json')],
    ] as const;
    for (const [format, r] of formats) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n').slice(0, 2)).toEqual(['{', `  "format": "${format}",`]);
    }
  });

  it('is byte-identical across runs', () => {
    const a = lateral('simulate', 'topologies/demo-shop', '--scenario', 'scenarios/demo-shop', ...AT, '--json');
    const b = lateral('simulate', 'topologies/demo-shop', '--scenario', 'scenarios/demo-shop', ...AT, '--json');
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('probe', () => {
  it('answers the three probe shapes with verdicts, pass and reasons', () => {
    const r = lateral('probe', 'topologies/demo-shop', '--probes', 'test/fixtures/e2e/demo-probes.yaml', ...AT, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { results: { verdict: string; pass: boolean | null; reasons: { layer: string; decision: string; policy: string }[] }[] };
    expect(out.results.map((x) => [x.verdict, x.pass])).toEqual([
      ['allow', true],
      ['deny', true],
      ['allow', true],
      ['deny', true],
      ['no-reach', true],
    ]);
    expect(out.results[1]!.reasons.map((x) => [x.layer, x.decision, x.policy])).toEqual([
      ['network', 'deny', 'default-deny:namespace payments'],
      ['mesh', 'deny', 'default-deny:namespace payments'],
    ]);
    expect(out.results[3]!.reasons.map((x) => x.policy)).toEqual(['exception:legacy-backup-export']);
  });

  it('exits 1 when a probe fails', () => {
    const r = lateral('probe', 'topologies/demo-shop', '--probes', 'test/fixtures/e2e/failing-probe.yaml', ...AT, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ verdict: 'deny', pass: false });
  });

  it('exits 2 with file:line on a bad probe file', () => {
    const r = lateral('probe', 'topologies/demo-shop', '--probes', 'test/fixtures/e2e/bad-probe.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('test/fixtures/e2e/bad-probe.yaml:2: probes[0].expect:');
  });

  it('exits 2 with file:line on an unknown key in a probe', () => {
    const r = lateral('probe', 'topologies/demo-shop', '--probes', 'test/fixtures/e2e/unknown-key-probe.yaml', ...AT, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('test/fixtures/e2e/unknown-key-probe.yaml:8: probes[1].prot: unknown field "prot"');
  });

  it('reports a probe without an expectation as unchecked, never as passed', () => {
    const text = lateral('probe', 'topologies/demo-shop', '--probes', 'test/fixtures/e2e/unchecked-probes.yaml', ...AT);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines.find((l) => l.includes('just-asking'))).toMatch(/^- just-asking: .*: allow \(unchecked: no expectation\)$/);
    expect(lines.at(-1)).toBe('1 passed, 0 failed, 1 unchecked');
    const json = JSON.parse(lateral('probe', 'topologies/demo-shop', '--probes', 'test/fixtures/e2e/unchecked-probes.yaml', ...AT, '--json').stdout) as { results: { name: string; pass: boolean | null }[] };
    expect(json.results.map((x) => [x.name, x.pass])).toEqual([['frontend-to-checkout', true], ['just-asking', null]]);
  });
});

describe('bad input', () => {
  it('lists every schema problem as file:line: path: message and exits 2', () => {
    const r = lateral('simulate', 'test/fixtures/e2e/bad-topology');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'lateral: 2 problems in the input:',
      'test/fixtures/e2e/bad-topology/topology.yaml:6: workloads[0].colour: unknown field "colour"',
      'test/fixtures/e2e/bad-topology/topology.yaml:6: workloads[0].ports[0]: expected number, received object; or port: expected number, received string',
    ]);
  });

  it('reports duplicate ids and dangling references together', () => {
    const r = lateral('simulate', 'test/fixtures/e2e/dangling');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'lateral: 2 problems in the input:',
      'test/fixtures/e2e/dangling/topology.yaml:7: workloads[1]: duplicate id "shop/web" (first defined in test/fixtures/e2e/dangling/topology.yaml)',
      'test/fixtures/e2e/dangling/topology.yaml:8: workloads[2].identity: unknown identity "ghost-sa"',
    ]);
  });

  it('locates a scenario naming an identity or node that does not exist at its file:line', () => {
    const r = lateral('simulate', 'topologies/demo-shop', '--scenario', 'test/fixtures/e2e/bad-scenarios', ...AT, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'lateral: 2 problems in the input:',
      'test/fixtures/e2e/bad-scenarios/ghost.yaml:6: attack.identity: unknown node "no-such-identity" (`lateral nodes <inputs..>` lists every id)',
      'test/fixtures/e2e/bad-scenarios/unreachable-ref.yaml:10: expect.must-not-reach[1]: unknown node "payments/no-such-db" (`lateral nodes <inputs..>` lists every id)',
    ]);
  });

  it('exits 2 on a missing input', () => {
    const r = lateral('simulate', 'no/such/dir');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/dir');
  });
});

describe('explain', () => {
  it('explains one hop layer by layer with policy and version', () => {
    const r = lateral('explain', 'topologies/demo-shop', '--from', 'storefront/frontend', '--to', 'checkout/checkout-api', '--port', '8080', ...AT);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('network');
    expect(r.stdout).toContain('checkout-ingress');
    expect(r.stdout).toContain('mesh');
  });

  it('opens with the verdict probe and simulate give, then the fastest path, then the direct hop layer by layer', () => {
    const args = ['topologies/k8s-demo', '--from', 'web/frontend', '--to', 'payments/card-db'];
    const text = lateral('explain', ...args).stdout.split('\n');
    expect(text[0]).toBe('web/frontend reaches payments/card-db in 23m over 4 hops.');
    expect(text[1]).toBe('fastest attack path:');
    const direct = text.indexOf('1 direct edge web/frontend -> payments/card-db, layer by layer:');
    expect(direct).toBeGreaterThan(1);
    expect(text.slice(direct).some((l) => /network +deny +payments\/db-from-api/.test(l))).toBe(true);
    const out = JSON.parse(lateral('explain', ...args, '--json').stdout) as { verdict: { status: string; minutes: number; hops: number; access: string }; path: { hops: { kind: string }[] }; edges: { kind: string }[] };
    expect(out.verdict).toEqual({ status: 'reachable', minutes: 23, hops: 4, access: 'control' });
    expect(out.path.hops.map((h) => h.kind)).toEqual(['runs-as', 'read-secret', 'runs-as', 'exec']);
    expect(out.edges.map((h) => h.kind)).toEqual(['connect']);
    const probe = lateral('probe', 'topologies/k8s-demo', '--probes', 'test/fixtures/e2e/k8s-demo-reach.yaml');
    expect(probe.code, probe.stdout).toBe(0);
    const pivot = JSON.parse(lateral('explain', ...args, '--pivot', '--json').stdout) as { verdict: { status: string; minutes: number } };
    expect(pivot.verdict.status).toBe('reachable');
    expect(pivot.verdict.minutes).toBeLessThanOrEqual(23);
  });

  it('resolves names the way probe does: internet on every port, a Service for its workload', () => {
    const fixture = 'test/fixtures/e2e/service-alias.yaml';
    const out = JSON.parse(lateral('explain', fixture, '--from', 'internet', '--to', 'shop/api', '--json').stdout) as { to: string; verdict: unknown; path: { hops: { from: string; port: number }[] }; edges: { port: number; decisions: { decision: string }[] }[] };
    expect(out.to).toBe('shop/api-v2');
    expect(out.verdict).toEqual({ status: 'reachable', minutes: 30, hops: 1, access: 'network' });
    expect(out.path.hops.map((h) => [h.from, h.port])).toEqual([['internet', 8080]]);
    // The port the path does not take is still explained, with its deny.
    expect(out.edges.map((h) => [h.port, h.decisions.map((d) => d.decision)])).toEqual([
      [8080, ['allow']],
      [9090, ['deny']],
    ]);
    const hop = JSON.parse(lateral('explain', fixture, '--from', 'internet', '--to', 'shop/api', '--port', '8080', '--json').stdout) as { hop: { verdict: string } };
    expect(hop.hop.verdict).toBe('allow');
    const probe = lateral('probe', fixture, '--probes', 'test/fixtures/e2e/service-alias-probes.yaml');
    expect(probe.code, probe.stdout).toBe(0);
    // From outside, control of a service needs it to be exploitable: the verdict says how to model that.
    const sa = ['explain', fixture, '--from', 'internet', '--to', 'system:serviceaccount:shop:default'];
    expect(lateral(...sa).stdout).toContain('unless one is exploitable (mark it with lateral.dev/exploitable, or try --pivot)');
    expect(lateral(...sa, '--pivot').stdout).toMatch(/^internet reaches system:serviceaccount:shop:default in 35m over 2 hops\./);
    const bad = lateral('explain', fixture, '--from', 'shop/api', '--to', 'internet');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"internet" is an address, not a node');
  });

  it('says which layers block a path that only the baseline has, and shows the denied hop once', () => {
    const r = lateral('explain', 'topologies/demo-shop', '--from', 'storefront/frontend', '--to', 'payments/card-db', ...AT);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('storefront/frontend cannot reach payments/card-db: blocked by mesh + network policy. Without network and mesh policy it could, in 30m over 1 hop.');
    expect(lines.filter((l) => /^ {2}(x|\d+\.) storefront\/frontend /.test(l))).toHaveLength(1);
    const out = JSON.parse(lateral('explain', 'topologies/demo-shop', '--from', 'storefront/frontend', '--to', 'payments/card-db', ...AT, '--json').stdout) as { verdict: unknown; edges: unknown[] };
    expect(out.verdict).toEqual({ status: 'blocked', minutes: 30, hops: 1, blockedBy: ['mesh', 'network'] });
    expect(out.edges).toHaveLength(1);
  });

  it('shows the shortest attack path when the nodes are not adjacent', () => {
    const r = lateral('explain', 'topologies/demo-shop', '--from', 'user:carol', '--to', 'payments/card-db', ...AT, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { path: { hops: { from: string; to: string; decisions: unknown[] }[] } };
    expect(out.path.hops[0]?.from).toBe('user:carol');
    expect(out.path.hops.at(-1)?.to).toBe('payments/card-db');
    expect(out.path.hops.every((h) => h.decisions.length > 0)).toBe(true);
  });
});

describe('graph', () => {
  it('exports nodes and edges with their decisions', () => {
    const r = lateral('graph', 'topologies/demo-shop', ...AT, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { nodes: { id: string }[]; edges: { rule: string; decisions: unknown[] }[] };
    expect(out.nodes.map((n) => n.id)).toContain('payments/card-db');
    expect(out.edges.every((e) => Array.isArray(e.decisions) && e.decisions.length > 0)).toBe(true);
  });

  it('groups network hops by target class, port and decisions; the denied ones only with --denied-connect', () => {
    interface Group {
      from: string[];
      to: string;
      port: number;
      traversable: boolean;
      decisions: unknown[];
    }
    const read = (...extra: string[]) => JSON.parse(lateral('graph', 'topologies/demo-shop', ...AT, '--json', ...extra).stdout) as { format: string; connect: Group[] };
    const open = read();
    const all = read('--denied-connect');
    expect(open.format).toBe('lateral-graph/2');
    expect(open.connect.length).toBeGreaterThan(0);
    expect(open.connect.every((g) => g.traversable)).toBe(true);
    expect(all.connect.filter((g) => g.traversable)).toEqual(open.connect);
    expect(all.connect.some((g) => !g.traversable)).toBe(true);
    const key = (g: Group) => `${g.to} ${g.port} ${JSON.stringify(g.decisions)}`;
    expect(new Set(all.connect.map(key)).size).toBe(all.connect.length);
  });
});

describe('default ClusterRoles', () => {
  const FIXTURE = 'test/fixtures/e2e/k8s-defaults';
  const UNRESOLVED = 'lateral: 1 binding to an unknown role: app/broken → Role app/missing (grants nothing)\n';

  it('a service account bound to cluster-admin, which the inputs do not define, reaches a secret', () => {
    const r = lateral('probe', FIXTURE, '--probes', 'test/fixtures/e2e/k8s-defaults-probes.yaml', ...AT, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(UNRESOLVED);
    const out = JSON.parse(r.stdout) as { results: { verdict: string; pass: boolean; reasons: { layer: string; policy: string }[] }[] };
    expect(out.results.map((x) => [x.verdict, x.pass])).toEqual([
      ['reach', true],
      ['allow', true],
      ['allow', true],
    ]);
    // The action probe is decided by RBAC and names the binding, as the reach probe's edge does.
    expect(out.results[1]!.reasons).toEqual([expect.objectContaining({ layer: 'rbac', policy: 'ops-cluster-admin' })]);
    const read = JSON.parse(lateral('explain', FIXTURE, '--from', 'system:serviceaccount:app:ops', '--to', 'secret:app/db-password', ...AT, '--json').stdout) as { edges: { kind: string; decisions: { policy: string; reason: string }[] }[] };
    const edge = read.edges.find((e) => e.kind === 'read-secret')!;
    expect(edge.decisions[0]).toMatchObject({ policy: 'ops-cluster-admin' });
    expect(edge.decisions[0]!.reason).toContain('ClusterRole:cluster-admin (Kubernetes 1.27 default)');
  });

  it('lists a binding to an unknown role in simulate, text and --json', () => {
    const json = lateral('simulate', FIXTURE, ...AT, '--json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { unresolvedBindings: unknown }).unresolvedBindings).toEqual([{ binding: 'app/broken', kind: 'RoleBinding', role: 'Role:app/missing' }]);
    expect(lateral('simulate', FIXTURE, ...AT).stdout).toContain('1 binding to an unknown role: app/broken -> Role app/missing (grants nothing)');
  });

  it('--k8s-version of a version without encoded roles is a usage error naming the known ones', () => {
    const r = lateral('simulate', FIXTURE, ...AT, '--k8s-version', '0.1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--k8s-version: .*"0\.1".*known: 1\.27/);
  });
});
