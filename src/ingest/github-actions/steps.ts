/**
 * What a job's steps reveal to an attacker model: the actions it runs and at which ref,
 * where it checks out pull-request code, how it gets AWS credentials, the secrets it reads,
 * what it deploys with kubectl or helm, and whether it pushes back to its repository.
 * Nothing here evaluates an expression: `${{ … }}` stays text and the caller decides what an
 * unknown value means.
 */
import type { ActionUse, AwsCredentialStep, DeployStep } from '../../model/ci.js';
import type { Source } from '../../model/model.js';
import type { JobInput, StepInput } from './schema.js';

const FULL_SHA = /^[0-9a-f]{40}$/i;

/** `owner/repo[/path]@ref`, `./local`, `docker://image[:tag|@sha256:…]`. */
export function actionUse(uses: string, source?: Source): ActionUse {
  if (uses.startsWith('./')) return { action: uses, pinned: true, ...(source ? { source } : {}) };
  if (uses.startsWith('docker://')) {
    const digest = uses.indexOf('@sha256:');
    const image = digest === -1 ? uses.replace(/:[^/:]+$/, '') : uses.slice(0, digest);
    return { action: image, pinned: digest !== -1, ...(source ? { source } : {}) };
  }
  const at = uses.lastIndexOf('@');
  const path = at === -1 ? uses : uses.slice(0, at);
  const ref = at === -1 ? undefined : uses.slice(at + 1);
  const action = path.split('/').slice(0, 2).join('/');
  return { action, ...(ref !== undefined ? { ref } : {}), pinned: ref !== undefined && FULL_SHA.test(ref), ...(source ? { source } : {}) };
}

/** A checkout ref that brings the pull request's code into the job. */
export const PR_HEAD = /github\.event\.pull_request\.head\.(?:sha|ref|repo\.full_name)|github\.head_ref|github\.event\.workflow_run\.head_(?:sha|branch)|refs\/pull\//;

/** A checkout ref a reusable workflow's caller chooses (`inputs.ref`): untrusted when the caller passes the head. */
export const CHECKOUT_REF = new RegExp(`${PR_HEAD.source}|inputs\\.[\\w-]+`);

const SECRET_REF = /secrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])/g;

/** Names of `secrets.X` referenced anywhere in `value`, GITHUB_TOKEN left out (every job has it). */
export function secretNames(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  const out = new Set<string>();
  for (const m of text.matchAll(SECRET_REF)) {
    const name = (m[1] ?? m[2])!;
    if (name !== 'GITHUB_TOKEN') out.add(name);
  }
  return [...out].sort();
}

const DEPLOY = /\b(kubectl|helm)\b([^\n;&|]*)/g;
const KUBECTL_WRITES = /\b(?:apply|create|replace|patch|set|rollout|run|edit|scale|label|annotate|delete)\b/;
const HELM_WRITES = /\b(?:install|upgrade|rollback|uninstall)\b/;
const NAMESPACE = /(?:^|\s)(?:-n|--namespace)(?:=|\s+)(\S+)/;

/** kubectl / helm commands that change a cluster, with the namespace each targets. */
export function deploySteps(run: string, source?: Source): DeployStep[] {
  const out: DeployStep[] = [];
  for (const m of run.matchAll(DEPLOY)) {
    const tool = m[1] as 'kubectl' | 'helm';
    const args = m[2]!;
    if (!(tool === 'kubectl' ? KUBECTL_WRITES : HELM_WRITES).test(args)) continue;
    const ns = NAMESPACE.exec(args)?.[1]?.replace(/^['"]|['"]$/g, '');
    const expression = ns !== undefined && /\$/.test(ns);
    out.push({ tool, ...(ns !== undefined ? { namespace: ns } : {}), expression, ...(source ? { source } : {}) });
  }
  return out;
}

export const WRITES_BACK = /\bgit\s+push\b|\bgh\s+pr\s+merge\b|\bgh\s+release\s+create\b/;
const WRITE_BACK_ACTIONS = new Set(['stefanzweifel/git-auto-commit-action', 'ad-m/github-push-action', 'EndBug/add-and-commit']);

/**
 * An expression a stranger writes (a pull request's title or branch, an issue or comment
 * body) expanded into a shell script: GitHub substitutes it before the shell runs, so its
 * text runs as code ("script injection" in GitHub's security hardening guide).
 */
const INJECTABLE = /\$\{\{\s*(github\.(?:head_ref|event\.(?:pull_request\.(?:title|body|head\.ref|head\.label)|issue\.(?:title|body)|comment\.body|review\.body|review_comment\.body|discussion\.(?:title|body)|workflow_run\.head_branch|head_commit\.message)))\s*\}\}/;

export interface StepFacts {
  actions: ActionUse[];
  /** A stranger-written expression run as shell (see INJECTABLE). */
  injection?: { expression: string; source?: Source };
  checkoutOf?: { ref: string; source?: Source };
  aws: AwsCredentialStep[];
  deploys: DeployStep[];
  writesBack: boolean;
}

export function stepFacts(steps: readonly StepInput[], at: (i: number) => Source): StepFacts {
  const facts: StepFacts = { actions: [], aws: [], deploys: [], writesBack: false };
  steps.forEach((step, i) => {
    const source = at(i);
    const withs = step.with ?? {};
    if (step.uses) {
      const use = actionUse(step.uses, source);
      facts.actions.push(use);
      if (use.action === 'actions/checkout') {
        const ref = [withs.ref, withs.repository].find((v): v is string => typeof v === 'string' && CHECKOUT_REF.test(v));
        if (ref && !facts.checkoutOf) facts.checkoutOf = { ref, source };
      }
      if (use.action === 'aws-actions/configure-aws-credentials') {
        const role = withs['role-to-assume'];
        const audience = withs.audience;
        facts.aws.push({
          ...(typeof role === 'string' ? { roleToAssume: role } : {}),
          ...(typeof audience === 'string' ? { audience } : {}),
          staticKeySecrets: secretNames([withs['aws-access-key-id'], withs['aws-secret-access-key']]),
          source,
        });
      }
      if (WRITE_BACK_ACTIONS.has(use.action)) facts.writesBack = true;
      if (use.action === 'azure/k8s-deploy') {
        const ns = withs.namespace;
        facts.deploys.push({ tool: 'kubectl', ...(typeof ns === 'string' ? { namespace: ns } : {}), expression: typeof ns === 'string' && ns.includes('$'), source });
      }
    }
    if (step.run) {
      const inj = INJECTABLE.exec(step.run);
      if (inj && !facts.injection) facts.injection = { expression: inj[1]!, source };
      facts.deploys.push(...deploySteps(step.run, source));
      if (WRITES_BACK.test(step.run)) facts.writesBack = true;
    }
  });
  return facts;
}

/** Static AWS keys a job puts in its environment from secrets (`AWS_ACCESS_KEY_ID: ${{ secrets.X }}`). */
export function envKeySecrets(job: JobInput, steps: readonly StepInput[]): string[] {
  const envs = [job.env, ...steps.map((s) => s.env)];
  const names = new Set<string>();
  for (const env of envs) {
    if (!env || typeof env !== 'object') continue;
    for (const [k, v] of Object.entries(env as Record<string, unknown>)) {
      if (/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)$/.test(k)) for (const n of secretNames(v)) names.add(n);
    }
  }
  return [...names].sort();
}
