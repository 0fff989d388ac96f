/**
 * The RBAC rules visit only what a subject's bindings can reach and share one decision per
 * (subject, namespace, name): these cases fail if that narrowing or the decision's key loses
 * the namespace, the name, a group's bindings, or the order in which `can` finds a grant.
 */
import { describe, expect, it } from 'vitest';
import type { Model, Workload } from '../../src/model/model.js';
import type { Rule } from '../../src/rules/rule.js';
import { rule as impersonate } from '../../src/rules/k8s/impersonate.js';
import { rule as podCreate } from '../../src/rules/k8s/pod-create.js';
import { rule as podExec } from '../../src/rules/k8s/pod-exec.js';
import { rule as secretRead } from '../../src/rules/k8s/secret-read.js';
import { context, model, namespace, pod } from '../helpers/k8s-model.js';
import { bind, role, rule, sa, secret, serviceAccount } from '../helpers/rbac-model.js';

const ATTACKER = 'system:serviceaccount:dev:attacker';

/** Findings as `from -> to [binding#rule]`, sorted. */
function edges(r: Rule, m: Model, from?: string): string[] {
  return r
    .find(m, context(m))
    .filter((f) => !from || f.from === from)
    .map((f) => `${f.from} -> ${f.to} [${f.decisions.map((d) => `${d.policy}#${d.rule}${d.decision === 'conditional' ? ' conditional' : ''}`).join(', ')}]`)
    .sort();
}

/** Namespaces a and b, each with two Deployments and a bare Pod; the attacker in dev. */
function estate(): Model {
  const m = model();
  for (const ns of ['a', 'b', 'dev']) namespace(m, ns);
  serviceAccount(m, 'dev', 'attacker');
  serviceAccount(m, 'dev', 'other');
  serviceAccount(m, 'b', 'worker');
  const bare = (w: Workload) => Object.assign(w, { kind: 'Pod' });
  for (const ns of ['a', 'b']) {
    pod(m, `${ns}/api`);
    pod(m, `${ns}/front`);
    bare(pod(m, `${ns}/debug`));
  }
  return m;
}

describe('k8s-pod-exec narrowed per subject', () => {
  it('a RoleBinding in a grants exec into a’s pods only, with a cluster-wide exec rule for another name in play', () => {
    const m = estate();
    role(m, 'exec', [rule(['create'], ['pods/exec'])]);
    bind(m, 'a/exec', 'ClusterRole:exec', [sa('dev', 'attacker')]);
    // Cluster-wide, so every namespace is a candidate, but it names no pod here.
    role(m, 'named', [rule(['create'], ['pods/exec'], { resourceNames: ['elsewhere'] })]);
    bind(m, 'named', 'ClusterRole:named', [{ kind: 'Group', name: 'system:authenticated' }]);
    expect(edges(podExec, m)).toEqual([`${ATTACKER} -> a/api [a/exec#0]`, `${ATTACKER} -> a/debug [a/exec#0]`, `${ATTACKER} -> a/front [a/exec#0]`]);
  });

  it('resourceNames grant exec into the bare Pod of that name, not into controllers’ pods of the namespace', () => {
    const m = estate();
    role(m, 'a/debug-only', [rule(['create'], ['pods/exec'], { resourceNames: ['debug'] })]);
    bind(m, 'a/debug-only', 'Role:debug-only', [sa('dev', 'attacker')]);
    expect(edges(podExec, m)).toEqual([`${ATTACKER} -> a/debug [a/debug-only#0]`]);
  });

  it('a name-less grant in one namespace and a named one in the other', () => {
    const m = estate();
    role(m, 'exec', [rule(['create'], ['pods/exec'])]);
    role(m, 'named', [rule(['get'], ['pods/attach'], { resourceNames: ['debug', 'api'] })]);
    bind(m, 'a/exec', 'ClusterRole:exec', [sa('dev', 'attacker')]);
    bind(m, 'b/named', 'ClusterRole:named', [sa('dev', 'attacker')]);
    expect(edges(podExec, m)).toEqual([
      `${ATTACKER} -> a/api [a/exec#0]`,
      `${ATTACKER} -> a/debug [a/exec#0]`,
      `${ATTACKER} -> a/front [a/exec#0]`,
      // b/api is a Deployment: its pods' names are generated, so resourceNames "api" misses them.
      `${ATTACKER} -> b/debug [b/named#0]`,
    ]);
  });

  it('system:serviceaccounts:<ns> covers that namespace’s accounts only; users are not in it', () => {
    const m = estate();
    m.identities.push({ id: 'user:alice', name: 'alice', kind: 'human' });
    role(m, 'exec', [rule(['create'], ['pods/exec'])]);
    bind(m, 'b/dev-accounts', 'ClusterRole:exec', [{ kind: 'Group', name: 'system:serviceaccounts:dev' }]);
    expect(edges(podExec, m).map((e) => e.split(' [')[0])).toEqual(
      ['b/api', 'b/debug', 'b/front'].flatMap((to) => [`${ATTACKER} -> ${to}`, `system:serviceaccount:dev:other -> ${to}`]).sort(),
    );
  });

  it('the first request granted decides, then the first binding by id, then the first rule', () => {
    const m = estate();
    // get pods/exec is the second request tried: a binding sorted earlier that grants only it loses.
    role(m, 'get-exec', [rule(['get'], ['pods/exec'])]);
    role(m, 'create-exec', [rule(['list'], ['pods']), rule(['create'], ['pods/exec']), rule(['*'], ['*'])]);
    bind(m, 'a/0-get', 'ClusterRole:get-exec', [sa('dev', 'attacker')]);
    bind(m, 'a/2-create', 'ClusterRole:create-exec', [sa('dev', 'attacker')]);
    bind(m, 'a/1-create', 'ClusterRole:create-exec', [sa('dev', 'attacker')]);
    // The subject's own bindings come before its groups', whatever their ids.
    bind(m, 'a/00-everyone', 'ClusterRole:create-exec', [{ kind: 'Group', name: 'system:authenticated' }]);
    const [d] = podExec.find(m, context(m)).find((f) => f.from === ATTACKER && f.to === 'a/api')!.decisions;
    expect(d).toEqual({ layer: 'rbac', decision: 'allow', policy: 'a/1-create', rule: '1', reason: 'a/1-create binds ClusterRole:create-exec, whose rule 1 allows create pods/exec in a' });
    expect(edges(podExec, m, 'system:serviceaccount:dev:other')).toContain('system:serviceaccount:dev:other -> a/api [a/00-everyone#1]');
  });
});

describe('k8s-secret-read narrowed per subject', () => {
  it('list in one namespace, get on one name in another', () => {
    const m = estate();
    for (const ns of ['a', 'b']) for (const n of ['tls', 'db']) secret(m, ns, n);
    role(m, 'lister', [rule(['list'], ['secrets'])]);
    role(m, 'tls', [rule(['get'], ['secrets'], { resourceNames: ['tls'] })]);
    bind(m, 'a/list', 'ClusterRole:lister', [sa('dev', 'attacker')]);
    bind(m, 'b/tls', 'ClusterRole:tls', [sa('dev', 'attacker')]);
    expect(edges(secretRead, m)).toEqual([
      `${ATTACKER} -> secret:a/db [a/list#0]`,
      `${ATTACKER} -> secret:a/tls [a/list#0]`,
      `${ATTACKER} -> secret:b/tls [b/tls#0 conditional]`,
    ]);
  });

  it('system:authenticated reaches every service account, user and node', () => {
    const m = estate();
    m.identities.push({ id: 'user:alice', name: 'alice', kind: 'human' });
    m.resources.push({ id: 'node:n1', name: 'n1', type: 'node', holds: [] });
    secret(m, 'b', 'tls');
    role(m, 'b/lister', [rule(['watch'], ['secrets'])]);
    bind(m, 'b/all', 'Role:lister', [{ kind: 'Group', name: 'system:authenticated' }]);
    expect(edges(secretRead, m).map((e) => e.split(' -> ')[0])).toEqual([ATTACKER, 'system:serviceaccount:b:worker', 'system:serviceaccount:dev:other', 'node:n1', 'user:alice'].sort());
  });
});

describe('k8s-pod-create narrowed per subject', () => {
  it('a deployer RoleBinding in b reaches b only', () => {
    const m = estate();
    role(m, 'deployer', [rule(['patch'], ['deployments'], { apiGroups: ['apps'] })]);
    bind(m, 'b/deployer', 'ClusterRole:deployer', [sa('dev', 'attacker')]);
    expect(edges(podCreate, m)).toEqual(['b/api', 'b/debug', 'b/front', 'system:serviceaccount:b:worker'].map((to) => `${ATTACKER} -> ${to} [b/deployer#0]`));
  });

  it('findings come in namespace order, which numbers the graph’s parallel edges to a node', () => {
    const m = estate();
    m.resources.push({ id: 'node:n1', name: 'n1', type: 'node', holds: [] });
    role(m, 'pods', [rule(['create'], ['pods'])]);
    // The subject's own binding (in b) is tried before its group's (in a).
    bind(m, 'b/own', 'ClusterRole:pods', [sa('dev', 'attacker')]);
    bind(m, 'a/group', 'ClusterRole:pods', [{ kind: 'Group', name: 'system:serviceaccounts' }]);
    const toNode = podCreate.find(m, context(m)).filter((f) => f.from === ATTACKER && f.to === 'node:n1');
    expect(toNode.map((f) => f.reason)).toEqual([`${ATTACKER} may run a pod in a that is privileged on node:n1`, `${ATTACKER} may run a pod in b that is privileged on node:n1`]);
  });
});

describe('k8s-impersonate narrowed per subject', () => {
  it('serviceaccounts in a RoleBinding’s namespace; users by name only cluster-wide', () => {
    const m = estate();
    m.identities.push({ id: 'user:alice', name: 'alice', kind: 'human' }, { id: 'user:bob', name: 'bob', kind: 'human' });
    role(m, 'imp-sa', [rule(['impersonate'], ['serviceaccounts'])]);
    role(m, 'imp-user', [rule(['impersonate'], ['users'], { resourceNames: ['alice', 'system:serviceaccount:dev:other'] })]);
    bind(m, 'b/imp-sa', 'ClusterRole:imp-sa', [sa('dev', 'attacker')]);
    // A RoleBinding never grants a cluster-scoped request: bob stays out of reach.
    bind(m, 'b/imp-user', 'ClusterRole:imp-user', [sa('dev', 'attacker')]);
    bind(m, 'imp-user', 'ClusterRole:imp-user', [sa('dev', 'attacker')]);
    expect(edges(impersonate, m)).toEqual([
      `${ATTACKER} -> system:serviceaccount:b:worker [b/imp-sa#0]`,
      `${ATTACKER} -> system:serviceaccount:dev:other [imp-user#0]`,
      `${ATTACKER} -> user:alice [imp-user#0]`,
    ]);
  });
});
