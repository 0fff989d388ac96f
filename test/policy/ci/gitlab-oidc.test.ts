/**
 * GitLab CI joined to AWS OIDC trust, from GitLab's ID token reference (the sub is
 * project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>, the aud is what
 * id_tokens asks for) and its rules / only / except references: which pipelines run the job,
 * and so which claims it presents.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/graph/build.js';
import { loadModel } from '../../../src/ingest/index.js';
import { webIdentityExport } from '../../helpers/aws-export.js';
import { InputError } from '../../../src/model/errors.js';
import { ciWarnings } from '../../../src/policy/ci/findings.js';

const tmp = mkdtempSync(join(tmpdir(), 'lateral-gitlab-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const ROLE = 'arn:aws:iam::111122223333:role/deploy';
const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/gitlab.com';
const NODE = 'pipeline:acme/payments/.gitlab-ci.yml';

const exportWith = (condition: unknown, provider = PROVIDER) => webIdentityExport('deploy', provider, condition);

const sub = (v: string, op = 'StringEquals', aud = 'sts.amazonaws.com') => ({ [op]: { 'gitlab.com:sub': v, 'gitlab.com:aud': aud } });

const job = (conditions = '', aud = 'sts.amazonaws.com') => `deploy:
  stage: deploy
  id_tokens:
    AWS_TOKEN:
      aud: ${aud}
${conditions}  script:
    - aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --web-identity-token "$AWS_TOKEN"
`;

function write(files: Record<string, string>): string {
  const dir = join(tmp, String(n++));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The edge from the project's pipeline node to the role (undefined: none). */
function join1(files: Record<string, string>) {
  const model = loadModel([write(files)]);
  const { graph } = buildGraph(model, { at: '2026-12-03' });
  const edge = graph.hasNode(NODE) ? graph.edges(NODE, ROLE).map((e) => graph.getEdgeAttributes(e))[0] : undefined;
  return edge && { decision: edge.decisions[0]!.decision, reason: edge.reason };
}

const CI = 'acme__payments/.gitlab-ci.yml';

describe('GitLab OIDC join', () => {
  it('a job without rules runs on every branch: its default-branch pipeline presents ref_type:branch:ref:main', () => {
    const e = join1({ [CI]: job(), 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:main')) });
    expect(e?.decision).toBe('allow');
    expect(e?.reason).toContain('presents sub project_path:acme/payments:ref_type:branch:ref:main');
  });

  it('rules that keep the job to the default branch do not reach a role trusting another branch', () => {
    const rules = `  rules:\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n`;
    expect(join1({ [CI]: job(rules), 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:release')) })).toBeUndefined();
    expect(join1({ [CI]: job(rules), 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:main')) })?.decision).toBe('allow');
  });

  it('when: never keeps the job out of merge request pipelines; a rule on tags reaches a tag-scoped trust', () => {
    const rules = `  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n      when: never\n    - if: $CI_COMMIT_TAG =~ /^v\\d+/\n`;
    const e = join1({ [CI]: job(rules), 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:tag:ref:v*', 'StringLike')) });
    expect(e?.decision).toBe('allow');
    expect(e?.reason).toContain('ref_type:tag:ref:v1');
    expect(join1({ [CI]: job(rules), 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:main')) })).toBeUndefined();
  });

  it('a merge request pipeline presents its source branch, never a tag', () => {
    const rules = `  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n`;
    const like = join1({ [CI]: job(rules), 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:*', 'StringLike')) });
    expect(like?.decision).toBe('allow');
    expect(like?.reason).toContain('on merge_request_event presents sub project_path:acme/payments:ref_type:branch:ref:');
    expect(join1({ [CI]: job(rules), 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:tag:ref:*', 'StringLike')) })).toBeUndefined();
  });

  it('only: [main] / only: [tags] / except: [main] decide by ref', () => {
    const trust = exportWith(sub('project_path:acme/payments:ref_type:branch:ref:main'));
    expect(join1({ [CI]: job('  only: [main]\n'), 'aws.json': trust })?.decision).toBe('allow');
    expect(join1({ [CI]: job('  only: [tags]\n'), 'aws.json': trust })).toBeUndefined();
    expect(join1({ [CI]: job('  except: [main]\n'), 'aws.json': trust })).toBeUndefined();
  });

  it('workflow: rules that drop every pipeline but tags drop the job from branch pipelines', () => {
    const file = `workflow:\n  rules:\n    - if: $CI_COMMIT_TAG\n${job()}`;
    expect(join1({ [CI]: file, 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:main')) })).toBeUndefined();
  });

  it('a rule on a variable lateral cannot know keeps the job, conditional, with the rule named', () => {
    const e = join1({ [CI]: job(`  rules:\n    - if: $DEPLOY_ENABLED == "true"\n`), 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:main')) });
    expect(e?.decision).toBe('conditional');
    expect(e?.reason).toContain('rules: if $DEPLOY_ENABLED == "true"');
  });

  it('an aud the job does not ask for: still reached (whoever edits the file sets any audience), and said so', () => {
    const e = join1({ [CI]: job('', 'https://vault.example.com'), 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:main')) });
    expect(e?.decision).toBe('allow');
    expect(e?.reason).toContain('its id_tokens ask for aud https://vault.example.com');
  });

  it('a job without id_tokens gets no token', () => {
    const file = `deploy:\n  script:\n    - echo hi\n`;
    expect(join1({ [CI]: file, 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:main')) })).toBeUndefined();
  });

  it("GitHub's provider does not trust GitLab's tokens, and a self-managed issuer comes from the sidecar", () => {
    const gh = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
    expect(join1({ [CI]: job(), 'aws.json': exportWith({ StringLike: { 'token.actions.githubusercontent.com:sub': '*' } }, gh) })).toBeUndefined();
    const own = 'arn:aws:iam::111122223333:oidc-provider/gitlab.acme.internal';
    const sidecar = 'apiVersion: lateral/v1\nkind: Repository\nname: acme/payments\noidc:\n  issuer: gitlab.acme.internal\n';
    const trust = exportWith({ StringEquals: { 'gitlab.acme.internal:sub': 'project_path:acme/payments:ref_type:branch:ref:main' } }, own);
    expect(join1({ [CI]: job(), 'acme__payments/lateral-repository.yaml': sidecar, 'aws.json': trust })?.decision).toBe('allow');
    expect(join1({ [CI]: job(), 'aws.json': trust })).toBeUndefined();
  });

  it('a subgroup folder names its project path, and extends / default bring id_tokens in', () => {
    const file = `default:\n  id_tokens:\n    T:\n      aud: sts.amazonaws.com\n.deploy:\n  rules:\n    - if: $CI_COMMIT_BRANCH == "main"\nrelease:\n  extends: .deploy\n  script: [make release]\n`;
    const model = loadModel([write({ 'acme__platform__payments/.gitlab-ci.yml': file, 'aws.json': exportWith(sub('project_path:acme/platform/payments:ref_type:branch:ref:main')) })]);
    const { graph } = buildGraph(model, { at: '2026-12-03' });
    const node = 'pipeline:acme/platform/payments/.gitlab-ci.yml';
    expect(graph.edges(node, ROLE)).toHaveLength(1);
    expect(model.ci.workflows[0]!.jobs.map((j) => j.key)).toEqual(['release']);
  });

  it('an unknown job key is an error at its line', () => {
    const dir = write({ [CI]: `deploy:\n  script: [make]\n  rule:\n    - if: $CI_COMMIT_TAG\n` });
    expect(() => loadModel([dir])).toThrow(InputError);
    expect(() => loadModel([dir])).toThrow(/\.gitlab-ci\.yml:\d+: deploy\.rule: unknown field "rule"/);
  });
});

describe('GitLab CI/CD variables, writers and includes', () => {
  const sidecar = `apiVersion: lateral/v1
kind: Repository
name: acme/payments
writers: [user:dev]
secrets:
  DEPLOY_TOKEN: user:deployer
  PROD_KEY: { identity: user:prod, protected: true }
`;
  const people = `apiVersion: lateral/v1
kind: Topology
identities:
  - { name: dev, kind: human }
  - { name: deployer, kind: human }
  - { name: prod, kind: human }
`;
  const file = `include:
  - project: other-org/templates
    ref: main
    file: /deploy.yml
test:
  script: [make test]
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
release:
  script:
    - docker login -u deployer -p $DEPLOY_TOKEN
    - kubectl apply -n payments -f k8s/
`;

  it('every job holds every project variable; a protected one only where the job runs on a protected branch', () => {
    const model = loadModel([write({ [CI]: file, 'acme__payments/lateral-repository.yaml': sidecar, 'people.yaml': people })]);
    const { graph } = buildGraph(model, { at: '2026-12-03' });
    const reason = (to: string) => graph.edges(NODE, to).map((e) => graph.getEdgeAttributes(e).reason)[0];
    expect(reason('user:deployer')).toContain('runs with the CI/CD variable DEPLOY_TOKEN');
    expect(reason('user:prod')).toContain('PROD_KEY (protected: given on a protected branch)');
    expect(reason('user:prod')).toContain('job release');
  });

  it('writers reach the pipeline conditionally behind the protected default branch; an include owner writes its jobs', () => {
    const model = loadModel([write({ [CI]: file, 'acme__payments/lateral-repository.yaml': sidecar, 'people.yaml': people })]);
    const { graph } = buildGraph(model, { at: '2026-12-03' });
    const w = graph.edges('group:acme/payments:writers', NODE).map((e) => graph.getEdgeAttributes(e))[0]!;
    expect(w.decisions[0]!.decision).toBe('conditional');
    expect(w.reason).toContain("a Developer's own branch runs the .gitlab-ci.yml it pushes");
    expect(graph.edges('user:dev', 'group:acme/payments:writers')).toHaveLength(1);
    const inc = graph.edges('action:other-org/templates', NODE).map((e) => graph.getEdgeAttributes(e))[0]!;
    expect(inc.reason).toContain('includes other-org/templates at main');
  });

  it('a merge-request-only job never holds a protected variable', () => {
    const mrOnly = `test:\n  script: [make test]\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n`;
    const model = loadModel([write({ [CI]: mrOnly, 'acme__payments/lateral-repository.yaml': sidecar, 'people.yaml': people })]);
    const { graph } = buildGraph(model, { at: '2026-12-03' });
    expect(graph.edges(NODE, 'user:prod')).toHaveLength(0);
    expect(graph.edges(NODE, 'user:deployer')).toHaveLength(1);
  });

  it('static AWS keys in variables and a broad GitLab trust are warnings', () => {
    const keys = `deploy:\n  id_tokens:\n    T: { aud: sts.amazonaws.com }\n  script:\n    - AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID aws s3 ls\n`;
    const model = loadModel([write({ [CI]: keys, 'aws.json': exportWith(sub('project_path:acme/*', 'StringLike')) })]);
    const w = ciWarnings(model);
    expect(w.map((x) => x.kind).sort()).toEqual(['ci-broad-trust', 'ci-static-keys']);
    expect(w.find((x) => x.kind === 'ci-broad-trust')!.why).toContain('admits any project, any branch, any tag');
  });
});

describe("a Developer's own GitLab branch", () => {
  const from = 'pipeline:acme/payments@writer-branch';
  const edge = (files: Record<string, string>) => {
    const { graph } = buildGraph(loadModel([write(files)]), { at: '2026-12-03' });
    return graph.edges(from, ROLE).map((e) => graph.getEdgeAttributes(e))[0];
  };
  const mainOnly = job(`  rules:\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n`);

  it('reaches a trust of ref:* although the job as written runs on main only, and never a trust of the protected main', () => {
    const e = edge({ [CI]: mainOnly, 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:*', 'StringLike')) });
    expect(e?.decisions[0]!.decision).toBe('allow');
    expect(e?.reason).toContain('ref_type:branch:ref:lateral-any-branch');
    expect(edge({ [CI]: mainOnly, 'aws.json': exportWith(sub('project_path:acme/payments:ref_type:branch:ref:main')) })).toBeUndefined();
  });
});
