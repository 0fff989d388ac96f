/**
 * BloodHound CE OpenGraph: one JSON payload,
 *   { "metadata": { "source_kind": "Lateral" }, "graph": { "nodes": [...], "edges": [...] } }
 *
 * Schema facts this follows (BloodHound OpenGraph node/edge JSON schemas):
 * - a node is `{ id, kinds, properties }`; `kinds` holds at most three strings, the first is
 *   the primary kind (icon); kinds must not overlap built-in ones, hence the `Lateral_` prefix;
 *   `metadata.source_kind` is appended to every node's kinds at ingest (we send two, so three).
 * - properties are flat: strings, numbers, booleans or homogeneous arrays of primitives, no null,
 *   lower-case names, and never `objectid` (the top-level `id` becomes it). Nested values
 *   (decisions, credential) travel as JSON strings, a missing value is left out.
 * - an edge is `{ kind, start: { value, match_by: "id" }, end: {...}, properties }`, and its
 *   kind matches `^[A-Za-z0-9_]+$` (no dashes; PascalCase recommended).
 * - at ingest BloodHound upper-cases the `name` property and overwrites `lastseen`; the node's
 *   exact name stays readable through its `id` and the other properties.
 */
import { edgeFields, nodeFields, shape, type ExportEdgeKind, type ExportNodeKind, type PropValue } from './shape.js';
import type { ExportFiles, ExportInput } from './types.js';

export const SOURCE_KIND = 'Lateral';
export const KIND_PREFIX = 'Lateral_';
export const COMMON_KIND = `${KIND_PREFIX}Node`;
export const CLASS_KIND = `${KIND_PREFIX}ConnectClass`;

/** `read-secret` → `Lateral_ReadSecret` */
function pascal(kind: string): string {
  return KIND_PREFIX + kind.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

export function ogNodeKinds(kind: ExportNodeKind): [string, string] {
  return [pascal(kind), kind === 'source-class' || kind === 'destination-class' ? CLASS_KIND : COMMON_KIND];
}

export function ogEdgeKind(kind: ExportEdgeKind): string {
  return pascal(kind);
}

export interface OpenGraphNode {
  id: string;
  kinds: string[];
  properties: Record<string, PropValue>;
}
export interface OpenGraphEdge {
  kind: string;
  start: { value: string; match_by: 'id' };
  end: { value: string; match_by: 'id' };
  properties: Record<string, PropValue>;
}
export interface OpenGraphPayload {
  metadata: { source_kind: string };
  graph: { nodes: OpenGraphNode[]; edges: OpenGraphEdge[] };
}

export function exportOpenGraph(input: ExportInput): ExportFiles {
  const g = shape(input);
  const payload: OpenGraphPayload = {
    metadata: { source_kind: SOURCE_KIND },
    graph: {
      nodes: g.nodes.map((n) => ({
        id: n.id,
        kinds: ogNodeKinds(n.kind),
        properties: pick(n.props, nodeFields(n.kind).map((f) => f.name)),
      })),
      edges: g.edges.map((e) => ({
        kind: ogEdgeKind(e.kind),
        start: { value: e.source, match_by: 'id' as const },
        end: { value: e.target, match_by: 'id' as const },
        properties: pick(e.props, edgeFields(e.kind).map((f) => f.name)),
      })),
    },
  };
  return new Map([['opengraph.json', JSON.stringify(payload, null, 2) + '\n']]);
}

/** In field order, so key order never depends on how the input objects were built. */
function pick(props: Readonly<Record<string, PropValue>>, names: readonly string[]): Record<string, PropValue> {
  const out: Record<string, PropValue> = {};
  for (const k of names) {
    const v = props[k];
    if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) continue; // JSON has no NaN/Infinity, and null is not allowed
    out[k] = Array.isArray(v) ? [...v] : v;
  }
  return out;
}
