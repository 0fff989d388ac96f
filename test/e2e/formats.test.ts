/** End-to-end on the Kubernetes and AWS demos: the probe contract, simulate and who-can. */
import { describe, expect, it } from 'vitest';
import { lateral, root } from '../helpers/cli.js';

const AT = ['--at', '2026-11-24'];

type Results = { results: { verdict: string; pass: boolean; reasons: { layer: string; decision: string; policy: string }[] }[] };

describe('Kubernetes and Istio inputs', () => {
  it('answers probes by workload id, IP literal and named port, every layer named', () => {
    const r = lateral('probe', 'topologies/k8s-demo', '--probes', 'test/fixtures/e2e/k8s-probes.yaml', ...AT, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Results;
    expect(out.results.every((x) => x.pass)).toBe(true);
    expect(out.results[0]!.reasons.map((x) => [x.layer, x.decision, x.policy])).toEqual([
      ['network', 'allow', 'payments/api-from-frontend'],
      ['mesh', 'allow', 'payments/api-callers'],
    ]);
  });

  it('simulates the k8s-demo scenarios', () => {
    const r = lateral('simulate', 'topologies/k8s-demo', '--scenario', 'scenarios/k8s-demo', ...AT, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { scenarios: { name: string; pass: boolean; blastRadius: { tier0: number } }[] };
    expect(out.scenarios.map((s) => [s.name, s.pass, s.blastRadius.tier0])).toEqual([
      ['k8s-compromised-frontend', true, 2],
      ['k8s-rogue-pod-in-web', true, 0],
      ['k8s-stolen-frontend-token', true, 0],
      ['k8s-stolen-runner-token', true, 0],
    ]);
  });
});

describe('AWS IAM exports', () => {
  it('answers grant, assume and reach probes by ARN', () => {
    const r = lateral('probe', 'topologies/aws-demo', '--probes', 'test/fixtures/e2e/aws-probes.yaml', ...AT, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Results;
    expect(out.results.map((x) => x.verdict)).toEqual(['allow', 'deny', 'allow', 'allow', 'reach', 'no-reach', 'reach', 'reach', 'reach', 'no-reach', 'reach']);
    expect(out.results[3]!.reasons.map((x) => x.decision)).toEqual(['allow', 'conditional']);
  });

  it('lists who can read the backups, directly or through a chain', () => {
    const r = lateral('who-can', 'topologies/aws-demo', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::acme-customer-backups/dump.sql', ...AT, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { principals: { principal: string; via: string; decision: string }[] };
    expect(out.principals.map((p) => `${p.via} ${p.decision} ${p.principal.split(':').pop()}`)).toEqual([
      'direct allow role/data-processor',
      'direct allow role/ops-admin',
      'direct allow root',
      'chain allow role/deploy-role',
      'chain conditional user/alice',
      'chain allow user/ci-deployer',
      'chain allow user/intern',
    ]);
  });

  it('simulates the aws-demo scenarios', () => {
    const r = lateral('simulate', 'topologies/aws-demo', '--scenario', 'scenarios/aws-demo', ...AT, '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { scenarios: { pass: boolean }[] }).scenarios.map((s) => s.pass)).toEqual([true, true]);
  });

  it('reports a malformed export with file:line and exits 2', () => {
    const r = lateral('graph', 'test/fixtures/e2e/bad-export.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('test/fixtures/e2e/bad-export.json:');
    expect(r.stderr).toContain('UserDetailList[0].Arn');
  });
});
