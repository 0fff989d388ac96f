/**
 * End-to-end: IAM actions the service authorization reference does not know. Typed on the
 * command line they are a usage error with suggestions; in an input export they are a
 * warning (stderr, and `warnings` in --json) that changes no answer.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lateral, root } from '../helpers/cli.js';

const AT = ['--at', '2026-11-24'];
const BACKUPS = 'arn:aws:s3:::acme-customer-backups/dump.sql';
const DATA_PROCESSOR = 'arn:aws:iam::111122223333:role/data-processor';

/** The aws-demo with misspellings added beside real actions, so no statement starts or stops matching anything. */
const work = mkdtempSync(join(tmpdir(), 'lateral-iam-actions-'));
const misspelt = join(work, 'export');
afterAll(() => rmSync(work, { recursive: true, force: true }));
{
  mkdirSync(misspelt);
  const demo = join(root, 'topologies/aws-demo');
  const exp = JSON.parse(readFileSync(join(demo, 'account-authorization-details.json'), 'utf8')) as {
    RoleDetailList: { RoleName: string; RolePolicyList: { PolicyDocument: { Statement: { Action: string | string[] }[] } }[]; AssumeRolePolicyDocument: { Statement: { Action: string | string[] }[] } }[];
  };
  const role = exp.RoleDetailList.find((r) => r.RoleName === 'data-processor')!;
  role.RolePolicyList[0]!.PolicyDocument.Statement[0]!.Action = ['s3:GetObject', 's3:GetObjekt', 's3:ListBucket'];
  const trust = exp.RoleDetailList.find((r) => r.RoleName === 'deploy-role')!.AssumeRolePolicyDocument.Statement[0]!;
  trust.Action = [trust.Action, 'sts:AssumeRoel'].flat();
  writeFileSync(join(misspelt, 'account-authorization-details.json'), JSON.stringify(exp));
  copyFileSync(join(demo, 'overlay.yaml'), join(misspelt, 'overlay.yaml'));
}

describe('an IAM action typed on the command line', () => {
  it('exits 2 when misspelt, suggesting the closest actions', () => {
    const r = lateral('who-can', 'topologies/aws-demo', '--action', 's3:GetObjekt', '--resource', BACKUPS, ...AT);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lateral: --action: unknown IAM action s3:GetObjekt; did you mean s3:GetObject, s3:GetObjectAcl\b.*\(@cloud-copilot\/iam-data \d+\.\d+\.\d+\)\n$/);
  });

  it('exits 2 for an unknown service, and for a wildcard that matches no action', () => {
    const service = lateral('who-can', 'topologies/aws-demo', '--action', 's4:GetObject', '--resource', BACKUPS, ...AT);
    expect(service.code).toBe(2);
    expect(service.stderr).toContain('unknown IAM service s4 (s4:GetObject); did you mean s3:GetObject?');
    const wildcard = lateral('who-can', 'topologies/aws-demo', '--action', 's3:Gett*', '--resource', BACKUPS, ...AT);
    expect(wildcard.code).toBe(2);
    expect(wildcard.stderr).toContain('s3:Gett* matches no action of s3');
  });

  it('answers as before when valid, exact or a matching wildcard', () => {
    for (const action of ['s3:GetObject', 's3:getobject', 's3:Get*']) {
      const r = lateral('who-can', 'topologies/aws-demo', '--action', action, '--resource', BACKUPS, ...AT, '--json');
      expect(r.code, action).toBe(0);
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as { principals: { principal: string }[]; warnings?: unknown };
      expect(out.warnings).toBeUndefined();
      expect(out.principals.length).toBeGreaterThan(0);
    }
  });

  it('in an AWS grant probe is a problem of the probe file, at its line', () => {
    const probes = join(work, 'probes.yaml');
    writeFileSync(probes, `probes:\n  - { from: "${DATA_PROCESSOR}", action: s3:GetObject, resource: "${BACKUPS}", expect: allow }\n  - { from: "${DATA_PROCESSOR}", action: s3:GetObjekt, resource: "${BACKUPS}", expect: allow }\n`);
    const r = lateral('probe', 'topologies/aws-demo', '--probes', probes, ...AT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${probes}:3: action: unknown IAM action s3:GetObjekt; did you mean s3:GetObject`);
  });

  it('in a native grant probe is free vocabulary, as before', () => {
    const r = lateral('probe', 'topologies/demo-shop', '--probes', 'test/fixtures/e2e/demo-probes.yaml', ...AT, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('an unknown IAM action in an input export', () => {
  const argsFor = (dir: string) => ['who-can', dir, '--action', 's3:GetObject', '--resource', BACKUPS, ...AT, '--json'];

  it('is a warning on stderr, once per action, naming where it is', () => {
    const r = lateral('who-can', misspelt, '--action', 's3:GetObject', '--resource', BACKUPS, ...AT);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^lateral: warning: 2 IAM actions unknown to the service reference \(@cloud-copilot\/iam-data [\d.]+\): misspelt, or newer than it\n/);
    expect(r.stderr).toContain('  unknown IAM action s3:GetObjekt in role/data-processor#inline:read-backups; did you mean s3:GetObject');
    expect(r.stderr).toContain('  unknown IAM action sts:AssumeRoel in role/deploy-role#trust; did you mean sts:AssumeRole');
  });

  it('is listed under warnings in --json, and every answer stays the same', () => {
    const clean = lateral(...argsFor('topologies/aws-demo'));
    const r = lateral(...argsFor(misspelt));
    expect(r.code).toBe(0);
    const { warnings, ...answer } = JSON.parse(r.stdout) as { warnings: { kind: string; action: string; in: string[] }[] };
    expect(warnings.map((w) => [w.kind, w.action, w.in])).toEqual([
      ['unknown-iam-action', 's3:GetObjekt', [`${DATA_PROCESSOR}#inline:read-backups`]],
      ['unknown-iam-action', 'sts:AssumeRoel', ['arn:aws:iam::111122223333:role/deploy-role#trust']],
    ]);
    expect(answer).toEqual(JSON.parse(clean.stdout));

    const sim = (dir: string) => lateral('simulate', dir, '--scenario', 'scenarios/aws-demo', ...AT, '--json');
    const { warnings: simWarnings, ...simulated } = JSON.parse(sim(misspelt).stdout) as { warnings: unknown[] };
    expect(simWarnings).toHaveLength(2);
    expect(simulated).toEqual(JSON.parse(sim('topologies/aws-demo').stdout));
  });
});
