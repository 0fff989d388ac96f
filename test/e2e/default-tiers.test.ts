/**
 * Default Tier Zero (src/tiers) on a fixture shaped like kubernetes-goat's escapes and an IAM
 * export with administrators: each default carries its reason, a tier of the inputs' own wins,
 * and --no-default-tiers leaves only those.
 */
import { describe, expect, it } from 'vitest';
import { lateral } from '../helpers/cli.js';

const FIXTURE = 'test/fixtures/e2e/default-tiers';
const AT = ['--at', '2026-06-01'];

interface Row {
  id: string;
  tier?: number;
  tierReason?: string;
}
const nodes = (...args: string[]): Map<string, Row> => {
  const r = lateral('nodes', FIXTURE, ...AT, '--json', ...args);
  expect(r.code, r.stderr).toBe(0);
  return new Map((JSON.parse(r.stdout) as { nodes: Row[] }).nodes.map((n) => [n.id, n]));
};

describe('default tiers', () => {
  it('make nodes, cluster-admins, kube-system secrets and AWS administrators tier 0, each with its reason', () => {
    const all = nodes();
    const reason = (id: string) => {
      expect(all.get(id)?.tier, id).toBe(0);
      return all.get(id)!.tierReason;
    };
    expect(reason('node:worker-1')).toMatch(/^Kubernetes node: its kubelet holds the token and secrets of every pod it runs$/);
    expect(reason('system:serviceaccount:kube-system:superadmin')).toBe('cluster-admin-equivalent via ClusterRoleBinding superadmin (ClusterRole cluster-admin: every verb on every resource)');
    expect(reason('secret:kube-system/superadmin-token')).toMatch(/kube-system/);
    expect(reason('secret:ops/deployer-token')).toBe('holds the credential of tier-0 system:serviceaccount:ops:deployer');
    expect(reason('arn:aws:iam::111122223333:root')).toMatch(/root: administrator of the account/);
    expect(reason('arn:aws:iam::111122223333:user/admin')).toBe('AWS administrator: allowed * on * by arn:aws:iam::aws:policy/AdministratorAccess');
    expect(reason('arn:aws:iam::111122223333:user/iam-operator')).toMatch(/^allowed iam:\* on \* with no permissions boundary/);
    // A boundary keeps iam:* short of administrator; an ordinary pod, its service account and secret are not crown jewels.
    for (const id of ['arn:aws:iam::111122223333:user/bounded-operator', 'default/health-check', 'system:serviceaccount:default:default', 'secret:default/app-config']) expect(all.get(id)?.tier, id).toBeUndefined();
  });

  it('yield to a tier the inputs give: a label, an IAM tag', () => {
    const all = nodes();
    expect(all.get('secret:kube-system/etcd-backup-key')).toMatchObject({ tier: 2 });
    expect(all.get('secret:kube-system/etcd-backup-key')?.tierReason).toBeUndefined();
    expect(all.get('arn:aws:iam::111122223333:user/auditor')).toMatchObject({ tier: 1 });
    expect(all.get('arn:aws:iam::111122223333:user/auditor')?.tierReason).toBeUndefined();
  });

  it('give the first run crown jewels: an escape reaches its node, and says why it matters', () => {
    const r = lateral('simulate', FIXTURE, ...AT, '-s', 'test/fixtures/e2e/default-tiers-escape.yaml', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { estate: { crownJewels: number; defaultCrownJewels: number }; scenarios: { paths: { target: string; tierReason?: string }[] }[] };
    expect(out.estate).toMatchObject({ crownJewels: 9, defaultCrownJewels: 9 });
    expect(out.scenarios[0]!.paths.find((p) => p.target === 'node:worker-1')?.tierReason).toMatch(/^Kubernetes node/);
    const text = lateral('simulate', FIXTURE, ...AT, '-s', 'test/fixtures/e2e/default-tiers-escape.yaml').stdout;
    expect(text).toContain('all are tier 0 by default');
    expect(text).toMatch(/> node:worker-1 in \S+ - tier 0 by default: Kubernetes node/);
  });

  it('are gone with --no-default-tiers, and the hint says so', () => {
    const tier0 = [...nodes('--no-default-tiers').values()].filter((n) => n.tier === 0);
    expect(tier0).toEqual([]);
    const r = lateral('simulate', FIXTURE, ...AT, '--no-default-tiers');
    expect(r.stdout).toMatch(/0 crown jewels\n {2}no crown jewels \(default tiers are off\): mark them/);
  });
});
