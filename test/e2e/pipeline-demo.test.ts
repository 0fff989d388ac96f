/**
 * The README's poisoned-pipeline example: a stranger's pull request, through a
 * pull_request_target workflow's OIDC token, to an AWS administrator and, through a
 * NetworkPolicy shortcut, to a tier-0 database; each hop names its file and line, the
 * claims, the trust statement and the policy that allowed it.
 */
import { describe, expect, it } from 'vitest';
import { lateral } from '../helpers/cli.js';

interface Hop {
  from: string;
  to: string;
  kind: string;
  rule: string;
  reason: string;
  decisions: { layer: string; decision: string; policy: string; rule?: string }[];
}
interface Path {
  target: string;
  hops: Hop[];
}

const ARGS = ['topologies/pipeline-demo', '--scenario', 'scenarios/pipeline-demo', '--at', '2026-12-03', '--json'];

describe('pipeline-demo', () => {
  const r = lateral('simulate', ...ARGS);
  const out = JSON.parse(r.stdout) as { scenarios: { name: string; pass: boolean; paths: Path[] }[] };
  const stranger = out.scenarios.find((s) => s.name === 'stranger-pull-request')!;
  const path = (target: string) => stranger.paths.find((p) => p.target === target)!;

  it('fails its expectations, exit 1', () => {
    expect(r.code).toBe(1);
    expect(stranger.pass).toBe(false);
  });

  it('goes from a stranger to the AWS account through the preview job and the over-broad trust', () => {
    const hops = path('arn:aws:iam::111122223333:root').hops;
    expect(hops.map((h) => `${h.rule}:${h.to}`)).toEqual([
      'ci-modify:pipeline:acme/shop/preview.yml#preview@pull_request_target',
      'ci-oidc-assume:arn:aws:iam::111122223333:role/gha-preview',
      'aws-assume-role:arn:aws:iam::111122223333:role/gha-deploy',
      'aws-admin:arn:aws:iam::111122223333:root',
    ]);
    expect(hops[0]!.reason).toMatch(/pull_request_target; job preview checks out \$\{\{ github\.event\.pull_request\.head\.sha \}\} \(topologies\/pipeline-demo\/acme__shop\/\.github\/workflows\/preview\.yml:\d+\)/);
    expect(hops[1]!.reason).toContain('presents sub repo:acme/shop:ref:refs/heads/main');
    expect(hops[1]!.decisions[0]).toMatchObject({ layer: 'iam', decision: 'allow', policy: 'arn:aws:iam::111122223333:role/gha-preview#trust', rule: 'GitHubShop' });
  });

  it('reaches the database through the preview deploy and the NetworkPolicy that admits the preview namespace', () => {
    const hops = path('shop/orders-db').hops;
    expect(hops.map((h) => h.kind)).toEqual(['modify', 'deploy', 'connect']);
    expect(hops[1]!.reason).toMatch(/preview\.yml:\d+\) runs kubectl -n preview/);
    expect(hops[2]!.decisions[0]).toMatchObject({ layer: 'network', decision: 'allow', policy: 'shop/orders-db-ingress' });
  });

  it('does not let the stranger into the reviewed production role directly', () => {
    const direct = stranger.paths.flatMap((p) => p.hops).filter((h) => h.to === 'arn:aws:iam::111122223333:role/gha-deploy' && h.rule === 'ci-oidc-assume');
    expect(direct).toEqual([]);
  });

  it('prints the chain as text too', () => {
    const text = lateral('simulate', ...ARGS.slice(0, -1)).stdout;
    expect(text).toContain('user:any-github-user -modify-> pipeline:acme/shop/preview.yml#preview@pull_request_target');
  });
});
