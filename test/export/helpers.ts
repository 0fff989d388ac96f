import type { Decision } from '../../src/policy/decision.js';
import type { ConnectGroup, ExportInput } from '../../src/export/types.js';
import type { EdgeAttrs, NodeAttrs } from '../../src/graph/types.js';

/** Every character a careless writer gets wrong: delimiters, quotes, line ends, markup, a backslash, non-BMP. */
export const HOSTILE = 'a, "quoted" b;\nline two\r\nthree\ttab & <x y=\'1\'> \\" ]]> 𝄞 é';

const allow = (layer: Decision['layer'], policy: string): Decision => ({ layer, decision: 'allow', policy, reason: `allowed by ${policy}` });

const nodes: { id: string; attrs: NodeAttrs }[] = [
  { id: 'shop/web', attrs: { kind: 'workload', name: 'web', type: 'Deployment', namespace: 'shop', owner: 'team-web', tier: 2, labels: { app: 'web', 'example.com/team': 'a,b "c"' }, source: { file: 'k8s/web.yaml', doc: 0 } } },
  { id: 'shop/api', attrs: { kind: 'workload', name: 'api', type: 'Deployment', namespace: 'shop', tier: 1, labels: { app: 'api' } } },
  // a hostile id and name: comma, quotes, line breaks
  { id: 'shop/db,"primary"\nreplica', attrs: { kind: 'workload', name: HOSTILE, type: 'StatefulSet', namespace: 'shop', tier: 0, source: { file: 'k8s/db, "v2".yaml', doc: 3 } } },
  { id: 'system:serviceaccount:shop:web', attrs: { kind: 'identity', name: 'web', type: 'service-account', namespace: 'shop', credential: { type: 'short-lived', ttlMinutes: 60 } } },
  { id: 'arn:aws:iam::123456789012:role/path/to/Admin', attrs: { kind: 'identity', name: 'Admin', type: 'aws-role', tier: 0, credential: { type: 'short-lived', ttlMinutes: 15 } } },
  { id: 'arn:aws:iam::123456789012:user/ci-bot', attrs: { kind: 'identity', name: 'ci-bot', type: 'aws-user', owner: 'platform', credential: { type: 'static', ageDays: 400 } } },
  { id: 'arn:aws:s3:::backups/*', attrs: { kind: 'resource', name: 'backups', type: 'bucket', tier: 0 } },
  { id: 'secret:shop/db-creds', attrs: { kind: 'secret', name: 'db-creds', type: 'secret', namespace: 'shop', tier: 1 } },
  { id: 'pipeline:acme/shop/.github/workflows/deploy.yml', attrs: { kind: 'pipeline', name: 'deploy', type: 'pipeline', owner: 'platform' } },
];

const edge = (key: string, source: string, target: string, attrs: EdgeAttrs) => ({ key, source, target, attrs });

const edges = [
  edge('runs-as:shop/web->system:serviceaccount:shop:web', 'shop/web', 'system:serviceaccount:shop:web', {
    kind: 'runs-as', rule: 'runs-as', technique: 'T1528', reason: 'pod spec names serviceAccountName: web', decisions: [allow('identity', '(default)')], cost: 5,
  }),
  edge('assume:system:serviceaccount:shop:web->arn:aws:iam::123456789012:role/path/to/Admin', 'system:serviceaccount:shop:web', 'arn:aws:iam::123456789012:role/path/to/Admin', {
    kind: 'assume', rule: 'assume', technique: 'T1550.001', reason: HOSTILE, cost: 2,
    decisions: [{ layer: 'iam', decision: 'conditional', policy: 'arn:aws:iam::123456789012:role/path/to/Admin', version: '2012-10-17', rule: '0', reason: 'trust policy, "sts:AssumeRoleWithWebIdentity"' }],
  }),
  edge('grant:arn:aws:iam::123456789012:role/path/to/Admin->arn:aws:s3:::backups/*', 'arn:aws:iam::123456789012:role/path/to/Admin', 'arn:aws:s3:::backups/*', {
    kind: 'grant', rule: 'grant', technique: 'T1530', reason: 'AdministratorAccess', cost: 1.5, actions: ['s3:GetObject', 's3:PutObject'], decisions: [allow('iam', 'arn:aws:iam::aws:policy/AdministratorAccess')],
  }),
  edge('read-secret:shop/api->secret:shop/db-creds', 'shop/api', 'secret:shop/db-creds', {
    kind: 'read-secret', rule: 'read-secret', technique: 'T1552.007', reason: 'Role shop/reader: get secrets', cost: 5,
    decisions: [{ layer: 'rbac', decision: 'deny', policy: 'shop/reader', reason: 'no rule matches' }, { layer: 'mesh', decision: 'observe-deny', policy: 'shop/audit', rule: 'r1', reason: 'dry-run' }],
  }),
  edge('deploy:pipeline:acme/shop/.github/workflows/deploy.yml->shop/web', 'pipeline:acme/shop/.github/workflows/deploy.yml', 'shop/web', {
    kind: 'deploy', rule: 'deploy', technique: 'T1195', reason: 'workflow applies k8s/web.yaml', decisions: [allow('pipeline', 'deploy.yml')], cost: 30, pivot: true,
  }),
];

const WEB = 'shop/web';
const API = 'shop/api';
const DB = 'shop/db,"primary"\nreplica';

const connect: ConnectGroup[] = [
  { id: 'connect:1', from: [WEB, API], to: [DB], port: 5432, protocol: 'TCP', traversable: true, decisions: [{ layer: 'network', decision: 'allow', policy: 'shop/allow-db', rule: '0' }] },
  // the same source list as connect:1, in another order and with a duplicate
  { id: 'connect:2', from: [API, WEB, API], to: [DB, API], port: 8080, protocol: 'TCP', traversable: true, decisions: [{ layer: 'network', decision: 'allow', policy: '(default)' }, { layer: 'mesh', decision: 'observe-deny', policy: 'shop/strict', version: '42' }] },
  { id: 'connect:3', from: [WEB], to: [API], port: 53, protocol: 'UDP', traversable: false, decisions: [{ layer: 'network', decision: 'deny', policy: 'shop/default-deny' }] },
];

export const INPUT: ExportInput = { nodes, edges, connect };

/** The same input in another order, with object keys built in another order. */
export function shuffled(input: ExportInput): ExportInput {
  return {
    nodes: [...input.nodes].reverse().map((n) => ({ attrs: Object.fromEntries(Object.entries(n.attrs).reverse()) as unknown as NodeAttrs, id: n.id })),
    edges: [...input.edges].reverse().map((e) => ({ target: e.target, source: e.source, key: e.key, attrs: { ...e.attrs, decisions: e.attrs.decisions.map((d) => Object.fromEntries(Object.entries(d).reverse()) as unknown as Decision) } })),
    connect: [...input.connect].reverse().map((g) => ({ ...g, from: [...g.from].reverse(), to: [...g.to].reverse() })),
  };
}

/** Distinct (de-duplicated, sorted) member lists, as the exporters must form classes. */
export function distinctLists(lists: readonly (readonly string[])[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const l of lists) {
    const m = [...new Set(l)].sort();
    seen.set(JSON.stringify(m), m);
  }
  return [...seen.values()];
}

export function expectedCounts(input: ExportInput) {
  const sources = distinctLists(input.connect.map((g) => g.from));
  const destinations = distinctLists(input.connect.map((g) => g.to));
  const membership = [...sources, ...destinations].reduce((n, l) => n + l.length, 0);
  return {
    sourceClasses: sources.length,
    destinationClasses: destinations.length,
    nodes: input.nodes.length + sources.length + destinations.length,
    membership,
    edges: input.edges.length + input.connect.length + membership,
  };
}

export interface CsvField {
  value: string;
  quoted: boolean;
}

/** RFC 4180 reader: `"` quotes, `""` inside quotes, line breaks inside quotes, `\n` or `\r\n` between records. */
export function readCsv(text: string): CsvField[][] {
  const rows: CsvField[][] = [];
  let row: CsvField[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') throw new Error(`stray quote in unquoted field at ${i}`);
        value += text[i++];
      }
    }
    row.push({ value, quoted });
    if (text[i] === ',') i++;
    else if (i >= text.length || text[i] === '\n' || text[i] === '\r') {
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      rows.push(row);
      row = [];
    } else throw new Error(`garbage after quoted field at ${i}`);
  }
  return rows;
}

/** A Neo4j import file read the way the importer reads it: header names and types, typed values, no value for an empty field. */
export function readNeo4jCsv(text: string, arrayDelimiter: string): { header: { name: string; type: string }[]; rows: Record<string, unknown>[] } {
  const [head, ...body] = readCsv(text);
  const header = head!.map((f) => {
    const at = f.value.lastIndexOf(':');
    return at < 0 ? { name: f.value, type: 'string' } : { name: f.value.slice(0, at), type: f.value.slice(at + 1) };
  });
  const rows = body.map((fields) => {
    if (fields.length !== header.length) throw new Error(`row has ${fields.length} fields, header ${header.length}`);
    const row: Record<string, unknown> = {};
    header.forEach((h, k) => {
      const f = fields[k]!;
      if (f.value === '' && !f.quoted) return;
      const key = h.name === '' ? `:${h.type}` : h.type === 'ID' ? h.name : h.name;
      const cast = (s: string): unknown => {
        const base = h.type.replace('[]', '');
        if (base === 'int' || base === 'long' || base === 'double' || base === 'float') return Number(s);
        if (base === 'boolean') return s === 'true';
        return s;
      };
      row[key] = h.type.endsWith('[]') || h.type === 'LABEL' ? f.value.split(arrayDelimiter).map(cast) : cast(f.value);
    });
    return row;
  });
  return { header, rows };
}
