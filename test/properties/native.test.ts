/** Invariants the engine keeps on any native topology (issue 3's property list). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeEstate } from '../../src/engine/estate.js';
import { blocks } from '../../src/policy/decision.js';
import { decideHop } from '../../src/policy/hop.js';
import { PolicyContext } from '../../src/policy/context.js';
import { built, load, netRule, reachable, topo, type Topo } from '../helpers/native-gen.js';

const RUNS = { numRuns: 40 };

describe('native topology properties', () => {
  it('adding an allow rule never shrinks any reachable set', () => {
    fc.assert(
      fc.property(topo, netRule, fc.constantFrom('network' as const, 'mesh' as const), (t, rule, layer) => {
        const allow = { ...rule, action: 'allow' as const };
        const more: Topo = { ...t, policies: [...t.policies, { name: 'extra', layer, mode: 'enforce', rules: [layer === 'mesh' ? { to: allow.to, ports: allow.ports } : allow] }] };
        const before = reachable(load(t));
        const after = reachable(load(more));
        for (const [entry, nodes] of before) expect(after.get(entry), entry).toEqual(expect.arrayContaining(nodes));
      }),
      RUNS,
    );
  });

  it('an enforcing deny always blocks the hop it matches', () => {
    fc.assert(
      fc.property(topo, fc.constantFrom('network' as const, 'mesh' as const), (t, layer) => {
        const m0 = load(t);
        const [from, to] = [m0.workloads[0]!, m0.workloads[1]!];
        const deny = { action: 'deny', to: { namespace: to.namespace, labels: to.labels }, ports: [] };
        const rule = layer === 'network' ? { ...deny, from: { namespace: from.namespace, labels: from.labels } } : deny;
        const m = load({ ...t, policies: [...t.policies, { name: 'deny', layer, mode: 'enforce', rules: [rule] }] });
        const ctx = new PolicyContext(m, { at: '2026-11-24' });
        const w = (id: string) => m.workloads.find((x) => x.id === id)!;
        const decisions = decideHop(ctx, { from: { workload: w(from.id) }, to: { workload: w(to.id) }, port: to.ports[0]!.port, protocol: 'TCP' });
        expect(decisions.some((d) => d.layer === layer && blocks(d))).toBe(true);
      }),
      RUNS,
    );
  });

  it('observe-mode policies never change reachability', () => {
    fc.assert(
      fc.property(topo, (t) => {
        const enforcedOnly: Topo = { ...t, policies: t.policies.filter((p) => p.mode === 'enforce') };
        expect(reachable(load(t))).toEqual(reachable(load(enforcedOnly)));
      }),
      RUNS,
    );
  });

  it('the graph is byte-identical across runs and input file order', () => {
    fc.assert(
      fc.property(topo, fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }), (t, order) => {
        const run = (o?: number[]) => {
          const { graph, g } = built(load(t, o));
          // Sources name temporary files; everything else must be identical.
          return JSON.stringify({ graph: graph.export(), estate: analyzeEstate(graph, g) }).replace(/lateral-prop-[^/\\"]+/g, 'tmp');
        };
        expect(run(order)).toBe(run());
      }),
      RUNS,
    );
  });

  it('blocked % is within [0, 100], and 0 without network or mesh policy', () => {
    fc.assert(
      fc.property(topo, (t) => {
        const { graph, g } = built(load(t));
        const pct = analyzeEstate(graph, g).blockedPercent;
        expect(pct).toBeGreaterThanOrEqual(0);
        expect(pct).toBeLessThanOrEqual(100);
        const open: Topo = { ...t, policies: [], namespaces: t.namespaces.map((n) => ({ name: n.name })) };
        const flat = built(load(open));
        expect(analyzeEstate(flat.graph, flat.g).blockedPercent).toBe(0);
      }),
      RUNS,
    );
  });
});
