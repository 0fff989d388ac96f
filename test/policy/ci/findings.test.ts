/** CI findings on the pipeline demo and on trust policies written three ways. */
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/ingest/index.js';
import type { IamPrincipal } from '../../../src/model/aws.js';
import { ciWarnings } from '../../../src/policy/ci/findings.js';

const role = (condition: Record<string, Record<string, string[]>> | undefined): IamPrincipal => ({
  arn: 'arn:aws:iam::111122223333:role/r',
  name: 'r',
  kind: 'role',
  account: '111122223333',
  inline: [],
  attached: [],
  groups: [],
  instanceProfiles: [],
  trust: { statements: [{ index: 0, effect: 'Allow', action: ['sts:AssumeRoleWithWebIdentity'], principal: { Federated: ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'] }, ...(condition ? { condition } : {}) }] },
});

describe('CI findings', () => {
  it('name the untrusted checkout, the mutable action and the broad trust of the demo', () => {
    const kinds = ciWarnings(loadModel(['topologies/pipeline-demo'])).map((w) => w.kind);
    expect(kinds.sort()).toEqual(['ci-broad-trust', 'ci-mutable-action', 'ci-untrusted-code']);
  });

  it('tell a wildcard subject from an exact one, and StringEquals `*` from StringLike', () => {
    const model = loadModel(['topologies/pipeline-demo']);
    const check = (c: Record<string, Record<string, string[]>> | undefined) =>
      ciWarnings({ ...model, aws: { ...model.aws, principals: [role(c)] } }).filter((w) => w.kind === 'ci-broad-trust').map((w) => w.why);
    const sub = 'token.actions.githubusercontent.com:sub';
    expect(check({ StringEquals: { [sub]: ['repo:o/r:ref:refs/heads/main'] } })).toEqual([]);
    expect(check({ StringEquals: { [sub]: ['repo:o/r:*'] } })).toEqual([]);
    expect(check({ StringLike: { [sub]: ['repo:o/r:*'] } })[0]).toContain('admits pull requests, any branch');
    expect(check({ StringLike: { [sub]: ['repo:o/*'] } })[0]).toContain('any repository');
    expect(check(undefined)[0]).toContain('no sub condition');
  });
});
