/** RBAC authorization, from "Using RBAC Authorization" in the Kubernetes documentation. */
import { describe, expect, it } from 'vitest';
import { can } from '../../../src/policy/rbac/index.js';
import { context, model, namespace } from '../../helpers/k8s-model.js';
import { bind, role, rule, sa } from '../../helpers/rbac-model.js';

const ALICE = 'system:serviceaccount:dev:alice';
const req = (verb: string, resource: string, namespace?: string, extra: { name?: string; subresource?: string; group?: string } = {}) => ({ verb, group: '', resource, ...(namespace ? { namespace } : {}), ...extra });

function base() {
  const m = model();
  namespace(m, 'dev');
  namespace(m, 'prod');
  return m;
}

describe('RBAC', () => {
  it('a RoleBinding grants a Role in its namespace only', () => {
    const m = base();
    role(m, 'dev/pod-reader', [rule(['get', 'list'], ['pods'])]);
    bind(m, 'dev/read-pods', 'Role:pod-reader', [sa('dev', 'alice')]);
    const ctx = context(m);
    expect(can(ctx, ALICE, req('get', 'pods', 'dev'))).toEqual({ binding: 'dev/read-pods', role: 'Role:dev/pod-reader', rule: 0 });
    expect(can(ctx, ALICE, req('get', 'pods', 'prod'))).toBeUndefined();
    expect(can(ctx, ALICE, req('delete', 'pods', 'dev'))).toBeUndefined();
  });

  it('a RoleBinding to a ClusterRole grants it in the binding namespace only', () => {
    const m = base();
    role(m, 'secret-reader', [rule(['get'], ['secrets'])]);
    bind(m, 'prod/read-secrets', 'ClusterRole:secret-reader', [sa('dev', 'alice')]);
    const ctx = context(m);
    expect(can(ctx, ALICE, req('get', 'secrets', 'prod'))).toBeDefined();
    expect(can(ctx, ALICE, req('get', 'secrets', 'dev'))).toBeUndefined();
  });

  it('a ClusterRoleBinding grants everywhere, cluster-scoped resources included', () => {
    const m = base();
    role(m, 'node-reader', [rule(['get'], ['nodes', 'secrets'])]);
    bind(m, 'read-nodes', 'ClusterRole:node-reader', [sa('dev', 'alice')]);
    const ctx = context(m);
    expect(can(ctx, ALICE, req('get', 'nodes'))).toBeDefined();
    expect(can(ctx, ALICE, req('get', 'secrets', 'prod'))).toBeDefined();
  });

  it('a ServiceAccount subject without namespace is in the binding namespace', () => {
    const m = base();
    role(m, 'dev/r', [rule(['get'], ['pods'])]);
    bind(m, 'dev/b', 'Role:r', [{ kind: 'ServiceAccount', name: 'alice' }]);
    expect(can(context(m), ALICE, req('get', 'pods', 'dev'))).toBeDefined();
  });

  it.each([
    ['system:serviceaccounts', true],
    ['system:serviceaccounts:dev', true],
    ['system:serviceaccounts:prod', false],
    ['system:authenticated', true],
    ['system:unauthenticated', false],
  ])('group subject %s covers a dev service account: %s', (group, covered) => {
    const m = base();
    role(m, 'r', [rule(['list'], ['pods'])]);
    bind(m, 'b', 'ClusterRole:r', [{ kind: 'Group', name: group }]);
    expect(can(context(m), ALICE, req('list', 'pods', 'dev')) !== undefined).toBe(covered);
  });

  it('a User subject named like the service account is the service account', () => {
    const m = base();
    role(m, 'r', [rule(['list'], ['pods'])]);
    bind(m, 'b', 'ClusterRole:r', [{ kind: 'User', name: ALICE }]);
    expect(can(context(m), ALICE, req('list', 'pods', 'dev'))).toBeDefined();
  });

  it('wildcards cover verbs, resources and API groups', () => {
    const m = base();
    role(m, 'admin', [rule(['*'], ['*'], { apiGroups: ['*'] })]);
    bind(m, 'b', 'ClusterRole:admin', [sa('dev', 'alice')]);
    const ctx = context(m);
    expect(can(ctx, ALICE, req('escalate', 'clusterroles', undefined, { group: 'rbac.authorization.k8s.io' }))).toBeDefined();
    expect(can(ctx, ALICE, req('create', 'pods', 'prod', { subresource: 'exec' }))).toBeDefined();
  });

  it('an API group must match', () => {
    const m = base();
    role(m, 'r', [rule(['create'], ['deployments'])]);
    bind(m, 'b', 'ClusterRole:r', [sa('dev', 'alice')]);
    expect(can(context(m), ALICE, req('create', 'deployments', 'dev', { group: 'apps' }))).toBeUndefined();
  });

  it('subresources are named resource/subresource; pods/* and */exec match them, pods does not', () => {
    for (const [resources, matched] of [[['pods'], false], [['pods/exec'], true], [['pods/*'], true], [['*/exec'], true], [['pods/log'], false]] as const) {
      const m = base();
      role(m, 'r', [rule(['create'], [...resources])]);
      bind(m, 'b', 'ClusterRole:r', [sa('dev', 'alice')]);
      expect(can(context(m), ALICE, req('create', 'pods', 'dev', { subresource: 'exec' })) !== undefined, resources.join()).toBe(matched);
    }
  });

  it('resourceNames restrict to named objects; list and create carry no name', () => {
    const m = base();
    role(m, 'r', [rule(['get', 'list', 'create'], ['secrets'], { resourceNames: ['tls'] })]);
    bind(m, 'b', 'ClusterRole:r', [sa('dev', 'alice')]);
    const ctx = context(m);
    expect(can(ctx, ALICE, req('get', 'secrets', 'dev', { name: 'tls' }))).toBeDefined();
    expect(can(ctx, ALICE, req('get', 'secrets', 'dev', { name: 'db' }))).toBeUndefined();
    expect(can(ctx, ALICE, req('list', 'secrets', 'dev'))).toBeUndefined();
    expect(can(ctx, ALICE, req('create', 'secrets', 'dev'))).toBeUndefined();
  });

  it('an aggregated ClusterRole holds the rules of the ClusterRoles its selectors match', () => {
    const m = base();
    role(m, 'monitoring', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] } });
    role(m, 'monitoring-endpoints', [rule(['get', 'list'], ['endpoints'])], { labels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } });
    role(m, 'unrelated', [rule(['get'], ['secrets'])]);
    bind(m, 'b', 'ClusterRole:monitoring', [sa('dev', 'alice')]);
    const ctx = context(m);
    expect(can(ctx, ALICE, req('list', 'endpoints', 'dev'))).toBeDefined();
    expect(can(ctx, ALICE, req('get', 'secrets', 'dev', { name: 'x' }))).toBeUndefined();
  });

  it('a binding to a role missing from the inputs grants nothing', () => {
    const m = base();
    bind(m, 'b', 'ClusterRole:ghost', [sa('dev', 'alice')]);
    expect(can(context(m), ALICE, req('get', 'pods', 'dev'))).toBeUndefined();
  });
});
