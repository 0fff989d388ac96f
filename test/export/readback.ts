/**
 * Readers of each export format, back into one `Readback` shape: shared by the exporters' unit
 * tests and the end-to-end tests of `lateral export`.
 */
import { MultiDirectedGraph } from 'graphology';
import { parse } from 'graphology-graphml';
import { expect } from 'vitest';
import { ARRAY_DELIMITER } from '../../src/export/neo4j.js';
import type { OpenGraphPayload } from '../../src/export/opengraph.js';
import type { Readback } from './check.js';
import { readNeo4jCsv } from './helpers.js';

const KIND_OF_LABEL: Record<string, string> = {
  Workload: 'workload', Identity: 'identity', Resource: 'resource', Secret: 'secret', Pipeline: 'pipeline', Network: 'network',
  SourceClass: 'source-class', DestinationClass: 'destination-class',
};

/** The Neo4j CSVs read the way neo4j-admin reads them, checking labels, types and file names on the way. */
export function readNeo4j(files: ReadonlyMap<string, string>): Readback {
  const rb: Readback = { nodes: new Map(), edges: [] };
  for (const [name, text] of files) {
    if (name.startsWith('nodes_')) {
      const { header, rows } = readNeo4jCsv(text, ARRAY_DELIMITER);
      expect(header.slice(0, 2)).toEqual([{ name: 'id', type: 'ID' }, { name: '', type: 'LABEL' }]);
      for (const { id, ':LABEL': labels, ...props } of rows) {
        const ls = labels as string[];
        expect(ls).toHaveLength(2);
        expect(['LateralNode', 'ConnectClass']).toContain(ls[0]);
        const kind = KIND_OF_LABEL[ls[1]!]!;
        expect(props.kind).toBe(kind);
        expect(name).toBe(`nodes_${kind.replace('-', '_')}.csv`);
        expect(rb.nodes.has(id as string), `duplicate ${String(id)}`).toBe(false);
        rb.nodes.set(id as string, { kind, props });
      }
    } else if (name.startsWith('rels_')) {
      const { header, rows } = readNeo4jCsv(text, ARRAY_DELIMITER);
      expect(header.slice(0, 3).map((h) => h.type)).toEqual(['START_ID', 'END_ID', 'TYPE']);
      for (const { ':START_ID': source, ':END_ID': target, ':TYPE': type, ...props } of rows) {
        expect(type).toMatch(/^[A-Z][A-Z_]*$/);
        expect(type).toBe((props.kind as string).toUpperCase().replace('-', '_'));
        expect(name).toBe(`rels_${(type as string).toLowerCase()}.csv`);
        rb.edges.push({ source: source as string, target: target as string, kind: props.kind as string, props });
      }
    }
  }
  return rb;
}

const KIND_OF: Record<string, string> = {
  Lateral_Workload: 'workload', Lateral_Identity: 'identity', Lateral_Resource: 'resource', Lateral_Secret: 'secret', Lateral_Pipeline: 'pipeline', Lateral_Network: 'network',
  Lateral_SourceClass: 'source-class', Lateral_DestinationClass: 'destination-class',
};
const EDGE_KIND_OF: Record<string, string> = {
  Lateral_RunsAs: 'runs-as', Lateral_Assume: 'assume', Lateral_Grant: 'grant', Lateral_Escalate: 'escalate', Lateral_ReadSecret: 'read-secret', Lateral_Exec: 'exec',
  Lateral_Deploy: 'deploy', Lateral_Modify: 'modify', Lateral_Connect: 'connect', Lateral_InClass: 'in-class', Lateral_HasMember: 'has-member',
};

/** The constraints of BloodHound's OpenGraph node and edge schemas, checked by hand. */
export function checkSchema(doc: unknown): asserts doc is OpenGraphPayload {
  const d = doc as Record<string, unknown>;
  expect(Object.keys(d).sort()).toEqual(['graph', 'metadata']);
  expect(d.metadata).toEqual({ source_kind: 'Lateral' });
  const graph = d.graph as { nodes: unknown[]; edges: unknown[] };
  expect(Object.keys(graph).sort()).toEqual(['edges', 'nodes']);
  const flat = (props: unknown) => {
    expect(props !== null && typeof props === 'object' && !Array.isArray(props)).toBe(true);
    for (const [k, v] of Object.entries(props as object)) {
      expect(k).toMatch(/^[a-z_]+$/);
      expect(k).not.toBe('objectid');
      if (Array.isArray(v)) {
        expect(v.length).toBeGreaterThan(0);
        expect(new Set(v.map((x) => typeof x)).size).toBe(1);
        expect(['string', 'number', 'boolean']).toContain(typeof v[0]);
      } else expect(['string', 'number', 'boolean']).toContain(typeof v);
    }
  };
  for (const n of graph.nodes as Record<string, unknown>[]) {
    expect(Object.keys(n).sort()).toEqual(['id', 'kinds', 'properties']);
    expect(typeof n.id).toBe('string');
    const kinds = n.kinds as string[];
    // at most three kinds once ingest appends metadata.source_kind
    expect(kinds.length).toBeGreaterThanOrEqual(1);
    expect(kinds.length + 1).toBeLessThanOrEqual(3);
    for (const k of kinds) expect(k).toMatch(/^Lateral_[A-Za-z]+$/);
    flat(n.properties);
  }
  for (const e of graph.edges as Record<string, unknown>[]) {
    expect(Object.keys(e).sort()).toEqual(['end', 'kind', 'properties', 'start']);
    expect(e.kind).toMatch(/^[A-Za-z0-9_]+$/);
    for (const end of [e.start, e.end] as Record<string, unknown>[]) {
      expect(Object.keys(end).sort()).toEqual(['match_by', 'value']);
      expect(end.match_by).toBe('id');
      expect(typeof end.value).toBe('string');
    }
    flat(e.properties);
  }
}

/** opengraph.json parsed and checked against BloodHound's OpenGraph schema. */
export function readOpenGraph(text: string): Readback {
  const doc: unknown = JSON.parse(text);
  checkSchema(doc);
  const rb: Readback = { nodes: new Map(), edges: [] };
  for (const n of doc.graph.nodes) {
    const kind = KIND_OF[n.kinds[0]!]!;
    expect(n.kinds[1]).toBe(kind.endsWith('-class') ? 'Lateral_ConnectClass' : 'Lateral_Node');
    expect(n.properties.kind).toBe(kind);
    expect(rb.nodes.has(n.id)).toBe(false);
    rb.nodes.set(n.id, { kind, props: n.properties });
  }
  for (const e of doc.graph.edges) {
    const kind = EDGE_KIND_OF[e.kind]!;
    expect(e.properties.kind).toBe(kind);
    rb.edges.push({ source: e.start.value, target: e.end.value, kind, props: e.properties });
  }
  return rb;
}

const ARRAYS = new Set(['labels', 'actions', 'members']);

/** graph.graphml through graphology-graphml's parser. */
export function readGraphml(xml: string): Readback {
  const g = parse(MultiDirectedGraph, xml);
  const rb: Readback = { nodes: new Map(), edges: [] };
  const unpack = (a: Record<string, unknown>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, ARRAYS.has(k) ? JSON.parse(v as string) : v]));
  g.forEachNode((id, a) => rb.nodes.set(id, { kind: a.kind as string, props: unpack(a) }));
  g.forEachEdge((key, a, source, target) => {
    expect(a.key).toBe(key);
    rb.edges.push({ source, target, kind: a.kind as string, props: unpack(a) });
  });
  return rb;
}
