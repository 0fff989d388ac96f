import { expect } from 'vitest';
import type { ExportInput } from '../../src/export/types.js';
import { expectedCounts } from './helpers.js';

/** What a reader recovered from one export, in one shape for every format. */
export interface Readback {
  nodes: Map<string, { kind: string; props: Record<string, unknown> }>;
  edges: { source: string; target: string; kind: string; props: Record<string, unknown> }[];
}

/** Compares a read-back export with the input it was written from. */
export function checkReadback(rb: Readback, input: ExportInput): void {
  const counts = expectedCounts(input);
  expect(rb.nodes.size).toBe(counts.nodes);
  expect(rb.edges.length).toBe(counts.edges);

  for (const { id, attrs: a } of input.nodes) {
    const n = rb.nodes.get(id);
    expect(n, id).toBeDefined();
    expect(n!.kind).toBe(a.kind);
    const p = n!.props;
    expect(p.kind).toBe(a.kind);
    expect(p.name).toBe(a.name);
    expect(p.type).toBe(a.type);
    expect(p.namespace).toBe(a.namespace);
    expect(p.owner).toBe(a.owner);
    expect(p.tier).toBe(a.tier);
    expect(p.labels).toEqual(a.labels ? Object.entries(a.labels).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => `${k}=${v}`) : undefined);
    expect(p.credential === undefined ? undefined : JSON.parse(p.credential as string)).toEqual(a.credential);
    expect(p.source_file).toBe(a.source?.file);
    expect(p.source_doc).toBe(a.source?.doc);
  }

  for (const e of rb.edges) {
    expect(rb.nodes.has(e.source), `edge ${String(e.props.key)} source`).toBe(true);
    expect(rb.nodes.has(e.target), `edge ${String(e.props.key)} target`).toBe(true);
  }
  const byKey = new Map(rb.edges.map((e) => [e.props.key as string, e]));
  expect(byKey.size).toBe(rb.edges.length);

  for (const { key, source, target, attrs: a } of input.edges) {
    const e = byKey.get(key);
    expect(e, key).toBeDefined();
    expect([e!.source, e!.target, e!.kind]).toEqual([source, target, a.kind]);
    const p = e!.props;
    expect([p.rule, p.technique, p.reason, p.cost, p.port, p.protocol, p.pivot]).toEqual([a.rule, a.technique, a.reason, a.cost, a.port, a.protocol, a.pivot]);
    expect(p.actions).toEqual(a.actions);
    expect(p.traversable).toBe(!a.decisions.some((d) => d.decision === 'deny'));
    expect(JSON.parse(p.decisions as string)).toEqual(a.decisions);
  }

  const membership = rb.edges.filter((e) => e.kind === 'in-class' || e.kind === 'has-member');
  expect(membership.length).toBe(counts.membership);
  expect([...rb.nodes.values()].filter((n) => n.kind === 'source-class').length).toBe(counts.sourceClasses);
  expect([...rb.nodes.values()].filter((n) => n.kind === 'destination-class').length).toBe(counts.destinationClasses);

  const connects = rb.edges.filter((e) => e.kind === 'connect');
  expect(connects.length).toBe(input.connect.length);
  for (const g of input.connect) {
    const e = byKey.get(g.id);
    expect(e?.kind, g.id).toBe('connect');
    const p = e!.props;
    expect([p.port, p.protocol, p.traversable]).toEqual([g.port, g.protocol, g.traversable]);
    expect(JSON.parse(p.decisions as string)).toEqual(g.decisions);
    const from = membership.filter((m) => m.kind === 'in-class' && m.target === e!.source).map((m) => m.source).sort();
    const to = membership.filter((m) => m.kind === 'has-member' && m.source === e!.target).map((m) => m.target).sort();
    expect(from).toEqual([...new Set(g.from)].sort());
    expect(to).toEqual([...new Set(g.to)].sort());
    const sc = rb.nodes.get(e!.source)!;
    const dc = rb.nodes.get(e!.target)!;
    expect([sc.kind, dc.kind]).toEqual(['source-class', 'destination-class']);
    expect(sc.props.members).toEqual(from);
    expect(dc.props.members).toEqual(to);
    expect([sc.props.size, dc.props.size]).toEqual([from.length, to.length]);
  }
  for (const m of membership) expect(m.props.traversable).toBe(true);
}
