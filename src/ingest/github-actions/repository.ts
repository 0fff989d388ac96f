/**
 * Repositories: a folder holding `.github/workflows/` (or a `.gitlab-ci.yml`: a GitLab
 * project) is one. Its name comes from `--repo NAME=PATH`, else a `kind: Repository` sidecar
 * (lateral/v1) in that folder, else the folder's name with `__` read as `/`
 * (`octo-org__octo-repo` → `octo-org/octo-repo`; a GitLab subgroup `g__sub__p` → `g/sub/p`).
 * The sidecar also states what a workflow file cannot: branch protection, environments with
 * reviewers, the OIDC subject template, issuer and ids, writers, and whose key a secret
 * holds. Without it the platform's defaults hold: on GitHub no protected branch, on GitLab a
 * protected default branch; no reviewed environment; the default subject.
 */
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import type { CiPlatform, Repository } from '../../model/ci.js';
import { GITHUB_ISSUER, GITLAB_ISSUER } from '../../policy/ci/claims.js';
import type { IngestContext } from '../context.js';
import type { ParsedDoc } from '../parse.js';
import { validate } from '../zod-problems.js';

const name = z.string().min(1);
const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a numeric id')]).transform(String);

export const repositorySchema = z.strictObject({
  apiVersion: z.literal('lateral/v1'),
  kind: z.literal('Repository'),
  name: z.string().regex(/^[\w.-]+(?:\/[\w.-]+)+$/, 'expected owner/name (GitLab: group/subgroup/project)').optional(),
  ids: z.strictObject({ owner: id, repo: id }).optional(),
  defaultBranch: name.default('main'),
  visibility: z.enum(['public', 'private', 'internal']).optional(),
  branchProtection: z
    .array(z.strictObject({ branch: name, requiredReviews: z.number().int().min(0).default(1), pushers: z.array(name).default([]) }))
    .optional(),
  environments: z.array(z.strictObject({ name, reviewers: z.boolean().default(false), branches: z.array(name).optional() })).default([]),
  oidc: z.strictObject({ subClaimKeys: z.array(name).min(1).optional(), issuer: z.string().regex(/^[\w.-]+(?::\d+)?(?:\/[\w.-]+)*$/, 'expected a host such as gitlab.example.com (no https://)').optional() }).optional(),
  writers: z.array(name).default([]),
  secrets: z.record(z.string(), z.union([name.transform((identity) => ({ identity, protected: false })), z.strictObject({ identity: name, protected: z.boolean().default(false) })])).default({}),
});

/** `<root>/.github/workflows/<file>.yml` → root and file, or undefined for any other path. */
export function workflowPath(file: string): { root: string; file: string } | undefined {
  const norm = file.replace(/\\/g, '/');
  const m = /^(?:(.*)\/)?\.github\/workflows\/([^/]+\.ya?ml)$/i.exec(norm);
  if (!m) return undefined;
  return { root: m[1] ?? '.', file: m[2]! };
}

/** `owner/name` (GitLab: `group/sub/project`) split into owner and name. */
export function splitName(id: string): Pick<Repository, 'id' | 'owner' | 'name'> {
  const at = id.lastIndexOf('/');
  return at === -1 ? { id, name: id } : { id, owner: id.slice(0, at), name: id.slice(at + 1) };
}

/** The repository a root folder names by itself (`owner__repo` → `owner/repo`; GitLab reads every `__`, for subgroups). */
export function repositoryOfRoot(root: string, platform: CiPlatform = 'github'): Pick<Repository, 'id' | 'owner' | 'name'> {
  const folder = basename(root === '.' ? process.cwd() : root);
  const parts = folder.split('__');
  if (parts.length < 2 || parts.some((p) => p === '')) return { id: folder, name: folder };
  return splitName(platform === 'gitlab' ? parts.join('/') : `${parts[0]}/${parts.slice(1).join('__')}`);
}

export function defaultRepository(root: string, platform: CiPlatform): Repository {
  return {
    ...repositoryOfRoot(root, platform),
    platform,
    issuer: platform === 'gitlab' ? GITLAB_ISSUER : GITHUB_ISSUER,
    root,
    defaultBranch: 'main',
    declared: false,
    // GitLab protects a project's default branch when it is created (Maintainers push and merge).
    protections: platform === 'gitlab' ? [{ pattern: 'main', reviews: 0, pushers: [] }] : [],
    environments: [],
    writers: [],
    secretIdentities: {},
    protectedSecrets: [],
  };
}

/** A sidecar, recorded against its folder (or the repository folder above `.github/`). */
export interface PendingSidecar {
  root: string;
  doc: ParsedDoc;
  value: z.infer<typeof repositorySchema>;
}

export function readRepositorySidecar(ctx: IngestContext, doc: ParsedDoc, pending: PendingSidecar[]): void {
  const value = validate(ctx, doc, [], repositorySchema, doc.value);
  if (!value) return;
  let root = dirname(doc.file.replace(/\\/g, '/'));
  if (basename(root) === '.github') root = dirname(root);
  pending.push({ root, doc, value });
}

/** Applies a sidecar to its repository: its references to identities resolve like every other. */
export function applySidecar(ctx: IngestContext, repo: Repository, s: PendingSidecar): void {
  const v = s.value;
  if (v.name) {
    if (repo.platform === 'github' && v.name.split('/').length !== 2) ctx.problem(s.doc, ['name'], `a GitHub repository is owner/name, not ${v.name}`);
    Object.assign(repo, splitName(v.name));
  }
  repo.declared = true;
  repo.source = ctx.source(s.doc, []);
  repo.defaultBranch = v.defaultBranch;
  if (v.ids) repo.ids = v.ids;
  if (v.visibility) repo.visibility = v.visibility;
  if (v.oidc?.subClaimKeys) repo.subClaimKeys = v.oidc.subClaimKeys;
  if (v.oidc?.issuer) repo.issuer = v.oidc.issuer;
  repo.environments = v.environments.map((e) => ({ name: e.name, reviewers: e.reviewers, ...(e.branches ? { branches: e.branches } : {}) }));
  if (repo.platform === 'gitlab' && !v.branchProtection) repo.protections = [{ pattern: repo.defaultBranch, reviews: 0, pushers: [] }];
  if (v.branchProtection) repo.protections = v.branchProtection.map((b, i) => {
    const p = { pattern: b.branch, reviews: b.requiredReviews, pushers: [] as string[] };
    b.pushers.forEach((ref, j) => ctx.ref('identity', ref, s.doc, ['branchProtection', i, 'pushers', j], (id) => p.pushers.push(id)));
    return p;
  });
  v.writers.forEach((ref, j) => ctx.ref('identity', ref, s.doc, ['writers', j], (id) => repo.writers.push(id)));
  for (const [secret, { identity, protected: guarded }] of Object.entries(v.secrets)) {
    repo.secretIdentities[secret] = identity; // the reference until it resolves to an id
    if (guarded) repo.protectedSecrets.push(secret);
    ctx.ref('identity', identity, s.doc, ['secrets', secret], (id) => (repo.secretIdentities[secret] = id));
  }
}
