/**
 * The Kubernetes attack rules, each with a positive case and a control that lacks the one
 * permission or setting the technique needs. Findings are asserted as exact sorted lists.
 */
import { describe, expect, it } from 'vitest';
import type { PodSecurity } from '../../src/model/k8s.js';
import type { Model } from '../../src/model/model.js';
import type { Rule } from '../../src/rules/rule.js';
import { rule as impersonate } from '../../src/rules/k8s/impersonate.js';
import { escape, rule as nodeEscape } from '../../src/rules/k8s/node-escape.js';
import { rule as nodeCredentials } from '../../src/rules/k8s/node-credentials.js';
import { rule as podCreate } from '../../src/rules/k8s/pod-create.js';
import { rule as podExec } from '../../src/rules/k8s/pod-exec.js';
import { rule as roleBind } from '../../src/rules/k8s/role-bind.js';
import { rule as secretRead } from '../../src/rules/k8s/secret-read.js';
import { context, model, namespace, pod } from '../helpers/k8s-model.js';
import { bind, role, rule, sa, secret, serviceAccount } from '../helpers/rbac-model.js';

const RBAC = 'rbac.authorization.k8s.io';

function edges(r: Rule, m: Model): string[] {
  return r
    .find(m, context(m))
    .map((f) => `${f.from} -> ${f.to}${f.decisions.some((d) => d.decision === 'conditional') ? ' (conditional)' : ''}`)
    .sort();
}

/** Namespace `app` with a web pod, its service account, a token secret and a plain secret; attacker SA in `dev`. */
function cluster(): Model {
  const m = model();
  namespace(m, 'app');
  namespace(m, 'dev');
  serviceAccount(m, 'dev', 'attacker');
  const web = serviceAccount(m, 'app', 'web');
  serviceAccount(m, 'app', 'db');
  pod(m, 'app/web', { sa: 'web' }).identities.push(web);
  secret(m, 'app', 'web-token', [web]);
  secret(m, 'app', 'db-password');
  return m;
}
const ATTACKER = 'system:serviceaccount:dev:attacker';

describe('k8s-secret-read', () => {
  it('list on secrets reaches every secret of the namespace', () => {
    const m = cluster();
    role(m, 'app/lister', [rule(['list'], ['secrets'])]);
    bind(m, 'app/b', 'Role:lister', [sa('dev', 'attacker')]);
    expect(edges(secretRead, m)).toEqual([`${ATTACKER} -> secret:app/db-password`, `${ATTACKER} -> secret:app/web-token`]);
  });

  it('get alone reaches a secret only if the attacker knows its name: conditional', () => {
    const m = cluster();
    role(m, 'app/get', [rule(['get'], ['secrets'])]);
    bind(m, 'app/b', 'Role:get', [sa('dev', 'attacker')]);
    expect(edges(secretRead, m)).toEqual([`${ATTACKER} -> secret:app/db-password (conditional)`, `${ATTACKER} -> secret:app/web-token (conditional)`]);
  });

  it('get with resourceNames reaches the named secret only', () => {
    const m = cluster();
    role(m, 'app/one', [rule(['get'], ['secrets'], { resourceNames: ['db-password'] })]);
    bind(m, 'app/b', 'Role:one', [sa('dev', 'attacker')]);
    expect(edges(secretRead, m)).toEqual([`${ATTACKER} -> secret:app/db-password (conditional)`]);
  });

  it('a node is an RBAC subject: user system:node:<name> in group system:nodes', () => {
    const m = cluster();
    m.resources.push({ id: 'node:n1', name: 'n1', type: 'node', holds: [] });
    role(m, 'nodes-list', [rule(['list'], ['secrets'])]);
    bind(m, 'b', 'ClusterRole:nodes-list', [{ kind: 'Group', name: 'system:nodes' }]);
    expect(edges(secretRead, m)).toEqual(['node:n1 -> secret:app/db-password', 'node:n1 -> secret:app/web-token']);
  });

  it('control: reading configmaps reaches no secret', () => {
    const m = cluster();
    role(m, 'app/cm', [rule(['get', 'list'], ['configmaps'])]);
    bind(m, 'app/b', 'Role:cm', [sa('dev', 'attacker')]);
    expect(edges(secretRead, m)).toEqual([]);
  });
});

describe('k8s-pod-exec', () => {
  it('create on pods/exec reaches the pods of the namespace', () => {
    const m = cluster();
    role(m, 'app/exec', [rule(['create'], ['pods/exec'])]);
    bind(m, 'app/b', 'Role:exec', [sa('dev', 'attacker')]);
    expect(edges(podExec, m)).toEqual([`${ATTACKER} -> app/web`]);
  });

  it('control: get on pods alone is not exec', () => {
    const m = cluster();
    role(m, 'app/get', [rule(['get'], ['pods'])]);
    bind(m, 'app/b', 'Role:get', [sa('dev', 'attacker')]);
    expect(edges(podExec, m)).toEqual([]);
  });
});

describe('k8s-pod-create', () => {
  it('creating deployments reaches every service account, secret and workload of the namespace', () => {
    const m = cluster();
    role(m, 'deployer', [rule(['create'], ['deployments'], { apiGroups: ['apps'] })]);
    bind(m, 'app/b', 'ClusterRole:deployer', [sa('dev', 'attacker')]);
    expect(edges(podCreate, m)).toEqual([
      `${ATTACKER} -> app/web`,
      `${ATTACKER} -> secret:app/db-password`,
      `${ATTACKER} -> secret:app/web-token`,
      `${ATTACKER} -> system:serviceaccount:app:db`,
      `${ATTACKER} -> system:serviceaccount:app:web`,
    ]);
  });

  it('without Pod Security admission the pod may be privileged on any node', () => {
    const withNodes = (enforce?: string) => {
      const m = cluster();
      if (enforce) m.namespaces.find((n) => n.name === 'app')!.labels['pod-security.kubernetes.io/enforce'] = enforce;
      m.resources.push({ id: 'node:n1', name: 'n1', type: 'node', holds: [] });
      role(m, 'app/pods', [rule(['create'], ['pods'])]);
      bind(m, 'app/b', 'Role:pods', [sa('dev', 'attacker')]);
      return edges(podCreate, m).filter((e) => e.includes('node:'));
    };
    expect(withNodes()).toEqual([`${ATTACKER} -> node:n1`]);
    expect(withNodes('privileged')).toEqual([`${ATTACKER} -> node:n1`]);
    expect(withNodes('baseline')).toEqual([]);
    expect(withNodes('restricted')).toEqual([]);
  });

  it('control: creating services is not creating pods', () => {
    const m = cluster();
    role(m, 'svc', [rule(['create'], ['services'])]);
    bind(m, 'app/b', 'ClusterRole:svc', [sa('dev', 'attacker')]);
    expect(edges(podCreate, m)).toEqual([]);
  });
});

describe('k8s-impersonate', () => {
  it('impersonate on serviceaccounts with resourceNames reaches the named one', () => {
    const m = cluster();
    role(m, 'app/imp', [rule(['impersonate'], ['serviceaccounts'], { resourceNames: ['db'] })]);
    bind(m, 'app/b', 'Role:imp', [sa('dev', 'attacker')]);
    expect(edges(impersonate, m)).toEqual([`${ATTACKER} -> system:serviceaccount:app:db`]);
  });

  it('impersonate on users reaches human users and service accounts by username', () => {
    const m = cluster();
    m.identities.push({ id: 'user:alice', name: 'alice', kind: 'human' });
    role(m, 'imp', [rule(['impersonate'], ['users'])]);
    bind(m, 'b', 'ClusterRole:imp', [sa('dev', 'attacker')]);
    expect(edges(impersonate, m)).toEqual([`${ATTACKER} -> system:serviceaccount:app:db`, `${ATTACKER} -> system:serviceaccount:app:web`, `${ATTACKER} -> user:alice`]);
  });

  it('impersonating system:masters is cluster-admin: every service account and secret', () => {
    const m = cluster();
    role(m, 'imp', [rule(['impersonate'], ['groups'], { resourceNames: ['system:masters'] })]);
    bind(m, 'b', 'ClusterRole:imp', [sa('dev', 'attacker')]);
    expect(edges(impersonate, m)).toEqual([
      `${ATTACKER} -> secret:app/db-password`,
      `${ATTACKER} -> secret:app/web-token`,
      `${ATTACKER} -> system:serviceaccount:app:db`,
      `${ATTACKER} -> system:serviceaccount:app:web`,
    ]);
  });

  it('control: no impersonate verb', () => {
    const m = cluster();
    role(m, 'imp', [rule(['get'], ['users', 'serviceaccounts'])]);
    bind(m, 'b', 'ClusterRole:imp', [sa('dev', 'attacker')]);
    expect(edges(impersonate, m)).toEqual([]);
  });
});

describe('k8s-role-bind', () => {
  const binder = (extra: string[]) => {
    const m = cluster();
    role(m, 'binder', [rule(['create'], ['rolebindings'], { apiGroups: [RBAC] }), ...(extra.length ? [rule(extra, ['clusterroles'], { apiGroups: [RBAC] })] : [])]);
    bind(m, 'app/b', 'ClusterRole:binder', [sa('dev', 'attacker')]);
    return m;
  };

  it('create rolebindings with bind on clusterroles makes the namespace its own', () => {
    expect(edges(roleBind, binder(['bind']))).toEqual([
      `${ATTACKER} -> secret:app/db-password`,
      `${ATTACKER} -> secret:app/web-token`,
      `${ATTACKER} -> system:serviceaccount:app:db`,
      `${ATTACKER} -> system:serviceaccount:app:web`,
    ]);
  });

  it('control: create rolebindings alone binds only what the creator holds (escalation prevention)', () => {
    expect(edges(roleBind, binder([]))).toEqual([]);
  });

  it('create clusterrolebindings with bind reaches every namespace', () => {
    const m = cluster();
    role(m, 'binder', [rule(['create'], ['clusterrolebindings'], { apiGroups: [RBAC] }), rule(['bind'], ['clusterroles'], { apiGroups: [RBAC] })]);
    bind(m, 'b', 'ClusterRole:binder', [sa('dev', 'attacker')]);
    expect(edges(roleBind, m)).toHaveLength(4);
  });

  it('escalate with update on clusterroles reaches every namespace', () => {
    const m = cluster();
    role(m, 'esc', [rule(['escalate', 'patch'], ['clusterroles'], { apiGroups: [RBAC] })]);
    bind(m, 'b', 'ClusterRole:esc', [sa('dev', 'attacker')]);
    expect(edges(roleBind, m)).toHaveLength(4);
    const without = cluster();
    role(without, 'esc', [rule(['patch'], ['clusterroles'], { apiGroups: [RBAC] })]);
    bind(without, 'b', 'ClusterRole:esc', [sa('dev', 'attacker')]);
    expect(edges(roleBind, without)).toEqual([]);
  });

  it('escalate with update on roles makes the namespace its own', () => {
    const m = cluster();
    role(m, 'app/esc', [rule(['escalate', 'update'], ['roles'], { apiGroups: [RBAC] })]);
    bind(m, 'app/b', 'Role:esc', [sa('dev', 'attacker')]);
    expect(edges(roleBind, m)).toHaveLength(4);
  });
});

describe('k8s-node-escape', () => {
  const onNode = (security: Partial<PodSecurity>, node?: string) => {
    const m = cluster();
    const agent = serviceAccount(m, 'ops', 'agent');
    pod(m, 'ops/agent', { sa: 'agent' }).identities.push(agent);
    const info = m.k8s.workloads.get('ops/agent')!;
    Object.assign(info.security, security);
    if (node) info.node = node;
    return m;
  };

  it.each([
    [{ privileged: true }, ['ops/agent -> node:cluster-nodes']],
    [{ hostPaths: ['/'] }, ['ops/agent -> node:cluster-nodes']],
    [{ hostPaths: ['/var/run/docker.sock'] }, ['ops/agent -> node:cluster-nodes']],
    [{ capabilities: ['SYS_ADMIN'] }, ['ops/agent -> node:cluster-nodes']],
    [{ hostPID: true, capabilities: ['SYS_PTRACE'] }, ['ops/agent -> node:cluster-nodes']],
    [{ hostPID: true }, ['ops/agent -> node:cluster-nodes (conditional)']],
    [{ hostNetwork: true }, ['ops/agent -> node:cluster-nodes (conditional)']],
    [{ hostIPC: true }, ['ops/agent -> node:cluster-nodes (conditional)']],
    [{ hostPaths: ['/data/cache'] }, ['ops/agent -> node:cluster-nodes (conditional)']],
    [{}, []],
  ])('%o', (security, expected) => {
    expect(edges(nodeEscape, onNode(security))).toEqual(expected);
  });

  it('escapes to the node the pod is placed on', () => {
    expect(edges(nodeEscape, onNode({ privileged: true }, 'node-a'))).toEqual(['ops/agent -> node:node-a']);
  });

  it('escape() names what makes the pod escape', () => {
    expect(escape({ privileged: true, hostPID: false, hostIPC: false, hostNetwork: false, hostPaths: ['/etc'], capabilities: [] })).toEqual({ verdict: 'allow', why: 'privileged, hostPath /etc' });
  });
});

describe('k8s-node-credentials', () => {
  it('a node holds the tokens and mounted secrets of the pods on it', () => {
    const m = cluster();
    m.k8s.workloads.get('app/web')!.secrets.push('secret:app/db-password', 'secret:app/not-in-inputs');
    expect(edges(nodeCredentials, m)).toEqual(['node:cluster-nodes -> secret:app/db-password', 'node:cluster-nodes -> system:serviceaccount:app:web']);
  });

  it('control: pods on another node', () => {
    const m = cluster();
    m.k8s.workloads.get('app/web')!.node = 'node-b';
    expect(edges(nodeCredentials, m)).toEqual(['node:node-b -> system:serviceaccount:app:web']);
  });
});
