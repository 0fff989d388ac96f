/**
 * Each lint rule on a fixture that must produce exactly the findings listed, and on its
 * control twin that must produce none.
 */
import { describe, expect, it } from 'vitest';
import { rule as exceptionExpired } from '../../src/lint/exception-expired.js';
import { rule as exceptionExpiring } from '../../src/lint/exception-expiring.js';
import { rule as exceptionUnowned } from '../../src/lint/exception-unowned.js';
import { rule as missingOwner } from '../../src/lint/missing-owner.js';
import { rule as namespaceWideAllow } from '../../src/lint/namespace-wide-allow.js';
import { rule as observeModeStale } from '../../src/lint/observe-mode-stale.js';
import { rule as staticCredential } from '../../src/lint/static-credential.js';
import { rule as unusedIdentity } from '../../src/lint/unused-identity.js';
import { rule as wildcardIamAction } from '../../src/lint/wildcard-iam-action.js';
import { rule as wildcardIamResource } from '../../src/lint/wildcard-iam-resource.js';
import { rule as wildcardMeshAllow } from '../../src/lint/wildcard-mesh-allow.js';
import { rule as wildcardNetworkIngress } from '../../src/lint/wildcard-network-ingress.js';
import { rule as wildcardRbacRule } from '../../src/lint/wildcard-rbac-rule.js';
import { rule as wildcardTrust } from '../../src/lint/wildcard-trust.js';
import { allow, arn, deny, trusts } from '../helpers/aws-export.js';
import { findingsOf, lines, lintInputs } from './helpers.js';
import { iam, k8s, native } from './fixtures.js';

const netpol = (name: string, ns: string, podSelector: string, ingress: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec:
  podSelector: ${podSelector}
  policyTypes: [Ingress]
  ingress: ${ingress}
`;

const authz = (name: string, ns: string, selector: string, action: string, rules: string) => `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec:
  selector: { matchLabels: ${selector} }
  action: ${action}
  rules: ${rules}
`;

describe('wildcard-network-ingress', () => {
  it('finds every namespace, every pod, any address and a rule without from into a tier-0 workload', async () => {
    const open = netpol('open', 'pay', '{ matchLabels: { app: card-db } }', '[{ from: [{ namespaceSelector: {} }, { ipBlock: { cidr: 0.0.0.0/0 } }, { podSelector: {} }] }, { ports: [{ port: 5432 }] }]');
    expect(await findingsOf(wildcardNetworkIngress, k8s(open))).toEqual([
      'policies.yaml:2: error: NetworkPolicy/pay/open: ingress[0] admits ipBlock 0.0.0.0/0: any address, into tier-0 pay/card-db [wildcard-network-ingress]',
      'policies.yaml:2: error: NetworkPolicy/pay/open: ingress[0] admits namespaceSelector {}: every pod of every namespace, into tier-0 pay/card-db [wildcard-network-ingress]',
      'policies.yaml:2: error: NetworkPolicy/pay/open: ingress[0] admits podSelector {}: every pod of namespace pay, into tier-0 pay/card-db [wildcard-network-ingress]',
      'policies.yaml:2: error: NetworkPolicy/pay/open: ingress[1] admits no from: every source, into tier-0 pay/card-db [wildcard-network-ingress]',
    ]);
  });

  it('finds a native allow from any workload into a tier-1 workload (read from a tierLabels label)', async () => {
    const topo = native(`workloads:\n  - { name: api, namespace: shop, labels: { criticality: "1" }, owner: t }\npolicies:\n  - name: any-to-api\n    layer: network\n    rules: [{ from: {}, to: { workload: shop/api } }]\n`);
    expect(await findingsOf(wildcardNetworkIngress, topo, { config: { tierLabels: ['criticality'] } })).toEqual([
      'topology.yaml:6: error: policy/any-to-api: rules[0] allows from any workload into tier-1 shop/api [wildcard-network-ingress]',
    ]);
    expect(await findingsOf(wildcardNetworkIngress, topo)).toEqual([]);
  });

  it('finds nothing in selective ingress into tier 0, nor in wide ingress into tier 2', async () => {
    const narrow = netpol('narrow', 'pay', '{ matchLabels: { app: card-db } }', '[{ from: [{ namespaceSelector: { matchLabels: { team: web } }, podSelector: { matchLabels: { app: front } } }] }]');
    const wide = netpol('wide', 'web', '{}', '[{ from: [{ namespaceSelector: {} }] }]');
    expect(await findingsOf(wildcardNetworkIngress, k8s(narrow + wide))).toEqual([]);
  });
});

describe('wildcard-mesh-allow', () => {
  it('finds an ALLOW rule without from and one for principals ["*"] on a tier-0 workload', async () => {
    const p = authz('open', 'pay', '{ app: card-db }', 'ALLOW', '[{}, { from: [{ source: { principals: ["*"] } }] }]');
    expect(await findingsOf(wildcardMeshAllow, k8s(p))).toEqual([
      'policies.yaml:2: error: AuthorizationPolicy/pay/open: rules[0] has no from: any caller, with or without identity; it applies to tier-0 pay/card-db [wildcard-mesh-allow]',
      'policies.yaml:2: error: AuthorizationPolicy/pay/open: rules[1] admits principals ["*"]: any authenticated workload of the mesh; it applies to tier-0 pay/card-db [wildcard-mesh-allow]',
    ]);
  });

  it('finds a native mesh allow naming no caller into tier 0', async () => {
    const topo = native(`workloads:\n  - { name: db, namespace: shop, tier: 0, owner: t }\npolicies:\n  - name: db-mesh\n    layer: mesh\n    rules: [{ to: { workload: shop/db } }]\n`);
    expect(await findingsOf(wildcardMeshAllow, topo)).toEqual(['topology.yaml:6: error: policy/db-mesh: rules[0] allows any caller (no from) into tier-0 shop/db [wildcard-mesh-allow]']);
  });

  it('finds nothing for named principals, a DENY without from, or an open ALLOW on tier 2', async () => {
    const named = authz('named', 'pay', '{ app: card-db }', 'ALLOW', '[{ from: [{ source: { principals: ["cluster.local/ns/web/sa/front"] } }] }]');
    const denyAll = authz('deny', 'pay', '{ app: card-db }', 'DENY', '[{}]');
    const web = authz('web-open', 'web', '{ app: front }', 'ALLOW', '[{}]');
    expect(await findingsOf(wildcardMeshAllow, k8s(named + denyAll + web))).toEqual([]);
  });
});

describe('namespace-wide-allow', () => {
  it('finds a namespaceSelector peer without podSelector, an Istio source of namespaces only and a native from of a namespace', async () => {
    const np = netpol('from-web', 'pay', '{ matchLabels: { app: card-db } }', '[{ from: [{ namespaceSelector: { matchLabels: { team: web } } }] }]');
    const ap = authz('from-web', 'pay', '{ app: card-db }', 'ALLOW', '[{ from: [{ source: { namespaces: [web] } }] }]');
    expect(await findingsOf(namespaceWideAllow, k8s(np + ap))).toEqual([
      'policies.yaml:2: warning: NetworkPolicy/pay/from-web: ingress[0].from[0] admits every pod of the namespaces team=web (no podSelector) [namespace-wide-allow]',
      'policies.yaml:10: warning: AuthorizationPolicy/pay/from-web: rules[0].from[0] admits every workload of namespace web (no principals) [namespace-wide-allow]',
    ]);
    const topo = native(`policies:\n  - name: shop-in\n    layer: network\n    rules: [{ from: { namespace: web }, to: { namespace: shop } }]\n`);
    expect(await findingsOf(namespaceWideAllow, topo)).toEqual(['topology.yaml:4: warning: policy/shop-in: rules[0] admits every workload of namespace web (no labels or workload in from) [namespace-wide-allow]']);
  });

  it('finds nothing when the peer, source or rule also names the workloads', async () => {
    const np = netpol('from-front', 'pay', '{ matchLabels: { app: card-db } }', '[{ from: [{ namespaceSelector: { matchLabels: { team: web } }, podSelector: { matchLabels: { app: front } } }] }]');
    const ap = authz('from-front', 'pay', '{ app: card-db }', 'ALLOW', '[{ from: [{ source: { namespaces: [web], principals: ["cluster.local/ns/web/sa/front"] } }] }]');
    expect(await findingsOf(namespaceWideAllow, k8s(np + ap))).toEqual([]);
    const topo = native(`policies:\n  - name: shop-in\n    layer: network\n    rules: [{ from: { namespace: web, labels: { app: front } }, to: { namespace: shop } }]\n`);
    expect(await findingsOf(namespaceWideAllow, topo)).toEqual([]);
  });
});

describe('wildcard-rbac-rule', () => {
  const role = (kind: string, ns: string | undefined, name: string, rules: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: { name: ${name}${ns ? `, namespace: ${ns}` : ''} }
rules: ${rules}
`;
  it('finds "*" verbs and "*" resources', async () => {
    const r = role('ClusterRole', undefined, 'pod-god', '[{ apiGroups: [""], resources: [pods], verbs: ["*"] }]') + role('Role', 'pay', 'all-of-apps', '[{ apiGroups: [apps], resources: ["*"], verbs: [get] }]');
    expect(await findingsOf(wildcardRbacRule, k8s(r))).toEqual([
      'policies.yaml:2: warning: ClusterRole/pod-god: rules[0] grants every verb on pods [wildcard-rbac-rule]',
      'policies.yaml:7: warning: Role/pay/all-of-apps: rules[0] grants every resource of API groups "apps" [wildcard-rbac-rule]',
    ]);
  });
  it('finds nothing in named verbs on named resources', async () => {
    expect(await findingsOf(wildcardRbacRule, k8s(role('Role', 'pay', 'reader', '[{ apiGroups: [""], resources: [pods, services], verbs: [get, list] }]')))).toEqual([]);
  });
});

describe('wildcard-iam-action and wildcard-iam-resource', () => {
  const spec = {
    users: [{ name: 'admin', statements: [allow('*', '*')] }],
    roles: [{ name: 'writer', trust: [trusts({ AWS: arn('user', 'admin') })], statements: [allow(['s3:GetObject', 's3:PutObject', 'ec2:Describe*'], '*'), allow('s3:*', 'arn:aws:s3:::mine/*')] }],
  };
  it('finds Action "*" and write actions on Resource "*"', async () => {
    expect(await findingsOf(wildcardIamAction, iam(spec))).toEqual(['export.json:3: error: arn:aws:iam::111122223333:user/admin#inline:inline: statement 0 allows Action "*" on Resource "*" [wildcard-iam-action]']);
    expect(await findingsOf(wildcardIamResource, iam(spec))).toEqual(['export.json:28: warning: arn:aws:iam::111122223333:role/writer#inline:inline: statement 0 allows s3:PutObject on Resource "*" [wildcard-iam-resource]']);
  });
  it('finds nothing in read-only actions on "*", scoped writes, or a Deny of "*"', async () => {
    const control = { users: [{ name: 'reader', statements: [allow(['s3:GetObject', 'ec2:Describe*'], '*'), allow('s3:*', 'arn:aws:s3:::mine/*'), deny('*', '*')] }] };
    expect(await findingsOf(wildcardIamAction, iam(control))).toEqual([]);
    expect(await findingsOf(wildcardIamResource, iam(control))).toEqual([]);
  });
});

describe('wildcard-trust', () => {
  it('finds Principal "*", saying when a Condition decides', async () => {
    const spec = {
      roles: [
        { name: 'open', trust: [trusts('*')] },
        { name: 'org', trust: [trusts({ AWS: '*' }, { Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-123'] } } })] },
      ],
    };
    expect(await findingsOf(wildcardTrust, iam(spec))).toEqual([
      'export.json:5: error: arn:aws:iam::111122223333:role/open: trust policy names Principal "*": any AWS principal of any account may assume it [wildcard-trust]',
      'export.json:23: error: arn:aws:iam::111122223333:role/org: trust policy names Principal "*": any AWS principal of any account may assume it when its Condition holds (StringEquals aws:PrincipalOrgID) [wildcard-trust]',
    ]);
  });
  it("reports ci-broad-trust's OIDC subjects", async () => {
    expect(lines((await lintInputs(['topologies/pipeline-demo'], { rules: [wildcardTrust] })).findings)).toEqual([
      'topologies/pipeline-demo/aws/iam.json:5: error: arn:aws:iam::111122223333:role/gha-preview: trusts sub repo:acme/shop:*, which admits pull requests, any branch [wildcard-trust]',
    ]);
  });
  it('finds nothing in a trust naming an account or a role', async () => {
    expect(await findingsOf(wildcardTrust, iam({ users: [{ name: 'u' }], roles: [{ name: 'r', trust: [trusts({ AWS: arn('user', 'u') })] }, { name: 'acct', trust: [trusts({ AWS: '444455556666' })] }] }))).toEqual([]);
  });
});

describe('missing-owner', () => {
  it('finds the workload, identities and policies with no owner, and measures coverage', async () => {
    const np = netpol('web-in', 'web', '{}', '[{ from: [{ podSelector: {} }] }]') + netpol('pay-in', 'pay', '{}', '[{ from: [{ podSelector: {} }] }]');
    expect(await findingsOf(missingOwner, k8s(np))).toEqual([
      'policies.yaml:2: warning: NetworkPolicy/web/web-in: policy names no owner [missing-owner]',
      'workloads.yaml:10: warning: system:serviceaccount:web:front: identity names no owner [missing-owner]',
    ]);
  });
  it('finds nothing when every object or its namespace names an owner', async () => {
    const topo = native(`namespaces: [{ name: shop, owner: team-shop }]\nworkloads:\n  - { name: api, namespace: shop, identity: api-sa, owner: team-shop }\nidentities:\n  - { name: api-sa, kind: workload, owner: team-shop }\n`);
    expect(await findingsOf(missingOwner, topo)).toEqual([]);
  });
});

describe('exception rules', () => {
  const exceptions = (...list: string[]) =>
    native(`workloads:\n  - { name: a, namespace: x, owner: t }\n  - { name: b, namespace: x, owner: t }\nexceptions:\n${list.map((e) => `  - { layer: network, from: { workload: x/a }, to: { workload: x/b }, reason: migration, ${e} }\n`).join('')}`);

  it('exception-expired: finds the one that expired before the evaluation date', async () => {
    expect(await findingsOf(exceptionExpired, exceptions('name: old, owner: t, created: 2026-01-01, expires: 2026-05-01', 'name: live, owner: t, expires: 2026-12-31'))).toEqual([
      'topology.yaml:7: warning: exception/old: expired 2026-05-01, 31 days ago (owner t) [exception-expired]',
    ]);
    expect(await findingsOf(exceptionExpired, exceptions('name: live, owner: t, expires: 2026-06-01'))).toEqual([]);
  });

  it('exception-expiring: finds one within 14 days, not one further out or already expired', async () => {
    expect(await findingsOf(exceptionExpiring, exceptions('name: soon, owner: t, expires: 2026-06-15', 'name: today, owner: t, expires: 2026-06-01'))).toEqual([
      'topology.yaml:7: note: exception/soon: expires in 14 days, on 2026-06-15 (owner t) [exception-expiring]',
      'topology.yaml:8: note: exception/today: expires today, on 2026-06-01 (owner t) [exception-expiring]',
    ]);
    expect(await findingsOf(exceptionExpiring, exceptions('name: later, owner: t, expires: 2026-06-16', 'name: gone, owner: t, expires: 2026-05-31'))).toEqual([]);
  });

  it('exception-unowned: finds an exception with a blank owner (the native schema requires both, so only a blank one passes it)', async () => {
    expect(await findingsOf(exceptionUnowned, exceptions('name: orphan, owner: " ", expires: 2026-12-31'))).toEqual(['topology.yaml:7: error: exception/orphan: has no owner [exception-unowned]']);
    expect(await findingsOf(exceptionUnowned, exceptions('name: owned, owner: t, expires: 2026-12-31'))).toEqual([]);
  });

  it('measures exception ages over 7, 30 and 90 days', async () => {
    const r = await lintInputs(['topologies/demo-shop'], { rules: [] });
    expect(r.measures.exceptionAge).toEqual({ total: 2, undated: 0, pending: 1, over7: 1, over30: 1, over90: 1 });
  });
});

describe('observe-mode-stale', () => {
  const topo = native(`namespaces: [{ name: x, defaultDeny: { mesh: observe } }]\npolicies:\n  - { name: staged, layer: mesh, mode: observe, rules: [] }\n  - { name: enforced, layer: mesh, rules: [] }\n`);
  it('finds observe mode older than observeMaxAgeDays', async () => {
    const since = { 'policy/staged': { date: '2026-04-01', how: 'git blame' }, 'namespace/x': { date: '2026-05-20', how: 'git blame' } };
    expect(await findingsOf(observeModeStale, topo, { observedSince: since })).toEqual([
      'topology.yaml:5: warning: policy/staged: mesh policy staged: in observe mode since 2026-04-01 (61 days, more than 30; git blame) [observe-mode-stale]',
    ]);
    expect(await findingsOf(observeModeStale, topo, { observedSince: since, config: { observeMaxAgeDays: 7 } })).toEqual([
      'topology.yaml:3: warning: namespace/x: mesh default-deny of namespace x: in observe mode since 2026-05-20 (12 days, more than 7; git blame) [observe-mode-stale]',
      'topology.yaml:5: warning: policy/staged: mesh policy staged: in observe mode since 2026-04-01 (61 days, more than 7; git blame) [observe-mode-stale]',
    ]);
  });
  it('finds nothing for recent observe mode, or observe mode with no known start', async () => {
    expect(await findingsOf(observeModeStale, topo, { observedSince: { 'policy/staged': { date: '2026-05-15', how: 'git blame' } } })).toEqual([]);
    expect(await findingsOf(observeModeStale, topo)).toEqual([]);
  });
});

describe('static-credential', () => {
  it('finds static native credentials and IAM users', async () => {
    const topo = native(`identities:\n  - { name: deployer, kind: cloud-role, credential: { type: static, age: 400d } }\n  - { name: app, kind: workload, credential: { type: short-lived, ttl: 1h } }\n`);
    expect(await findingsOf(staticCredential, topo)).toEqual(['topology.yaml:4: warning: identity:deployer: cloud-role holds a static credential 400 days old [static-credential]']);
    expect(await findingsOf(staticCredential, iam({ users: [{ name: 'bob' }] }))).toEqual(['export.json:3: warning: arn:aws:iam::111122223333:user/bob: aws-user holds a static credential [static-credential]']);
  });
  it('finds nothing for short-lived credentials and roles', async () => {
    expect(await findingsOf(staticCredential, native(`identities:\n  - { name: app, kind: workload, credential: { type: short-lived, ttl: 1h } }\n`))).toEqual([]);
    expect(await findingsOf(staticCredential, iam({ roles: [{ name: 'r', trust: [trusts({ AWS: '111122223333' })] }] }))).toEqual([]);
  });
});

describe('unused-identity', () => {
  it('finds machine identities nothing runs as or assumes, not people', async () => {
    const topo = native(`workloads:\n  - { name: api, namespace: x, identity: api-sa }\nidentities:\n  - { name: api-sa, kind: workload }\n  - { name: old-sa, kind: workload }\n  - { name: alice, kind: human }\n  - { name: deployer, kind: cloud-role }\ntrust:\n  - { identity: alice, mayAssume: deployer }\n`);
    expect(await findingsOf(unusedIdentity, topo)).toEqual(['topology.yaml:7: note: identity:old-sa: workload used by no workload or pipeline of the inputs, and nothing assumes it [unused-identity]']);
  });
  it('takes a role assumed by a user, or trusted by a service, as used', async () => {
    const spec = { users: [{ name: 'u', statements: [allow('sts:AssumeRole', arn('role', 'by-user'))] }], roles: [{ name: 'by-user', trust: [trusts({ AWS: arn('user', 'u') })] }, { name: 'lambda', trust: [trusts({ Service: 'lambda.amazonaws.com' })] }] };
    expect(await findingsOf(unusedIdentity, iam(spec))).toEqual([]);
  });
});
