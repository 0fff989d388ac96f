import { describe, expect, it } from 'vitest';
import { exportOpenGraph, type OpenGraphPayload } from '../../src/export/opengraph.js';
import { checkReadback, type Readback } from './check.js';
import { HOSTILE, INPUT, shuffled } from './helpers.js';

const KIND_OF: Record<string, string> = {
  Lateral_Workload: 'workload', Lateral_Identity: 'identity', Lateral_Resource: 'resource', Lateral_Secret: 'secret', Lateral_Pipeline: 'pipeline', Lateral_Network: 'network',
  Lateral_SourceClass: 'source-class', Lateral_DestinationClass: 'destination-class',
};
const EDGE_KIND_OF: Record<string, string> = {
  Lateral_RunsAs: 'runs-as', Lateral_Assume: 'assume', Lateral_Grant: 'grant', Lateral_Escalate: 'escalate', Lateral_ReadSecret: 'read-secret', Lateral_Exec: 'exec',
  Lateral_Deploy: 'deploy', Lateral_Modify: 'modify', Lateral_Connect: 'connect', Lateral_InClass: 'in-class', Lateral_HasMember: 'has-member',
};

/** The constraints of BloodHound's OpenGraph node and edge schemas, checked by hand. */
function checkSchema(doc: unknown): asserts doc is OpenGraphPayload {
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

function readBack(text: string): Readback {
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

describe('BloodHound OpenGraph export', () => {
  const files = exportOpenGraph(INPUT);

  it('writes one opengraph.json that follows the OpenGraph schema', () => {
    expect([...files.keys()]).toEqual(['opengraph.json']);
    checkSchema(JSON.parse(files.get('opengraph.json')!));
  });

  it('reads back to the input: nodes, edges, attributes, one connect edge per group between its class nodes', () => {
    checkReadback(readBack(files.get('opengraph.json')!), INPUT);
  });

  it('keeps hostile strings intact', () => {
    const rb = readBack(files.get('opengraph.json')!);
    expect(rb.nodes.get('shop/db,"primary"\nreplica')!.props.name).toBe(HOSTILE);
    expect(rb.edges.find((e) => e.kind === 'assume')!.props.reason).toBe(HOSTILE);
  });

  it('is deterministic and independent of input order', () => {
    expect([...exportOpenGraph(shuffled(INPUT))]).toEqual([...files]);
  });
});
