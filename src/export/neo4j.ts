/**
 * Neo4j: the CSV layout of `neo4j-admin database import full` — one nodes file per node kind,
 * one relationships file per relationship type, plus `load.cypher` (constraints, indexes,
 * example queries) and `README.txt` (the import command line).
 *
 * Header syntax: `id:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed columns
 * (`tier:int`, `cost:double`, `traversable:boolean`, `labels:string[]`); untyped columns are
 * strings. Strings are always double-quoted with inner quotes doubled (RFC 4180, the importer's
 * default `--quote`); a missing value is an empty unquoted field, which the importer skips.
 * Arrays (and `:LABEL`) are joined with U+001F, passed as `--array-delimiter=U+001F`: the
 * importer has no escape for its array delimiter, and no label, action or node id holds U+001F.
 */
import {
  EXPORT_EDGE_KINDS,
  EXPORT_NODE_KINDS,
  edgeFields,
  nodeFields,
  shape,
  type ExportEdgeKind,
  type ExportNodeKind,
  type Field,
  type PropValue,
} from './shape.js';
import type { ExportFiles, ExportInput } from './types.js';

export const ARRAY_DELIMITER = '\u001f';
/** How the README spells the delimiter for `--array-delimiter`. */
export const ARRAY_DELIMITER_OPTION = 'U+001F';

/** The label a node kind gets next to the common `LateralNode` (class nodes: `ConnectClass`). */
export const NODE_LABELS: Readonly<Record<ExportNodeKind, string>> = {
  workload: 'Workload',
  identity: 'Identity',
  resource: 'Resource',
  secret: 'Secret',
  pipeline: 'Pipeline',
  network: 'Network',
  'source-class': 'SourceClass',
  'destination-class': 'DestinationClass',
};
export const COMMON_LABEL = 'LateralNode';
export const CLASS_LABEL = 'ConnectClass';

/** Relationship type of an edge kind: upper snake case (`read-secret` → `READ_SECRET`). */
export function relType(kind: ExportEdgeKind): string {
  return kind.toUpperCase().replace(/-/g, '_');
}

export function nodeLabels(kind: ExportNodeKind): string[] {
  return [kind === 'source-class' || kind === 'destination-class' ? CLASS_LABEL : COMMON_LABEL, NODE_LABELS[kind]];
}

export function nodesFile(kind: ExportNodeKind): string {
  return `nodes_${kind.replace(/-/g, '_')}.csv`;
}

export function relsFile(kind: ExportEdgeKind): string {
  return `rels_${relType(kind).toLowerCase()}.csv`;
}

/** Whether `name` is a file some Neo4j export writes, so that `--force` also removes a previous export's stale ones. */
export function isNeo4jFile(name: string): boolean {
  return /^(nodes|rels)_[a-z_]+\.csv$/.test(name) || name === 'load.cypher' || name === 'README.txt';
}

export function exportNeo4j(input: ExportInput): ExportFiles {
  const g = shape(input);
  const files: ExportFiles = new Map();
  const nodeFiles: string[] = [];
  const relFiles: string[] = [];
  let multiline = false;
  const cell = (value: PropValue | undefined, f: Pick<Field, 'type'>): string => {
    const c = csvValue(value, f.type);
    if (/[\n\r]/.test(c)) multiline = true;
    return c;
  };

  for (const kind of EXPORT_NODE_KINDS) {
    const nodes = g.nodes.filter((n) => n.kind === kind);
    if (nodes.length === 0) continue;
    const fields = nodeFields(kind);
    const labels = nodeLabels(kind);
    const lines = [['id:ID', ':LABEL', ...fields.map(header)].join(',')];
    for (const n of nodes) lines.push([cell(n.id, { type: 'string' }), cell(labels, { type: 'string[]' }), ...fields.map((f) => cell(n.props[f.name], f))].join(','));
    const name = nodesFile(kind);
    files.set(name, lines.join('\n') + '\n');
    nodeFiles.push(name);
  }

  for (const kind of EXPORT_EDGE_KINDS) {
    const edges = g.edges.filter((e) => e.kind === kind);
    if (edges.length === 0) continue;
    const fields = edgeFields(kind);
    const type = relType(kind);
    const lines = [[':START_ID', ':END_ID', ':TYPE', ...fields.map(header)].join(',')];
    for (const e of edges) lines.push([cell(e.source, { type: 'string' }), cell(e.target, { type: 'string' }), type, ...fields.map((f) => cell(e.props[f.name], f))].join(','));
    const name = relsFile(kind);
    files.set(name, lines.join('\n') + '\n');
    relFiles.push(name);
  }

  files.set('load.cypher', LOAD_CYPHER);
  files.set('README.txt', readme(nodeFiles, relFiles, multiline));
  return new Map([...files].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

function header(f: Field): string {
  return f.type === 'string' ? f.name : `${f.name}:${f.type}`;
}

/** One CSV field. Strings always quoted (so `""` is an empty string and an empty field is no value). */
export function csvValue(value: PropValue | undefined, type: Field['type']): string {
  if (value === undefined) return '';
  if (type === 'string[]') {
    const items = value as readonly string[];
    if (items.length === 0) return '';
    return quote(items.map((s) => s.replaceAll(ARRAY_DELIMITER, '\ufffd')).join(ARRAY_DELIMITER));
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quote(String(value));
}

function quote(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

const IMPORT = 'neo4j-admin database import full';

/** The import command line README.txt gives (continuation lines and all), so the CLI prints exactly what the README says. */
export function importCommand(files: ExportFiles): string {
  const readme = files.get('README.txt') ?? '';
  const at = readme.indexOf(IMPORT);
  if (at < 0) throw new Error('lateral export: README.txt gives no import command');
  return readme.slice(at, readme.indexOf('\n\n', at));
}

function readme(nodeFiles: string[], relFiles: string[], multiline: boolean): string {
  const args = [
    `${IMPORT} neo4j`,
    `--array-delimiter=${ARRAY_DELIMITER_OPTION}`,
    '--legacy-style-quoting=false',
    ...(multiline ? ['--multiline-fields=true'] : []),
    ...nodeFiles.map((f) => `--nodes=${f}`),
    ...relFiles.map((f) => `--relationships=${f}`),
  ];
  return `lateral attack-path graph for Neo4j
===================================

Files
  nodes_<kind>.csv     one per node kind; header  id:ID,:LABEL,<properties>
  rels_<type>.csv      one per relationship type; header  :START_ID,:END_ID,:TYPE,<properties>
  load.cypher          constraints, indexes and example queries (commented out)

Import (Neo4j 5 or later), from this folder, into a database that does not exist yet
(or add --overwrite-destination=true):

  ${args.join(' \\\n    ')}

Then start Neo4j (CREATE DATABASE neo4j if it is not the default database) and run

  cypher-shell -d neo4j -f load.cypher

Notes
- The database name stands right after "full": --nodes and --relationships take several
  files each, and a trailing name would be read as one more file.
- Array values (:LABEL, labels, actions, members) are separated by U+001F, hence
  --array-delimiter=U+001F; an array element that itself holds U+001F gets U+FFFD instead.
- Strings are double-quoted with inner quotes doubled; a backslash is an ordinary character
  (--legacy-style-quoting=false). ${multiline ? 'Some values hold line breaks, hence --multiline-fields=true.' : 'No value holds a line break, so --multiline-fields is not needed.'}
- decisions and credential are JSON strings (apoc.convert.fromJsonList(r.decisions)).
- Labels: every graph node is :${COMMON_LABEL} plus one of :${['workload', 'identity', 'resource', 'secret', 'pipeline', 'network'].map((k) => NODE_LABELS[k as ExportNodeKind]).join(', :')}.
  Network reachability is grouped so that nothing is quadratic: one connect group is
    (member)-[:IN_CLASS]->(:SourceClass)-[:CONNECT {port, protocol, traversable}]->(:DestinationClass)-[:HAS_MEMBER]->(member)
  (both class labels also carry :${CLASS_LABEL}), so one network hop is three relationships,
  and a workload never connects to itself through its own classes.
- traversable is false when an enforcing layer denies the hop; IN_CLASS and HAS_MEMBER are
  always traversable. lateral export writes only the CONNECTs no layer denies unless run
  with --denied-connect (denied hops mostly come from "every other workload": quadratic).
  Graph reachability here treats every reached workload as a foothold (like lateral
  --pivot); lateral's own blast radius stops at non-exploitable destinations.
`;
}

const LOAD_CYPHER = `// lateral attack-path graph: schema and example queries.
// Run once after the import, with the database online:  cypher-shell -d neo4j -f load.cypher

CREATE CONSTRAINT lateral_node_id IF NOT EXISTS FOR (n:${COMMON_LABEL}) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT lateral_class_id IF NOT EXISTS FOR (n:${CLASS_LABEL}) REQUIRE n.id IS UNIQUE;
CREATE INDEX lateral_node_tier IF NOT EXISTS FOR (n:${COMMON_LABEL}) ON (n.tier);
CREATE INDEX lateral_node_kind IF NOT EXISTS FOR (n:${COMMON_LABEL}) ON (n.kind);
CREATE INDEX lateral_node_name IF NOT EXISTS FOR (n:${COMMON_LABEL}) ON (n.name);
CREATE INDEX lateral_connect_port IF NOT EXISTS FOR ()-[r:CONNECT]-() ON (r.port);
CALL db.awaitIndexes(300);

// Example queries. In cypher-shell or Browser, set a parameter first, e.g.
//   :param start => 'system:serviceaccount:shop:web'
// One network hop is three relationships (IN_CLASS, CONNECT, HAS_MEMBER); "hops" below
// counts the graph's own edges only.

// 1. Shortest path from an identity (or any node) to a tier-0 node, over traversable relationships.
// MATCH (s:${COMMON_LABEL} {id: $start}), (t:${COMMON_LABEL} {tier: 0})
// WHERE s <> t
// MATCH p = shortestPath((s)-[*..40]->(t))
// WHERE all(r IN relationships(p) WHERE r.traversable)
// RETURN t.id AS target,
//        size([r IN relationships(p) WHERE NOT type(r) IN ['IN_CLASS', 'HAS_MEMBER']]) AS hops,
//        [n IN nodes(p) WHERE n:${COMMON_LABEL} | n.id] AS path
// ORDER BY hops, target
// LIMIT 1;

// 2. Blast radius of one entry: every node reachable over traversable relationships.
//   :param entry => 'shop/web'
// MATCH (e:${COMMON_LABEL} {id: $entry})-[rs*1..40]->(n:${COMMON_LABEL})
// WHERE n <> e AND all(r IN rs WHERE r.traversable)
// RETURN DISTINCT n.kind AS kind, n.id AS id, n.tier AS tier
// ORDER BY tier, kind, id;

// 3a. Choke points: the nodes on the most workload -> tier-0 shortest paths.
// MATCH (s:Workload), (t:${COMMON_LABEL} {tier: 0})
// WHERE s <> t
// MATCH p = shortestPath((s)-[*..40]->(t))
// WHERE all(r IN relationships(p) WHERE r.traversable)
// UNWIND nodes(p)[1..-1] AS mid
// WITH mid WHERE mid:${COMMON_LABEL}
// RETURN mid.kind AS kind, mid.id AS id, count(*) AS paths
// ORDER BY paths DESC, id
// LIMIT 20;

// 3b. Choke points, cheaper: highest in-degree of traversable non-network edges ...
// MATCH (n:${COMMON_LABEL})<-[r]-(:${COMMON_LABEL})
// WHERE r.traversable
// RETURN n.kind AS kind, n.id AS id, count(r) AS inbound
// ORDER BY inbound DESC, id
// LIMIT 20;

// 3c. ... and the most exposed workloads on the network: how many workloads may connect to each.
// MATCH (sc:SourceClass)-[c:CONNECT]->(:DestinationClass)-[:HAS_MEMBER]->(w:Workload)
// WHERE c.traversable
// MATCH (src:Workload)-[:IN_CLASS]->(sc)
// WHERE src <> w
// RETURN w.id AS id, count(DISTINCT src) AS sources, collect(DISTINCT c.port) AS ports
// ORDER BY sources DESC, id
// LIMIT 20;
`;
