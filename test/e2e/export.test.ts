/**
 * End-to-end: the built CLI's `lateral export`, each format read back from disk and compared
 * with `lateral graph --json` of the same input: the same nodes and edges, and network hops
 * that expand to exactly the graph's per-pair hops.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lateral } from '../helpers/cli.js';
import { importCommand } from '../../src/export/neo4j.js';
import type { Readback } from '../export/check.js';
import { readGraphml, readNeo4j, readOpenGraph } from '../export/readback.js';

const INPUT = ['topologies/demo-shop', '--at', '2026-11-24'];
const tmp = mkdtempSync(join(tmpdir(), 'lateral-export-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Decision {
  decision: string;
}
interface GraphJson {
  nodes: { id: string; kind: string; name: string; tier?: number }[];
  edges: { key: string; source: string; target: string; kind: string; traversable: boolean }[];
  classes: { sources: { id: string; members: string[] }[]; targets: { id: string; members: string[] }[] };
  connect: { from: string[]; to: string; port: number; protocol: string; traversable: boolean; decisions: Decision[] }[];
}

// With the denied groups too, so each test can pick.
const graph = JSON.parse(lateral('graph', ...INPUT, '--json', '--denied-connect').stdout) as GraphJson;
const members = new Map([...graph.classes.sources, ...graph.classes.targets].map((c) => [c.id, c.members]));

/** Network hops `source destination port/protocol traversable`, one per workload pair and port, a workload never to itself. */
function expand(groups: Iterable<{ from: readonly string[]; to: readonly string[]; port: unknown; protocol: unknown; traversable: unknown }>): Set<string> {
  const out = new Set<string>();
  for (const g of groups) for (const s of g.from) for (const d of g.to) if (s !== d) out.add(`${s} ${d} ${String(g.port)}/${String(g.protocol)} ${String(g.traversable)}`);
  return out;
}

function graphHops(deniedToo: boolean): Set<string> {
  return expand(graph.connect.filter((g) => deniedToo || g.traversable).map((g) => ({ ...g, from: g.from.flatMap((s) => members.get(s)!), to: members.get(g.to)! })));
}

/** What the export should hold: one connect edge per (target class, port, decisions), its sources the union of those classes. */
function expectedGroups(deniedToo: boolean) {
  const merged = new Map<string, { to: string; sources: Set<string> }>();
  for (const g of graph.connect.filter((x) => deniedToo || x.traversable)) {
    const key = `${g.to} ${g.port}/${g.protocol} ${JSON.stringify(g.decisions)}`;
    if (!merged.has(key)) merged.set(key, { to: g.to, sources: new Set() });
    for (const m of g.from.flatMap((s) => members.get(s)!)) merged.get(key)!.sources.add(m);
  }
  const sourceLists = new Set([...merged.values()].map((m) => [...m.sources].sort().join('\n')));
  const targetClasses = new Set([...merged.values()].map((m) => m.to));
  return {
    connect: merged.size,
    inClass: [...sourceLists].reduce((n, l) => n + l.split('\n').length, 0),
    hasMember: [...targetClasses].reduce((n, t) => n + members.get(t)!.length, 0),
  };
}

function exportHops(rb: Readback): Set<string> {
  const inClass = new Map<string, string[]>();
  const hasMember = new Map<string, string[]>();
  for (const e of rb.edges) {
    if (e.kind === 'in-class') inClass.set(e.target, [...(inClass.get(e.target) ?? []), e.source]);
    if (e.kind === 'has-member') hasMember.set(e.source, [...(hasMember.get(e.source) ?? []), e.target]);
  }
  return expand(rb.edges.filter((e) => e.kind === 'connect').map((e) => ({ port: e.props.port, protocol: e.props.protocol, traversable: e.props.traversable, from: inClass.get(e.source) ?? [], to: hasMember.get(e.target) ?? [] })));
}

function readDir(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

const READERS: Record<string, (files: Map<string, string>) => Readback> = {
  neo4j: (files) => readNeo4j(files),
  opengraph: (files) => readOpenGraph(files.get('opengraph.json')!),
  graphml: (files) => readGraphml(files.get('graph.graphml')!),
};

function compareWithGraph(rb: Readback, deniedToo: boolean): void {
  const real = [...rb.nodes].filter(([, n]) => !n.kind.endsWith('-class'));
  expect(real.map(([id]) => id).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
  for (const n of graph.nodes) {
    const p = rb.nodes.get(n.id)!.props;
    expect([p.kind, p.name, p.tier], n.id).toEqual([n.kind, n.name, n.tier]);
  }
  const edges = rb.edges.filter((e) => !['connect', 'in-class', 'has-member'].includes(e.kind));
  expect(edges.map((e) => e.props.key).sort()).toEqual(graph.edges.map((e) => e.key).sort());
  const byKey = new Map(edges.map((e) => [e.props.key, e]));
  for (const e of graph.edges) {
    const x = byKey.get(e.key)!;
    expect([x.source, x.target, x.kind, x.props.traversable], e.key).toEqual([e.source, e.target, e.kind, e.traversable]);
  }

  const want = expectedGroups(deniedToo);
  const count = (kind: string) => rb.edges.filter((e) => e.kind === kind).length;
  expect({ connect: count('connect'), inClass: count('in-class'), hasMember: count('has-member') }).toEqual(want);
  expect(want.connect).toBeGreaterThan(10);
  expect(exportHops(rb)).toEqual(graphHops(deniedToo));
}

describe('lateral export', () => {
  for (const format of Object.keys(READERS)) {
    it(`--format ${format} writes files that read back to graph --json's nodes, edges and network hops`, () => {
      const out = join(tmp, format);
      const r = lateral('export', ...INPUT, '--format', format, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      const files = readDir(out);
      for (const [name, text] of files) expect(r.stderr).toMatch(new RegExp(`^  ${name.replace('.', '\\.')} +[\\d.]+ k?B$`, 'm'));
      expect(r.stderr).not.toMatch(/[\r\x1b]/); // no progress when stderr is not a terminal
      compareWithGraph(READERS[format]!(files), false);
    });
  }

  it('prints the import command README.txt gives for neo4j', () => {
    const out = join(tmp, 'neo4j-readme');
    const r = lateral('export', ...INPUT, '--format', 'neo4j', '--out', out);
    const command = importCommand(readDir(out));
    expect(r.stderr).toContain(`  cd ${out}\n  ${command}\n`);
    for (const f of readdirSync(out).filter((x) => x.endsWith('.csv'))) expect(command).toMatch(new RegExp(`--(nodes|relationships)=${f}\\b`));
  });

  it('--denied-connect adds the hops an enforcing layer denies', () => {
    const out = join(tmp, 'denied');
    const r = lateral('export', ...INPUT, '--format', 'graphml', '--out', out, '--denied-connect');
    expect(r.code, r.stderr).toBe(0);
    const rb = readGraphml(readFileSync(join(out, 'graph.graphml'), 'utf8'));
    compareWithGraph(rb, true);
    expect(rb.edges.some((e) => e.kind === 'connect' && e.props.traversable === false)).toBe(true);
  });

  it('--json lists the files with their sizes on stdout', () => {
    const out = join(tmp, 'json');
    const r = lateral('export', ...INPUT, '--format', 'opengraph', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { format: string; exportFormat: string; files: { name: string; bytes: number }[] };
    expect(Object.keys(summary)[0]).toBe('format');
    expect(summary.format).toBe('lateral-export/1');
    expect(summary.exportFormat).toBe('opengraph');
    expect(summary.files).toEqual([{ name: 'opengraph.json', bytes: statSync(join(out, 'opengraph.json')).size }]);
  });

  it('refuses a non-empty --out without --force, and with it replaces only its own files', () => {
    const out = join(tmp, 'busy');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.md'), 'mine');
    writeFileSync(join(out, 'rels_stale.csv'), 'from an earlier export');
    const refused = lateral('export', ...INPUT, '--format', 'neo4j', '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`lateral: --out ${out} exists and is not empty; choose another directory or pass --force`);
    expect(readdirSync(out).sort()).toEqual(['notes.md', 'rels_stale.csv']);

    const forced = lateral('export', ...INPUT, '--format', 'neo4j', '--out', out, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    const names = readdirSync(out);
    expect(names).toContain('notes.md');
    expect(names).toContain('README.txt');
    expect(names).not.toContain('rels_stale.csv');
  });

  it('refuses an --out that is a file', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, '');
    const r = lateral('export', ...INPUT, '--format', 'graphml', '--out', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('exists and is not a directory');
  });

  it('rejects an unknown format, naming the choices', () => {
    const r = lateral('export', ...INPUT, '--format', 'csv', '--out', join(tmp, 'csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Invalid values:[\s\S]*format[\s\S]*"neo4j", "opengraph", "graphml"/);
    expect(() => statSync(join(tmp, 'csv'))).toThrow();
  });

  it('--help says what each format is for and what lands in --out', () => {
    const r = lateral('export', '--help');
    expect(r.code).toBe(0);
    for (const s of ['neo4j-admin database import full', 'BloodHound CE', 'GraphML', 'nodes_<kind>.csv', 'opengraph.json', 'graph.graphml', '--force']) expect(r.stdout).toContain(s);
  });
});
