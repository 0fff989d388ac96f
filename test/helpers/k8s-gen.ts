/**
 * Random Kubernetes + Istio clusters for property tests: namespaces with and without
 * injection, Deployments with named ports and Services, NetworkPolicies (ingress and egress,
 * pod/namespace selectors, ipBlocks, named ports and ranges), AuthorizationPolicies (ALLOW,
 * DENY, CUSTOM, principal and namespace patterns, ports, `when`), PeerAuthentications (mesh,
 * namespace, workload, port-level) — small enough to compare class and per-pair engines.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../src/ingest/index.js';
import type { Model } from '../../src/model/model.js';

const NS = ['a', 'b', 'c'];
const APPS = ['web', 'api', 'db'];
const SAS = ['s1', 's2', 's3'];

const labelSel = fc.oneof(
  fc.constant({}),
  fc.constantFrom(...APPS).map((app) => ({ matchLabels: { app } })),
  fc.constantFrom('x', 'y').map((team) => ({ matchLabels: { team } })),
  fc.constantFrom(...APPS).map((app) => ({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: [app] }] })),
  fc.subarray(APPS, { minLength: 1 }).map((values) => ({ matchExpressions: [{ key: 'team', operator: 'Exists' }, { key: 'app', operator: 'In', values }] })),
  fc.tuple(fc.constantFrom(...APPS), fc.constantFrom('x', 'y')).map(([app, team]) => ({ matchLabels: { app, team } })),
);
const nsSel = fc.oneof(
  fc.constant({}),
  fc.constantFrom(...NS).map((ns) => ({ matchLabels: { 'kubernetes.io/metadata.name': ns } })),
  fc.constant({ matchLabels: { zone: 'trusted' } }),
  fc.subarray(NS, { minLength: 1 }).map((values) => ({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values }] })),
);
const peer = fc.oneof(
  labelSel.map((podSelector) => ({ podSelector })),
  nsSel.map((namespaceSelector) => ({ namespaceSelector })),
  fc.tuple(labelSel, nsSel).map(([podSelector, namespaceSelector]) => ({ podSelector, namespaceSelector })),
  fc.constant({ ipBlock: { cidr: '10.0.0.0/8' } }),
);
const npPort = fc.oneof(
  fc.constantFrom(80, 443, 8080).map((port) => ({ protocol: 'TCP', port })),
  fc.constant({ protocol: 'TCP', port: 'http' }),
  fc.constant({ protocol: 'TCP', port: 8000, endPort: 8100 }),
  fc.constant({ protocol: 'UDP', port: 53 }),
);
const npRule = (key: 'from' | 'to') => fc.record({ [key]: fc.array(peer, { maxLength: 2 }), ports: fc.array(npPort, { maxLength: 2 }) }, { requiredKeys: [] });
const networkPolicy = fc.record({
  ns: fc.constantFrom(...NS),
  podSelector: labelSel,
  types: fc.constantFrom(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.option(fc.array(npRule('from'), { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(npRule('to'), { maxLength: 2 }), { nil: undefined }),
});

const principal = fc.oneof(fc.tuple(fc.constantFrom(...NS), fc.constantFrom(...SAS)).map(([ns, sa]) => `cluster.local/ns/${ns}/sa/${sa}`), fc.constantFrom('*', 'cluster.local/ns/a/*', '*/sa/s1'));
const source = fc.record(
  { principals: fc.array(principal, { minLength: 1, maxLength: 2 }), notPrincipals: fc.array(principal, { minLength: 1, maxLength: 1 }), namespaces: fc.array(fc.constantFrom(...NS, 'b*'), { minLength: 1, maxLength: 2 }), notNamespaces: fc.array(fc.constantFrom(...NS), { minLength: 1, maxLength: 1 }) },
  { requiredKeys: [] },
);
const operation = fc.record({ ports: fc.array(fc.constantFrom('80', '443', '8080'), { minLength: 1, maxLength: 2 }), methods: fc.constant(['GET']) }, { requiredKeys: [] });
const authzRule = fc.record(
  {
    from: fc.array(source.map((s) => ({ source: s })), { minLength: 1, maxLength: 2 }),
    to: fc.array(operation.map((o) => ({ operation: o })), { minLength: 1, maxLength: 1 }),
    when: fc.array(fc.oneof(fc.constantFrom(...NS).map((ns) => ({ key: 'source.namespace', values: [ns] })), fc.constant({ key: 'request.headers[x-user]', values: ['admin'] })), { minLength: 1, maxLength: 1 }),
  },
  { requiredKeys: [] },
);
const authorizationPolicy = fc.record({
  ns: fc.constantFrom(...NS, 'istio-system'),
  action: fc.constantFrom('ALLOW', 'DENY', 'CUSTOM', 'AUDIT'),
  selector: fc.option(fc.constantFrom(...APPS), { nil: undefined }),
  rules: fc.array(authzRule, { maxLength: 2 }),
  dryRun: fc.boolean(),
});
const peerAuthentication = fc.record({
  ns: fc.constantFrom(...NS, 'istio-system'),
  selector: fc.option(fc.constantFrom(...APPS), { nil: undefined }),
  mode: fc.constantFrom('STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'),
  port: fc.option(fc.constantFrom(80, 8080), { nil: undefined }),
});
const deployment = fc.record({
  name: fc.constantFrom('w1', 'w2', 'w3', 'w4', 'w5', 'w6'),
  ns: fc.constantFrom(...NS),
  app: fc.constantFrom(...APPS),
  team: fc.constantFrom('x', 'y'),
  sa: fc.constantFrom(...SAS),
  ports: fc.subarray([80, 443, 8080, 8050], { minLength: 0, maxLength: 3 }),
  named: fc.constantFrom(0, 1, 2),
  tier: fc.option(fc.constantFrom('0', '1', '2'), { nil: undefined }),
  inject: fc.constantFrom(undefined, 'true', 'false'),
});

export interface Cluster {
  namespaces: { name: string; inject: boolean; trusted: boolean }[];
  deployments: { name: string; ns: string; app: string; team: string; sa: string; ports: number[]; named: number; tier?: string | undefined; inject?: string | undefined }[];
  networkPolicies: { ns: string; podSelector: unknown; types?: readonly string[] | undefined; ingress?: unknown[] | undefined; egress?: unknown[] | undefined }[];
  authorizationPolicies: { ns: string; action: string; selector?: string | undefined; rules: unknown[]; dryRun: boolean }[];
  peerAuthentications: { ns: string; selector?: string | undefined; mode: string; port?: number | undefined }[];
}

export const cluster: fc.Arbitrary<Cluster> = fc.record({
  namespaces: fc.tuple(...NS.map((name) => fc.record({ name: fc.constant(name), inject: fc.boolean(), trusted: fc.boolean() }))),
  deployments: fc.uniqueArray(deployment, { minLength: 2, maxLength: 6, selector: (d) => `${d.ns}/${d.name}` }),
  networkPolicies: fc.array(networkPolicy, { maxLength: 4 }),
  authorizationPolicies: fc.array(authorizationPolicy, { maxLength: 3 }),
  peerAuthentications: fc.array(peerAuthentication, { maxLength: 3 }),
});

/** The cluster as the manifests a user would feed lateral. */
export function manifests(c: Cluster): Record<string, unknown>[] {
  const meta = (name: string, namespace: string, extra: Record<string, unknown> = {}) => ({ name, namespace, ...extra });
  const docs: Record<string, unknown>[] = [];
  for (const n of c.namespaces) {
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: { ...(n.inject ? { 'istio-injection': 'enabled' } : {}), ...(n.trusted ? { zone: 'trusted' } : {}) } } });
  }
  for (const sa of SAS) for (const ns of NS) docs.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(sa, ns) });
  for (const d of c.deployments) {
    const labels = { app: d.app, team: d.team, ...(d.tier ? { 'lateral.dev/tier': d.tier } : {}), ...(d.inject ? { 'sidecar.istio.io/inject': d.inject } : {}) };
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(d.name, d.ns),
      spec: {
        selector: { matchLabels: { app: d.app } },
        template: {
          metadata: { labels },
          spec: { serviceAccountName: d.sa, containers: [{ name: 'c', image: 'x', ports: d.ports.map((p, i) => ({ containerPort: p, ...(i === d.named ? { name: 'http' } : {}) })) }] },
        },
      },
    });
  }
  const apps = [...new Set(c.deployments.map((d) => `${d.ns}/${d.app}`))].sort();
  for (const key of apps) {
    const [ns, app] = key.split('/') as [string, string];
    docs.push({ apiVersion: 'v1', kind: 'Service', metadata: meta(app, ns), spec: { selector: { app }, ports: [{ name: app === 'db' ? 'tcp-db' : 'http-web', port: 80, targetPort: 80 }, { name: 'grpc-x', port: 8080, targetPort: 8080 }] } });
  }
  c.networkPolicies.forEach((p, i) =>
    docs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(`np${i}`, p.ns), spec: { podSelector: p.podSelector, ...(p.types ? { policyTypes: p.types } : {}), ...(p.ingress ? { ingress: p.ingress } : {}), ...(p.egress ? { egress: p.egress } : {}) } }),
  );
  c.authorizationPolicies.forEach((p, i) =>
    docs.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: meta(`ap${i}`, p.ns, p.dryRun ? { annotations: { 'istio.io/dry-run': 'true' } } : {}),
      spec: { action: p.action, ...(p.action === 'CUSTOM' ? { provider: { name: 'ext' } } : {}), ...(p.selector ? { selector: { matchLabels: { app: p.selector } } } : {}), rules: p.rules },
    }),
  );
  c.peerAuthentications.forEach((p, i) =>
    docs.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: meta(`pa${i}`, p.ns),
      spec: { ...(p.selector ? { selector: { matchLabels: { app: p.selector } } } : {}), mtls: { mode: p.mode }, ...(p.selector && p.port ? { portLevelMtls: { [String(p.port)]: { mode: 'DISABLE' } } } : {}) },
    }),
  );
  return docs;
}

/** The model of generated documents, read from a temporary folder as a user's files would be. */
export function loadDocs(docs: Record<string, unknown>[]): Model {
  const dir = mkdtempSync(join(tmpdir(), 'lateral-gen-'));
  try {
    docs.forEach((doc, i) => writeFileSync(join(dir, `d${String(i).padStart(3, '0')}.json`), JSON.stringify(doc)));
    return loadModel([dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
