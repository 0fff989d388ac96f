/**
 * The default ClusterRoles every cluster has, from "Using RBAC Authorization" in the
 * Kubernetes documentation (Default roles and role bindings, User-facing roles, Aggregated
 * ClusterRoles): bindings to them resolve though the inputs do not define them.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/model/errors.js';
import { PolicyContext } from '../../../src/policy/context.js';
import { bootstrapRoles, checkK8sVersion, DEFAULT_K8S_VERSION, K8S_VERSIONS } from '../../../src/policy/rbac/bootstrap/index.js';
import { can, unresolvedBindings, type RbacRequest } from '../../../src/policy/rbac/index.js';
import { context, model, namespace } from '../../helpers/k8s-model.js';
import { bind, role, rule, sa } from '../../helpers/rbac-model.js';

const ALICE = 'system:serviceaccount:dev:alice';
const req = (verb: string, resource: string, namespace?: string, extra: Partial<RbacRequest> = {}): RbacRequest => ({ verb, group: '', resource, ...(namespace ? { namespace } : {}), ...extra });
const AGG_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

function base() {
  const m = model();
  namespace(m, 'dev');
  namespace(m, 'prod');
  return m;
}

/** Alice bound to the default ClusterRole `name`: in dev by a RoleBinding, or everywhere by a ClusterRoleBinding. */
function boundTo(name: string, where: 'dev' | 'cluster') {
  const m = base();
  bind(m, where === 'dev' ? 'dev/alice' : 'alice', `ClusterRole:${name}`, [sa('dev', 'alice')]);
  return context(m);
}

const allowed = (ctx: PolicyContext, r: RbacRequest) => can(ctx, ALICE, r) !== undefined;

describe('default ClusterRoles', () => {
  it('view reads most namespaced objects but not Secrets', () => {
    const ctx = boundTo('view', 'dev');
    expect(allowed(ctx, req('get', 'pods', 'dev'))).toBe(true);
    expect(allowed(ctx, req('list', 'deployments', 'dev', { group: 'apps' }))).toBe(true);
    expect(allowed(ctx, req('get', 'secrets', 'dev'))).toBe(false);
    expect(allowed(ctx, req('list', 'secrets', 'dev'))).toBe(false);
    expect(allowed(ctx, req('create', 'pods', 'dev'))).toBe(false);
  });

  it.each(['edit', 'admin'])('%s reads and writes Secrets in the RoleBinding namespace only', (name) => {
    const ctx = boundTo(name, 'dev');
    for (const verb of ['get', 'list', 'create', 'update', 'delete']) expect(allowed(ctx, req(verb, 'secrets', 'dev')), verb).toBe(true);
    expect(allowed(ctx, req('get', 'secrets', 'prod'))).toBe(false);
    expect(allowed(ctx, req('get', 'nodes'))).toBe(false);
  });

  it.each(['edit', 'admin'])('%s bound by a ClusterRoleBinding reads Secrets everywhere', (name) => {
    const ctx = boundTo(name, 'cluster');
    expect(allowed(ctx, req('get', 'secrets', 'prod'))).toBe(true);
    expect(allowed(ctx, req('create', 'secrets', 'dev'))).toBe(true);
  });

  it('admin holds what edit and view aggregate, and manages Roles; edit does not', () => {
    const admin = boundTo('admin', 'dev');
    const edit = boundTo('edit', 'dev');
    const roles = req('create', 'rolebindings', 'dev', { group: 'rbac.authorization.k8s.io' });
    expect(allowed(admin, roles)).toBe(true);
    expect(allowed(edit, roles)).toBe(false);
    // view's rules reach admin through edit: admin selects edit, edit selects view.
    expect(allowed(admin, req('get', 'pods', 'dev', { subresource: 'log' }))).toBe(true);
    expect(allowed(edit, req('get', 'pods', 'dev', { subresource: 'log' }))).toBe(true);
  });

  it('cluster-admin may do everything everywhere, cluster-scoped resources and any API group included', () => {
    const ctx = boundTo('cluster-admin', 'cluster');
    expect(can(ctx, ALICE, req('get', 'secrets', 'prod'))).toEqual({ binding: 'alice', role: 'ClusterRole:cluster-admin', rule: 0, builtin: DEFAULT_K8S_VERSION });
    expect(allowed(ctx, req('delete', 'nodes'))).toBe(true);
    expect(allowed(ctx, req('escalate', 'clusterroles', undefined, { group: 'rbac.authorization.k8s.io' }))).toBe(true);
    expect(allowed(ctx, req('create', 'crontabs', 'dev', { group: 'stable.example.com' }))).toBe(true);
  });

  it('cluster-admin in a RoleBinding is full control of that namespace only', () => {
    const ctx = boundTo('cluster-admin', 'dev');
    expect(allowed(ctx, req('delete', 'secrets', 'dev'))).toBe(true);
    expect(allowed(ctx, req('get', 'secrets', 'prod'))).toBe(false);
    expect(allowed(ctx, req('get', 'nodes'))).toBe(false);
  });

  it('view cannot exec into pods; edit can', () => {
    const exec = req('create', 'pods', 'dev', { subresource: 'exec' });
    expect(allowed(boundTo('view', 'dev'), exec)).toBe(false);
    expect(allowed(boundTo('edit', 'dev'), exec)).toBe(true);
  });

  it('a system: role resolves too', () => {
    const ctx = boundTo('system:controller:generic-garbage-collector', 'cluster');
    expect(allowed(ctx, req('delete', 'pods', 'prod'))).toBe(true);
    expect(allowed(ctx, req('create', 'pods', 'prod'))).toBe(false);
  });
});

describe('aggregation', () => {
  it.each(['view', 'edit', 'admin'])('a ClusterRole labelled aggregate-to-view flows into %s', (name) => {
    const m = base();
    role(m, 'crontab-viewer', [rule(['get', 'list'], ['crontabs'], { apiGroups: ['stable.example.com'] })], { labels: { [AGG_VIEW]: 'true' } });
    bind(m, 'dev/alice', `ClusterRole:${name}`, [sa('dev', 'alice')]);
    expect(allowed(context(m), req('list', 'crontabs', 'dev', { group: 'stable.example.com' }))).toBe(true);
  });

  it('ends on a cycle, each role holding both', () => {
    const m = base();
    role(m, 'a', [rule(['get'], ['pods'])], { labels: { x: 'a' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'b' } }] } });
    role(m, 'b', [rule(['get'], ['services'])], { labels: { x: 'b' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'a' } }] } });
    bind(m, 'dev/a', 'ClusterRole:a', [sa('dev', 'alice')]);
    bind(m, 'dev/b', 'ClusterRole:b', [sa('dev', 'bob')]);
    const ctx = context(m);
    for (const who of [ALICE, 'system:serviceaccount:dev:bob']) {
      expect(can(ctx, who, req('get', 'pods', 'dev'))).toBeDefined();
      expect(can(ctx, who, req('get', 'services', 'dev'))).toBeDefined();
    }
  });
});

describe('overrides and unknown roles', () => {
  it('a view ClusterRole in the inputs replaces the built-in one entirely', () => {
    const m = base();
    role(m, 'view', [rule(['get'], ['secrets'])]);
    bind(m, 'dev/alice', 'ClusterRole:view', [sa('dev', 'alice')]);
    bind(m, 'dev/bob', 'ClusterRole:edit', [sa('dev', 'bob')]);
    const ctx = context(m);
    expect(can(ctx, ALICE, req('get', 'secrets', 'dev'))).toEqual({ binding: 'dev/alice', role: 'ClusterRole:view', rule: 0 });
    expect(allowed(ctx, req('get', 'pods', 'dev'))).toBe(false);
    // Without the aggregate-to-edit label the replacement no longer flows into edit.
    expect(can(ctx, 'system:serviceaccount:dev:bob', req('get', 'pods', 'dev'))).toBeUndefined();
    expect(can(ctx, 'system:serviceaccount:dev:bob', req('get', 'secrets', 'dev'))).toBeDefined();
  });

  it('lists a binding to a role neither defined nor built in as unresolved, granting nothing', () => {
    const m = base();
    bind(m, 'dev/rb', 'Role:missing', [sa('dev', 'alice')]);
    bind(m, 'crb', 'ClusterRole:no-such-role', [sa('dev', 'alice')]);
    bind(m, 'dev/ok', 'ClusterRole:view', [sa('dev', 'alice')]);
    const ctx = context(m);
    expect(unresolvedBindings(ctx)).toEqual([
      { binding: 'crb', kind: 'ClusterRoleBinding', role: 'ClusterRole:no-such-role' },
      { binding: 'dev/rb', kind: 'RoleBinding', role: 'Role:dev/missing' },
    ]);
    expect(can(ctx, ALICE, req('get', 'pods', 'dev'))?.binding).toBe('dev/ok');
  });

  it('a Role named like a default ClusterRole is not one', () => {
    const m = base();
    bind(m, 'dev/rb', 'Role:admin', [sa('dev', 'alice')]);
    expect(unresolvedBindings(context(m)).map((u) => u.role)).toEqual(['Role:dev/admin']);
  });
});

describe('versions', () => {
  it('knows the default version and rejects others, naming the known ones', () => {
    expect(K8S_VERSIONS).toContain(DEFAULT_K8S_VERSION);
    expect(() => checkK8sVersion('0.1')).toThrow(UsageError);
    expect(() => checkK8sVersion('0.1')).toThrow(new RegExp(`known: ${DEFAULT_K8S_VERSION.replace('.', '\\.')}`));
    expect(() => can(new PolicyContext(model(), { at: '2026-11-24', k8sVersion: '0.1' }), ALICE, req('get', 'pods', 'dev'))).toThrow(UsageError);
  });

  it.each(K8S_VERSIONS)('%s holds the user-facing, aggregate-to and system: roles, each once', (version) => {
    const names = bootstrapRoles(version).map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:aggregate-to-admin', 'system:aggregate-to-edit', 'system:aggregate-to-view', 'system:node', 'system:kube-scheduler', 'system:kube-controller-manager', 'system:controller:namespace-controller']) {
      expect(names).toContain(n);
    }
  });
});
