import { describe, expect, it } from 'vitest';
import { lateral } from '../helpers/cli.js';

const AT = ['--at', '2026-06-01'];
const ids = (...args: string[]) => (JSON.parse(lateral('nodes', 'topologies/k8s-demo', ...AT, ...args, '--json').stdout) as { nodes: { id: string }[] }).nodes.map((n) => n.id);

describe('lateral nodes', () => {
  it('lists every node with its kind, tier, owner and file:line', () => {
    const r = lateral('nodes', 'topologies/k8s-demo', ...AT);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id +kind +type +tier +owner +source +why tier 0 by default$/);
    expect(lines.find((l) => l.startsWith('payments/card-db '))).toMatch(/^payments\/card-db +workload +StatefulSet +tier 0 +team-payments +topologies\/k8s-demo\/payments\.yaml:\d+$/);
    expect(lines.at(-1)).toBe(`${lines.length - 2} nodes`);
    // A default tier says so, and why; an explicit one (card-db's label) has no reason.
    expect(lines.find((l) => l.startsWith('node:cluster-nodes '))).toMatch(/ tier 0 \(default\) .* Kubernetes node: its kubelet holds the token and secrets of every pod it runs$/);
  });

  it('lists only the tiers the inputs give with --no-default-tiers', () => {
    expect(ids('--tier', '0')).toContain('node:cluster-nodes');
    const r = lateral('nodes', 'topologies/k8s-demo', ...AT, '--tier', '0', '--no-default-tiers', '--json');
    const nodes = (JSON.parse(r.stdout) as { nodes: { id: string; tierReason?: string }[] }).nodes;
    expect(nodes.map((n) => n.id)).not.toContain('node:cluster-nodes');
    expect(nodes.map((n) => n.id)).toContain('payments/card-db');
    expect(nodes.every((n) => n.tierReason === undefined)).toBe(true);
  });

  it('filters by kind or type, tier and text, and the filters combine', () => {
    const all = ids();
    const workloads = ids('--kind', 'workload');
    expect(workloads.length).toBeGreaterThan(0);
    expect(workloads.length).toBeLessThan(all.length);
    expect(ids('--kind', 'StatefulSet')).toEqual(['payments/card-db']);
    expect(ids('--tier', '0')).toContain('payments/card-db');
    expect(ids('--match', 'PAYMENTS').every((id) => id.includes('payments'))).toBe(true);
    expect(ids('--kind', 'workload', '--match', 'payments', '--tier', '0')).toEqual(['payments/card-db']);
    expect(ids('--match', 'no-such-thing')).toEqual([]);
  });

  it('is what "unknown node" points to, with the closest ids', () => {
    const r = lateral('explain', 'topologies/k8s-demo', ...AT, '--from', 'payments/card-bd', '--to', 'payments/payments-api');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown node "payments/card-bd"; did you mean payments/card-db?');
    expect(r.stderr).toContain('`lateral nodes <inputs..>` lists every id');
    const other = lateral('explain', 'topologies/k8s-demo', ...AT, '--from', 'default/card-db', '--to', 'payments/payments-api');
    expect(other.stderr).toContain('did you mean payments/card-db');
  });
});
