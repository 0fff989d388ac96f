/**
 * The format-neutral shape every exporter writes: real nodes and edges with flat, typed
 * properties, plus the connect groups turned into class nodes so that nothing is quadratic.
 *
 * A connect group `{ from, to, port }` becomes
 *   member -[in-class]-> source class -[connect]-> destination class -[has-member]-> member
 * where each distinct (sorted, de-duplicated) `from` list is one source class and each distinct
 * `to` list one destination class, shared by every group with the same list. Output size is
 * linear in the input: nodes + classes, edges + groups + the sum of distinct class sizes.
 *
 * Everything is sorted by code unit (never by locale), so the same input in any order gives the
 * same bytes.
 */
import { createHash } from 'node:crypto';
import type { EdgeKind, NodeAttrs, NodeKind } from '../graph/types.js';
import { blocks, type Decision } from '../policy/decision.js';
import type { ExportInput } from './types.js';

export type ExportNodeKind = NodeKind | 'source-class' | 'destination-class';
export type ExportEdgeKind = EdgeKind | 'in-class' | 'has-member';

export const EXPORT_NODE_KINDS: readonly ExportNodeKind[] = ['workload', 'identity', 'resource', 'secret', 'pipeline', 'network', 'source-class', 'destination-class'];
export const EXPORT_EDGE_KINDS: readonly ExportEdgeKind[] = [
  'runs-as', 'assume', 'grant', 'escalate', 'read-secret', 'exec', 'deploy', 'modify', 'in-class', 'connect', 'has-member',
];

/** Property types, named as Neo4j's import header names them; nested values travel as JSON strings. */
export type FieldType = 'string' | 'int' | 'double' | 'boolean' | 'string[]';
export interface Field {
  name: string;
  type: FieldType;
  /** the string holds JSON (decisions, credential) */
  json?: boolean;
}
export type PropValue = string | number | boolean | readonly string[];
/** Only defined values; keys are field names. */
export type Props = Readonly<Record<string, PropValue>>;

export interface OutNode {
  id: string;
  kind: ExportNodeKind;
  props: Props;
}
export interface OutEdge {
  /** unique across every exported edge */
  key: string;
  source: string;
  target: string;
  kind: ExportEdgeKind;
  props: Props;
}
export interface ExportGraph {
  /** sorted by id */
  nodes: OutNode[];
  /** sorted by key */
  edges: OutEdge[];
}

/** Properties of workloads, identities, resources, secrets, pipelines. */
export const NODE_FIELDS: readonly Field[] = [
  { name: 'kind', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'namespace', type: 'string' },
  { name: 'owner', type: 'string' },
  { name: 'tier', type: 'int' },
  /** `key=value`, sorted by key */
  { name: 'labels', type: 'string[]' },
  { name: 'credential', type: 'string', json: true },
  { name: 'source_file', type: 'string' },
  { name: 'source_doc', type: 'int' },
];

/** Properties of source and destination class nodes. */
export const CLASS_FIELDS: readonly Field[] = [
  { name: 'kind', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'size', type: 'int' },
  { name: 'members', type: 'string[]' },
];

/** Properties of every non-connect edge of the graph. */
export const EDGE_FIELDS: readonly Field[] = [
  { name: 'kind', type: 'string' },
  { name: 'key', type: 'string' },
  { name: 'rule', type: 'string' },
  { name: 'technique', type: 'string' },
  { name: 'reason', type: 'string' },
  { name: 'cost', type: 'double' },
  { name: 'port', type: 'int' },
  { name: 'protocol', type: 'string' },
  { name: 'actions', type: 'string[]' },
  { name: 'pivot', type: 'boolean' },
  { name: 'traversable', type: 'boolean' },
  { name: 'decisions', type: 'string', json: true },
];

/** Properties of a connect group's edge between its two class nodes. */
export const CONNECT_FIELDS: readonly Field[] = [
  { name: 'kind', type: 'string' },
  { name: 'key', type: 'string' },
  { name: 'port', type: 'int' },
  { name: 'protocol', type: 'string' },
  { name: 'traversable', type: 'boolean' },
  { name: 'decisions', type: 'string', json: true },
];

/** Properties of the membership edges (`in-class`, `has-member`): always traversable, so path queries pass through classes. */
export const MEMBER_FIELDS: readonly Field[] = [
  { name: 'kind', type: 'string' },
  { name: 'key', type: 'string' },
  { name: 'traversable', type: 'boolean' },
];

export function nodeFields(kind: ExportNodeKind): readonly Field[] {
  return kind === 'source-class' || kind === 'destination-class' ? CLASS_FIELDS : NODE_FIELDS;
}

export function edgeFields(kind: ExportEdgeKind): readonly Field[] {
  return kind === 'connect' ? CONNECT_FIELDS : kind === 'in-class' || kind === 'has-member' ? MEMBER_FIELDS : EDGE_FIELDS;
}

/** Every field any node (edge) may carry, each name once, in declaration order. */
export const ALL_NODE_FIELDS: readonly Field[] = union(NODE_FIELDS, CLASS_FIELDS);
export const ALL_EDGE_FIELDS: readonly Field[] = union(EDGE_FIELDS, CONNECT_FIELDS, MEMBER_FIELDS);

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Decisions as JSON with a fixed key order, whatever order the objects were built in. */
export function decisionsJson(decisions: readonly Omit<Decision, 'reason'>[] | readonly Decision[]): string {
  return JSON.stringify(
    decisions.map((d) => {
      const o: Record<string, unknown> = { layer: d.layer, decision: d.decision, policy: d.policy };
      if (d.version !== undefined) o.version = d.version;
      if (d.rule !== undefined) o.rule = d.rule;
      if ('reason' in d && d.reason !== undefined) o.reason = d.reason;
      return o;
    }),
  );
}

/** `source-class:<16 hex>` from the sorted member list, so a class keeps its id whatever groups share it. */
export function classId(role: 'source' | 'destination', members: readonly string[]): string {
  return `${role}-class:${createHash('sha256').update(JSON.stringify(members)).digest('hex').slice(0, 16)}`;
}

export function shape(input: ExportInput): ExportGraph {
  const nodes: OutNode[] = [];
  const ids = new Set<string>();
  for (const { id, attrs: a } of input.nodes) {
    if (ids.has(id)) throw new Error(`lateral export: duplicate node id "${id}"`);
    ids.add(id);
    nodes.push({
      id,
      kind: a.kind,
      props: defined({
        kind: a.kind,
        name: a.name,
        type: a.type,
        namespace: a.namespace,
        owner: a.owner,
        tier: a.tier,
        labels: a.labels && Object.keys(a.labels).length > 0 ? Object.entries(a.labels).sort((x, y) => cmp(x[0], y[0])).map(([k, v]) => `${k}=${v}`) : undefined,
        credential: a.credential ? credentialJson(a.credential) : undefined,
        source_file: a.source?.file,
        source_doc: a.source?.doc,
      }),
    });
  }

  const edges: OutEdge[] = [];
  const keys = new Set<string>();
  const known = (id: string, what: string) => {
    if (!ids.has(id)) throw new Error(`lateral export: ${what} names unknown node "${id}"`);
  };
  const addEdge = (e: OutEdge) => {
    if (keys.has(e.key)) throw new Error(`lateral export: duplicate edge key "${e.key}"`);
    keys.add(e.key);
    edges.push(e);
  };

  for (const { key, source, target, attrs: a } of input.edges) {
    if (a.kind === 'connect') throw new Error(`lateral export: edge "${key}" is a connect edge; connect edges travel as groups`);
    known(source, `edge "${key}"`);
    known(target, `edge "${key}"`);
    addEdge({
      key,
      source,
      target,
      kind: a.kind,
      props: defined({
        kind: a.kind,
        key,
        rule: a.rule,
        technique: a.technique,
        reason: a.reason,
        cost: a.cost,
        port: a.port,
        protocol: a.protocol,
        actions: a.actions && a.actions.length > 0 ? a.actions : undefined,
        pivot: a.pivot,
        traversable: !a.decisions.some((d) => blocks(d)),
        decisions: decisionsJson(a.decisions),
      }),
    });
  }

  // Class nodes: one per distinct member list and role.
  const classes = new Map<string, { role: 'source' | 'destination'; members: string[] }>();
  // Groups of one class usually share its member array: sort, check and hash each array once.
  const byArray = { source: new Map<readonly string[], string>(), destination: new Map<readonly string[], string>() };
  const classOf = (role: 'source' | 'destination', list: readonly string[], group: string): string => {
    let id = byArray[role].get(list);
    if (id === undefined) byArray[role].set(list, (id = newClassOf(role, list, group)));
    return id;
  };
  const newClassOf = (role: 'source' | 'destination', list: readonly string[], group: string): string => {
    const members = [...new Set(list)].sort(cmp);
    for (const m of members) known(m, `connect group "${group}"`);
    const id = classId(role, members);
    const seen = classes.get(id);
    if (!seen) {
      if (ids.has(id)) throw new Error(`lateral export: class id "${id}" clashes with a node id`);
      classes.set(id, { role, members });
    } else if (JSON.stringify(seen.members) !== JSON.stringify(members)) {
      throw new Error(`lateral export: class id collision on "${id}"`);
    }
    return id;
  };

  const groupIds = new Set<string>();
  for (const g of input.connect) {
    if (groupIds.has(g.id)) throw new Error(`lateral export: duplicate connect group id "${g.id}"`);
    groupIds.add(g.id);
    const from = classOf('source', g.from, g.id);
    const to = classOf('destination', g.to, g.id);
    addEdge({
      key: g.id,
      source: from,
      target: to,
      kind: 'connect',
      props: defined({ kind: 'connect', key: g.id, port: g.port, protocol: g.protocol, traversable: g.traversable, decisions: decisionsJson(g.decisions) }),
    });
  }

  for (const [id, { role, members }] of classes) {
    const kind = role === 'source' ? 'source-class' : 'destination-class';
    nodes.push({ id, kind, props: { kind, name: className(role, members), size: members.length, members } });
    for (const m of members) {
      const [source, target, ekind] = role === 'source' ? [m, id, 'in-class' as const] : [id, m, 'has-member' as const];
      const key = `${ekind}:${source}->${target}`;
      addEdge({ key, source, target, kind: ekind, props: { kind: ekind, key, traversable: true } });
    }
  }

  nodes.sort((a, b) => cmp(a.id, b.id));
  edges.sort((a, b) => cmp(a.key, b.key));
  return { nodes, edges };
}

function className(role: 'source' | 'destination', members: readonly string[]): string {
  const shown = members.slice(0, 3).join(', ');
  return `${role}s: ${shown}${members.length > 3 ? ` +${members.length - 3} more` : ''}`;
}

function credentialJson(c: NonNullable<NodeAttrs['credential']>): string {
  return c.type === 'short-lived'
    ? JSON.stringify({ type: c.type, ttlMinutes: c.ttlMinutes })
    : JSON.stringify(c.ageDays !== undefined ? { type: c.type, ageDays: c.ageDays } : { type: c.type });
}

function defined(o: Record<string, PropValue | undefined>): Props {
  const out: Record<string, PropValue> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

function union(...lists: (readonly Field[])[]): Field[] {
  const out: Field[] = [];
  const seen = new Set<string>();
  for (const list of lists)
    for (const f of list)
      if (!seen.has(f.name)) {
        seen.add(f.name);
        out.push(f);
      }
  return out;
}
