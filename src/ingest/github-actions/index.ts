/**
 * GitHub Actions workflows (`<repository>/.github/workflows/*.yml`), recognised by their
 * path, and GitLab CI files (`<project>/.gitlab-ci.yml`, src/ingest/gitlab-ci) beside them. Each is validated (unknown keys are errors at their line), normalised into
 * src/model/ci.ts, and kept until every file is read: a `kind: Repository` sidecar may
 * rename its repository, and a reusable workflow may be read after its caller.
 */
import type { CiJob, RefFilter, Trigger, Workflow } from '../../model/ci.js';
import type { IngestContext } from '../context.js';
import type { ParsedDoc, PathSegment } from '../parse.js';
import { validate } from '../zod-problems.js';
import { ciPipelines } from '../../policy/ci/nodes.js';
import { resolve } from 'node:path';
import { applySidecar, defaultRepository, readRepositorySidecar, splitName, workflowPath, type PendingSidecar } from './repository.js';
import { eventFilterSchema, workflowSchema, type JobInput, type Permissions, type WorkflowInput } from './schema.js';
import { envKeySecrets, secretNames, stepFacts } from './steps.js';
import { gitlabWorkflow, type PendingGitlab } from '../gitlab-ci/workflow.js';

interface PendingWorkflow {
  root: string;
  file: string;
  doc: ParsedDoc;
  value: WorkflowInput;
}

const pending = new WeakMap<IngestContext, { workflows: PendingWorkflow[]; gitlab: PendingGitlab[]; sidecars: PendingSidecar[] }>();

function state(ctx: IngestContext) {
  let s = pending.get(ctx);
  if (!s) pending.set(ctx, (s = { workflows: [], gitlab: [], sidecars: [] }));
  return s;
}

/** A `.gitlab-ci.yml`, kept with the workflows: its repository and sidecar are found the same way. */
export function addGitlabCi(ctx: IngestContext, file: PendingGitlab): void {
  state(ctx).gitlab.push(file);
}

export function isWorkflow(value: unknown, doc: ParsedDoc): boolean {
  return workflowPath(doc.file) !== undefined && typeof value === 'object' && value !== null && ('jobs' in value || 'on' in value);
}

export function ingestWorkflow(ctx: IngestContext, doc: ParsedDoc): void {
  const where = workflowPath(doc.file)!;
  const value = validate(ctx, doc, [], workflowSchema, doc.value);
  if (!value) return;
  for (const [event, filter] of Object.entries(value.on)) {
    if (event === 'schedule' || filter === null || filter === undefined) continue;
    validate(ctx, doc, ['on', event], eventFilterSchema, filter);
  }
  state(ctx).workflows.push({ ...where, doc, value });
}

/** `kind: Repository` (lateral/v1), read by the native format and handed here. */
export function ingestRepository(ctx: IngestContext, doc: ParsedDoc): void {
  readRepositorySidecar(ctx, doc, state(ctx).sidecars);
}

/** Once every file is read: repositories, their workflows, and the pipeline nodes they make. */
export function finalizeWorkflows(ctx: IngestContext): void {
  const s = pending.get(ctx);
  if (!s) return;
  pending.delete(ctx);
  const repos = new Map<string, ReturnType<typeof defaultRepository>>();
  for (const w of s.workflows) if (!repos.has(w.root)) repos.set(w.root, defaultRepository(w.root, 'github'));
  for (const g of s.gitlab) {
    if (repos.get(g.root)?.platform === 'github') ctx.problem(g.doc, [], `${g.root} holds both .github/workflows and ${g.file}: put the GitLab project in a folder of its own`);
    else repos.set(g.root, defaultRepository(g.root, 'gitlab'));
  }
  for (const side of s.sidecars) {
    const repo = repos.get(side.root);
    if (repo) applySidecar(ctx, repo, side);
    else ctx.problem(side.doc, [], `no .github/workflows folder beside this Repository (${side.root}): put it in the repository's root folder`);
  }
  for (const repo of repos.values()) {
    const named = ctx.repositoryNames.get(resolve(repo.root));
    if (named) Object.assign(repo, splitName(named));
  }
  const m = ctx.model;
  m.ci.repositories.push(...[...repos.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  for (const w of s.workflows) m.ci.workflows.push(workflow(ctx, repos.get(w.root)!.id, w));
  for (const g of s.gitlab) if (repos.get(g.root)?.platform === 'gitlab') m.ci.workflows.push(gitlabWorkflow(ctx, repos.get(g.root)!, g));
  m.ci.workflows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { pipelines, identities } = ciPipelines(m.ci);
  m.pipelines.push(...pipelines);
  m.identities.push(...identities);
}

function workflow(ctx: IngestContext, repository: string, w: PendingWorkflow): Workflow {
  const src = (path: PathSegment[]) => ctx.source(w.doc, path);
  const v = w.value;
  const triggers: Trigger[] = Object.entries(v.on).map(([event, raw]) => trigger(event, raw, src(['on', event])));
  const jobs = Object.entries(v.jobs).map(([key, job]) => ciJob(ctx, w, key, job, v.permissions));
  return { id: `pipeline:${repository}/${w.file}`, repository, file: w.file, ...(v.name ? { name: v.name } : {}), triggers, jobs, source: src([]) };
}

function list(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  return (Array.isArray(v) ? v : [v]).map(String);
}

function refFilter(include: unknown, ignore: unknown): RefFilter | undefined {
  const patterns = list(include);
  const ignored = list(ignore);
  if (!patterns && !ignored) return undefined;
  return { patterns: patterns ?? [], ignore: ignored ?? [] };
}

function trigger(event: string, raw: unknown, source: Trigger['source']): Trigger {
  const f = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const branches = refFilter(f.branches, f['branches-ignore']);
  const tags = refFilter(f.tags, f['tags-ignore']);
  const types = list(f.types);
  return { event, ...(branches ? { branches } : {}), ...(tags ? { tags } : {}), ...(types ? { types } : {}), ...(source ? { source } : {}) };
}

function grants(p: Permissions | undefined, scope: string): boolean | undefined {
  if (p === undefined) return undefined;
  if (p === 'write-all') return true;
  if (p === 'read-all') return false;
  return p[scope] === 'write';
}

function ciJob(ctx: IngestContext, w: PendingWorkflow, key: string, job: JobInput, workflowPermissions: Permissions | undefined): CiJob {
  const at = (path: PathSegment[]) => ctx.source(w.doc, ['jobs', key, ...path]);
  const permissions = job.permissions ?? workflowPermissions;
  const steps = job.steps ?? [];
  const facts = stepFacts(steps, (i) => at(['steps', i]));
  const environment = job.environment === undefined ? undefined : typeof job.environment === 'string' ? job.environment : job.environment.name;
  const envKeys = [...new Set([...envKeySecrets(job, steps), ...envKeySecrets({ env: w.value.env } as JobInput, [])])].sort();
  if (envKeys.length) facts.aws.push({ staticKeySecrets: envKeys, source: at([]) });
  const out: CiJob = {
    key,
    idToken: grants(permissions, 'id-token') ?? false,
    permissionsGiven: permissions !== undefined,
    needs: list(job.needs) ?? [],
    contentsWrite: grants(permissions, 'contents') ?? 'default',
    ...(environment !== undefined ? { environment, ...(environment.includes('${{') ? { environmentExpression: true } : {}) } : {}),
    ...(job.if !== undefined ? { if: job.if } : {}),
    actions: facts.actions,
    ...(facts.checkoutOf ? { checkoutOf: facts.checkoutOf } : {}),
    ...(facts.injection ? { injection: facts.injection } : {}),
    aws: facts.aws,
    secrets: secretNames([job.steps, job.env, job.with, job.secrets, w.value.env]),
    deploys: facts.deploys,
    writesBack: facts.writesBack,
    source: at([]),
  };
  if (job.uses) {
    const pinned = job.uses.startsWith('./') || /@[0-9a-f]{40}$/i.test(job.uses);
    const withs = Object.fromEntries(Object.entries(job.with ?? {}).flatMap(([k, v]) => (v === null ? [] : [[k, v]])));
    out.calls = { workflow: job.uses, pinned, with: withs, inheritSecrets: job.secrets === 'inherit', source: at(['uses']) };
  }
  return out;
}
