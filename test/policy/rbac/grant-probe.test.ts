/**
 * Action probes on Kubernetes objects go to the RBAC authorizer ("Using RBAC Authorization"):
 * verbs, resources and subresources, resourceNames, and the namespace a RoleBinding is in.
 */
import { describe, expect, it } from 'vitest';
import { decideGrant } from '../../../src/policy/grant.js';
import { decideRbacGrant } from '../../../src/policy/rbac/grant.js';
import { context, model, namespace } from '../../helpers/k8s-model.js';
import { bind, role, rule, sa, secret, serviceAccount } from '../../helpers/rbac-model.js';

const ALICE = 'system:serviceaccount:dev:alice';

function base() {
  const m = model();
  namespace(m, 'dev');
  namespace(m, 'prod');
  serviceAccount(m, 'dev', 'alice');
  secret(m, 'dev', 'db');
  secret(m, 'prod', 'db');
  return m;
}

const decide = (m: ReturnType<typeof model>, action: string, resource: string, identity = ALICE) => decideGrant(context(m), { identity, action, resource }).map((d) => `${d.layer}:${d.decision}:${d.policy}`);

describe('RBAC action probes', () => {
  it('a Role grants in its RoleBinding namespace only, naming the binding and rule', () => {
    const m = base();
    role(m, 'dev/reader', [rule(['get'], ['secrets'])]);
    bind(m, 'dev/alice-reads', 'Role:reader', [sa('dev', 'alice')]);
    expect(decide(m, 'get', 'secret:dev/db')).toEqual(['rbac:allow:dev/alice-reads']);
    expect(decideGrant(context(m), { identity: ALICE, action: 'get', resource: 'secret:dev/db' })[0]).toMatchObject({ rule: '0', reason: expect.stringContaining('binds Role:dev/reader, whose rule 0 allows get secrets "db" in dev') });
    expect(decide(m, 'get', 'secret:prod/db')).toEqual(['rbac:deny:(default)']);
    expect(decide(m, 'list', 'secret:dev/db')).toEqual(['rbac:deny:(default)']);
  });

  it('resourceNames match requests that name the object, never a list', () => {
    const m = base();
    role(m, 'dev/one', [rule(['get', 'list'], ['secrets'], { resourceNames: ['db'] })]);
    bind(m, 'dev/alice-one', 'Role:one', [sa('dev', 'alice')]);
    secret(m, 'dev', 'other');
    expect(decide(m, 'get', 'secret:dev/db')).toEqual(['rbac:allow:dev/alice-one']);
    expect(decide(m, 'get', 'secret:dev/other')).toEqual(['rbac:deny:(default)']);
    expect(decide(m, 'list', 'secret:dev/db')).toEqual(['rbac:deny:(default)']);
    expect(decide(m, 'list', 'secrets:dev/*')).toEqual(['rbac:deny:(default)']);
  });

  it('a ClusterRoleBinding grants everywhere and on cluster-scoped resources', () => {
    const m = base();
    role(m, 'nodes-and-secrets', [rule(['get', 'list'], ['secrets', 'nodes'])]);
    bind(m, 'alice-everywhere', 'ClusterRole:nodes-and-secrets', [sa('dev', 'alice')]);
    expect(decide(m, 'get', 'secret:prod/db')).toEqual(['rbac:allow:alice-everywhere']);
    expect(decide(m, 'list', 'nodes:*')).toEqual(['rbac:allow:alice-everywhere']);
    expect(decide(m, 'delete', 'nodes:*')).toEqual(['rbac:deny:(default)']);
  });

  it('the default roles: view reads no Secrets; edit and admin in their RoleBinding namespace only; cluster-admin everywhere', () => {
    const bound = (name: string, where: 'dev' | 'cluster') => {
      const m = base();
      bind(m, where === 'dev' ? 'dev/alice' : 'alice', `ClusterRole:${name}`, [sa('dev', 'alice')]);
      return m;
    };
    expect(decide(bound('view', 'cluster'), 'get', 'secret:dev/db')).toEqual(['rbac:deny:(default)']);
    for (const name of ['edit', 'admin']) {
      expect(decide(bound(name, 'dev'), 'get', 'secret:dev/db')).toEqual(['rbac:allow:dev/alice']);
      expect(decide(bound(name, 'dev'), 'get', 'secret:prod/db')).toEqual(['rbac:deny:(default)']);
    }
    const admin = bound('cluster-admin', 'cluster');
    expect(decide(admin, 'get', 'secret:prod/db')).toEqual(['rbac:allow:alice']);
    expect(decideGrant(context(admin), { identity: ALICE, action: 'get', resource: 'secret:prod/db' })[0]?.reason).toContain('(Kubernetes 1.27 default)');
  });

  it('a subresource needs its own grant: pods does not give pods/exec', () => {
    const m = base();
    role(m, 'dev/pods', [rule(['get', 'create'], ['pods'])]);
    bind(m, 'dev/alice-pods', 'Role:pods', [sa('dev', 'alice')]);
    expect(decide(m, 'create', 'pods/exec:dev/web-0')).toEqual(['rbac:deny:(default)']);
    role(m, 'dev/exec', [rule(['create'], ['pods/exec'], { resourceNames: ['web-0'] })]);
    bind(m, 'dev/alice-exec', 'Role:exec', [sa('dev', 'alice')]);
    // create on a subresource names its object, so resourceNames apply.
    expect(decide(m, 'create', 'pods/exec:dev/web-0')).toEqual(['rbac:allow:dev/alice-exec']);
    expect(decide(m, 'create', 'pods/exec:dev/web-1')).toEqual(['rbac:deny:(default)']);
  });

  it('does not apply to what is no Kubernetes subject or object, and rejects what is no verb', () => {
    const m = base();
    expect(decideRbacGrant(context(m), { identity: 'arn:aws:iam::111122223333:role/x', action: 'get', resource: 'secret:dev/db' })).toEqual([]);
    expect(decideRbacGrant(context(m), { identity: ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' })).toEqual([]);
    expect(() => decideRbacGrant(context(m), { identity: ALICE, action: 'read', resource: 'secret:dev/db' })).toThrow('"read" is not a Kubernetes verb');
  });
});
