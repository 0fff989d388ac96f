/**
 * Policies that enforce nothing: one positive and one negative case per check, read from
 * manifests the way the CLI reads them (Namespace objects often absent, as in real inputs).
 */
import { describe, expect, it } from 'vitest';
import { PolicyContext } from '../../../src/policy/context.js';
import { inertPolicies } from '../../../src/policy/inert/index.js';
import { loadYaml } from '../../helpers/load-yaml.js';

const deploy = (ns: string, name: string, labels: Record<string, string> = { app: name }) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns} }
spec:
  selector: { matchLabels: ${JSON.stringify(labels)} }
  template:
    metadata: { labels: ${JSON.stringify(labels)} }
    spec: { containers: [{ name: c, image: x, ports: [{ containerPort: 8080 }] }] }
`;
const namespace = (name: string, labels: Record<string, string> = {}) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name}, labels: ${JSON.stringify(labels)} }\n`;
const INJECTED = { 'istio-injection': 'enabled' };

function warnings(files: Record<string, string>, options: { istioRootNamespace?: string } = {}) {
  const ctx = new PolicyContext(loadYaml(files), { at: '2026-11-24', ...options });
  return inertPolicies(ctx).map((w) => [w.kind, w.why]);
}

const authz = (ns: string, name: string, selector?: Record<string, string>) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec:
${selector ? `  selector: { matchLabels: ${JSON.stringify(selector)} }\n` : ''}  action: ALLOW
  rules: [{ from: [{ source: { principals: ["cluster.local/ns/${ns}/sa/x"] } }] }]
`;

describe('inert-authz', () => {
  it('warns when the selected workloads have no sidecar (namespace without injection)', () => {
    expect(warnings({ 'a.yaml': `${namespace('shop')}---\n${deploy('shop', 'api')}---\n${authz('shop', 'api-callers', { app: 'api' })}` })).toEqual([
      ['inert-authz', 'AuthorizationPolicy shop/api-callers selects 0 workloads with a sidecar: it enforces nothing (it selects 1 workload, none injected)'],
    ]);
  });

  it('warns when its selector matches no workload', () => {
    expect(warnings({ 'a.yaml': `${namespace('shop', INJECTED)}---\n${deploy('shop', 'api')}---\n${authz('shop', 'typo', { app: 'apii' })}` })).toEqual([
      ['inert-authz', 'AuthorizationPolicy shop/typo selects 0 workloads with a sidecar: it enforces nothing (no workload matches it)'],
    ]);
  });

  it('says nothing of a policy that selects a workload with a sidecar', () => {
    expect(warnings({ 'a.yaml': `${namespace('shop', INJECTED)}---\n${deploy('shop', 'api')}---\n${authz('shop', 'api-callers', { app: 'api' })}` })).toEqual([]);
  });

  it('judges a root-namespace policy without selector mesh-wide', () => {
    const files = (labels: Record<string, string>) => ({ 'a.yaml': `${namespace('shop', labels)}---\n${deploy('shop', 'api')}---\n${authz('istio-system', 'deny-all')}` });
    expect(warnings(files({}))).toEqual([['inert-authz', 'AuthorizationPolicy istio-system/deny-all applies mesh-wide, but no workload in the mesh has a sidecar: it enforces nothing']]);
    expect(warnings(files(INJECTED))).toEqual([]);
    // Another root namespace: the same policy is now an ordinary one of istio-system, which holds no pod.
    expect(warnings(files(INJECTED), { istioRootNamespace: 'mesh-root' })[0]).toEqual(['missing-namespace', 'AuthorizationPolicy istio-system/deny-all: namespace istio-system does not exist (no input defines it and nothing runs in it), so it applies to nothing']);
  });
});

const peerAuth = (ns: string, name: string, mode: string, selector?: Record<string, string>) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: ${name}, namespace: ${ns} }
spec:
${selector ? `  selector: { matchLabels: ${JSON.stringify(selector)} }\n` : ''}  mtls: { mode: ${mode} }
`;

describe('inert-peer-auth', () => {
  it('warns of STRICT when no selected workload is injected', () => {
    expect(warnings({ 'a.yaml': `${namespace('shop')}---\n${deploy('shop', 'api')}---\n${peerAuth('shop', 'strict', 'STRICT')}` })).toEqual([
      ['inert-peer-auth', 'PeerAuthentication shop/strict requires STRICT mutual TLS but selects 0 workloads with a sidecar: it enforces nothing (it selects 1 workload, none injected)'],
    ]);
  });

  it('says nothing of STRICT over an injected workload, nor of PERMISSIVE', () => {
    expect(warnings({ 'a.yaml': `${namespace('shop', INJECTED)}---\n${deploy('shop', 'api')}---\n${peerAuth('shop', 'strict', 'STRICT', { app: 'api' })}` })).toEqual([]);
    expect(warnings({ 'a.yaml': `${namespace('shop')}---\n${deploy('shop', 'api')}---\n${peerAuth('shop', 'permissive', 'PERMISSIVE')}` })).toEqual([]);
  });

  it('a mesh-wide STRICT is inert only when no pod of the mesh is injected', () => {
    const files = (labels: Record<string, string>) => ({ 'a.yaml': `${namespace('shop', labels)}---\n${deploy('shop', 'api')}---\n${peerAuth('istio-system', 'default', 'STRICT')}` });
    expect(warnings(files({}))).toEqual([['inert-peer-auth', 'PeerAuthentication istio-system/default requires STRICT mutual TLS mesh-wide, but no workload in the mesh has a sidecar: it enforces nothing']]);
    expect(warnings(files(INJECTED))).toEqual([]);
  });
});

const netpol = (ns: string, name: string, podSelector: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec: { podSelector: ${podSelector}, policyTypes: [Ingress] }
`;

describe('inert-netpol', () => {
  it('warns when its podSelector matches no pod of its namespace', () => {
    expect(warnings({ 'a.yaml': `${deploy('shop', 'api')}---\n${deploy('other', 'db', { app: 'db' })}---\n${netpol('shop', 'db-only', '{ matchLabels: { app: db } }')}` })).toEqual([
      ['inert-netpol', 'NetworkPolicy shop/db-only selects no pod: its podSelector app=db matches none of the 1 in namespace shop, so it enforces nothing'],
    ]);
  });

  it('warns of an empty selector in a namespace that declares no workload', () => {
    expect(warnings({ 'a.yaml': `${namespace('empty')}---\n${deploy('shop', 'api')}---\n${netpol('empty', 'default-deny', '{}')}` })).toEqual([
      ['inert-netpol', 'NetworkPolicy empty/default-deny selects no pod: namespace empty has no workload, so it enforces nothing'],
    ]);
  });

  it('says nothing of a policy that selects a pod, by labels or with {}', () => {
    expect(warnings({ 'a.yaml': `${deploy('shop', 'api')}---\n${netpol('shop', 'api', '{ matchExpressions: [{ key: app, operator: In, values: [api] }] }')}---\n${netpol('shop', 'deny', '{}')}` })).toEqual([]);
  });
});

const role = (ns: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: ${ns} }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: reader, namespace: ${ns} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
subjects: [{ kind: ServiceAccount, name: api, namespace: shop }]
`;

describe('missing-namespace', () => {
  it('warns of every kind of namespaced policy in a namespace nothing defines or uses, once per policy', () => {
    const files = { 'a.yaml': `${deploy('shop', 'api')}---\n${role('shpo')}---\n${netpol('shpo', 'deny', '{}')}---\n${authz('shpo', 'callers')}---\n${peerAuth('shpo', 'strict', 'STRICT')}` };
    expect(warnings(files)).toEqual(
      ['AuthorizationPolicy shpo/callers', 'NetworkPolicy shpo/deny', 'PeerAuthentication shpo/strict', 'Role shpo/reader', 'RoleBinding shpo/reader'].map((p) => [
        'missing-namespace',
        `${p}: namespace shpo does not exist (no input defines it and nothing runs in it), so it applies to nothing`,
      ]),
    );
  });

  it('counts a namespace as existing when a Namespace declares it, or a workload, Service or service account is in it', () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata: { name: s, namespace: svc }\nspec: { ports: [{ port: 80 }] }\n';
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: s, namespace: sa }\n';
    const files = { 'a.yaml': [namespace('declared'), deploy('shop', 'api'), service, sa, ...['declared', 'shop', 'svc', 'sa', 'default', 'kube-system'].map(role)].join('---\n') };
    expect(warnings(files)).toEqual([]);
  });
});
