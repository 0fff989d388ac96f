/**
 * CI pipelines as read from GitHub Actions workflows and GitLab CI files (and a
 * `kind: Repository` sidecar for what the YAML cannot say). A `.gitlab-ci.yml` becomes one
 * Workflow whose triggers are GitLab's pipeline sources and whose jobs keep their `rules:`. Ingest fills `workflows` and `repositories`; the runs each
 * pipeline node stands for are worked out once every file is read (src/policy/ci/runs.ts)
 * and the OIDC join happens at build time, where the IAM trust policies are known.
 */
import type { Source } from './model.js';

/** A branch or tag filter: GitHub's glob patterns, `!` negations kept in order. */
export interface RefFilter {
  patterns: string[];
  /** `branches-ignore` / `tags-ignore`: a ref that matches none of these passes. */
  ignore: string[];
}

export interface Trigger {
  event: string;
  branches?: RefFilter;
  tags?: RefFilter;
  /** `types:` of the event (opened, labeled, submitted…), as written. */
  types?: string[];
  source?: Source;
}

/** `aws-actions/configure-aws-credentials` in a step. */
export interface AwsCredentialStep {
  /** `role-to-assume` as written (a literal ARN, or an expression such as `${{ secrets.ROLE }}`). */
  roleToAssume?: string;
  /** `audience` as written; the action's default is `sts.amazonaws.com`. */
  audience?: string;
  /** Secret names of static keys passed in (`aws-access-key-id: ${{ secrets.X }}`). */
  staticKeySecrets: string[];
  source?: Source;
}

export interface ActionUse {
  /** `owner/repo` (a path inside it dropped), or `./path` for a local action. */
  action: string;
  ref?: string;
  /** Pinned to a full 40-hex commit SHA (or a local or `docker://…@sha256` reference). */
  pinned: boolean;
  source?: Source;
}

export interface DeployStep {
  tool: 'kubectl' | 'helm';
  /** The namespace the command targets; undefined: the context's default. */
  namespace?: string;
  /** The namespace is an expression lateral cannot evaluate. */
  expression: boolean;
  source?: Source;
}

/** One entry of a GitLab `rules:` list: the first whose conditions hold decides. */
export interface GitlabRule {
  if?: string;
  /** `when:` of the rule; `never` keeps the job out of the pipeline. */
  when: string;
  /** `changes:` or `exists:`: decided by files lateral does not see. */
  files?: boolean;
}

/** GitLab `only:` / `except:`: ref keywords (`branches`, `merge_requests`…), names and `/regexes/`. */
export interface GitlabRefs {
  refs: string[];
  variables: string[];
  /** `changes:` (or `kubernetes:`): decided by what lateral does not see. */
  unknown?: boolean;
}

/** When a GitLab job runs: its own rules (or only/except) and the file's `workflow: rules`. */
export interface GitlabConditions {
  rules?: GitlabRule[];
  only?: GitlabRefs;
  except?: GitlabRefs;
  workflow?: GitlabRule[];
}

export interface CiJob {
  key: string;
  /** GitLab: when the job runs (GitHub jobs run under every trigger of their workflow). */
  gitlab?: GitlabConditions;
  /** GitLab: the `aud` of each token in `id_tokens`. */
  audiences?: string[];
  /** `permissions: id-token: write` in force for the job (a job's block replaces the workflow's). */
  idToken: boolean;
  /** The job or its workflow has a `permissions:` block (a called workflow's job without one takes its caller's). */
  permissionsGiven: boolean;
  /** `needs:` of the job. */
  needs: string[];
  /** `contents: write` in force; `default` when no block says, so the repository's default decides. */
  contentsWrite: boolean | 'default';
  environment?: string;
  /** The environment name is an expression (`${{ inputs.env }}`): the claim cannot be computed. */
  environmentExpression?: boolean;
  /** `if:` of the job, as written. */
  if?: string;
  /** A reusable workflow the job calls: `./.github/workflows/x.yml` or `owner/repo/path@ref`. */
  calls?: { workflow: string; pinned: boolean; with: Record<string, string>; inheritSecrets: boolean; source?: Source };
  actions: ActionUse[];
  /** A stranger-written expression (a pull request title, a comment body) expanded into a shell script. */
  injection?: { expression: string; source?: Source };
  /** `actions/checkout` of the pull request's head (or of `inputs.ref`): where untrusted code enters. */
  checkoutOf?: { ref: string; source?: Source };
  aws: AwsCredentialStep[];
  /** `secrets.X` names referenced (GITHUB_TOKEN excluded). */
  secrets: string[];
  deploys: DeployStep[];
  /** The job pushes to its repository (`git push`, `gh pr merge`, …). */
  writesBack: boolean;
  source?: Source;
}

export interface Workflow {
  /** `pipeline:<owner>/<repo>/<file>` (file name under .github/workflows). */
  id: string;
  repository: string;
  file: string;
  name?: string;
  triggers: Trigger[];
  jobs: CiJob[];
  source?: Source;
}

export interface BranchProtection {
  pattern: string;
  /** Approving reviews a pull request needs before it merges. */
  reviews: number;
  /** Who may push past the protection (identity ids); empty: nobody pushes directly. */
  pushers: string[];
}

export interface EnvironmentSettings {
  name: string;
  /** Required reviewers approve each deployment to it. */
  reviewers: boolean;
  /** Deployment branch policy: only these branches (globs) may deploy; undefined: any. */
  branches?: string[];
}

export type CiPlatform = 'github' | 'gitlab';

export interface Repository {
  /** `owner/name` (GitLab: `group/subgroup/project`), or `name` when the owner is unknown. */
  id: string;
  platform: CiPlatform;
  /** The OIDC issuer's host: `token.actions.githubusercontent.com`, `gitlab.com` or a self-managed GitLab. */
  issuer: string;
  owner?: string;
  name: string;
  /** Folder that holds `.github/workflows` or `.gitlab-ci.yml`. */
  root: string;
  defaultBranch: string;
  /** `private` / `internal`: only those who can read it fork it and open pull requests; undefined: public, or not said. */
  visibility?: 'public' | 'private' | 'internal';
  /** A `kind: Repository` sidecar states its settings; without one GitHub's defaults are assumed. */
  declared: boolean;
  protections: BranchProtection[];
  environments: EnvironmentSettings[];
  /** The custom OIDC `sub` template (`include_claim_keys`), when the organisation or repository sets one. */
  subClaimKeys?: string[];
  /** Owner and repository ids: the immutable `repo:OWNER@ID/REPO@ID` subject format. */
  ids?: { owner: string; repo: string };
  /** Identity ids allowed to write (push) to it, beyond whatever `group:<repo>:writers` stands for. */
  writers: string[];
  /** Secret name → identity id whose static key it holds. */
  secretIdentities: Record<string, string>;
  /** GitLab protected variables: only pipelines on protected branches and tags get them. */
  protectedSecrets: string[];
  source?: Source;
}

/** The refs a run can present in its claims. */
export type RefSpace =
  /** a pull request event: the subject's context is `pull_request` */
  | { kind: 'pull_request' }
  /** a branch passing the filter; `defaultOnly`: the repository's default branch (schedule, workflow_run…) */
  | { kind: 'branch'; filter?: RefFilter; defaultOnly?: boolean }
  | { kind: 'tag'; filter?: RefFilter };

/** One job as one event runs it: what a pipeline node's code can do. */
export interface CiRun {
  workflow: string;
  /** The job key; `caller/called` for a job of a reusable workflow. */
  job: string;
  event: string;
  refs: RefSpace[];
  environment?: string;
  environmentExpression?: boolean;
  /** The run can request an OIDC token. */
  idToken: boolean;
  /** The steps that run (a called job's, with the caller's inputs substituted). */
  facts: CiJob;
  /** Where the job is defined (a reusable workflow's job runs in its caller's runs). */
  origin: { workflow: string; job: string };
  /** A writer's own branch: whatever job the writer pushes, on a branch or tag no protection covers (not the default branch). */
  writerBranch?: boolean;
  source?: Source;
}

/**
 * What a CI pipeline node stands for. `workflow`: the whole workflow (whoever changes its
 * file); `job`: one job under every trigger (whoever controls an action it uses); `event`:
 * one job as one event runs it (a stranger's pull request through pull_request_target);
 * `branch`: a writer's own branch, where the writer writes the workflow files themselves.
 */
export interface CiPipeline {
  scope: 'workflow' | 'job' | 'event' | 'branch';
  repository: string;
  workflow: string;
  job?: string;
  event?: string;
  runs: CiRun[];
}

export interface CiModel {
  repositories: Repository[];
  workflows: Workflow[];
}

export function emptyCi(): CiModel {
  return { repositories: [], workflows: [] };
}
