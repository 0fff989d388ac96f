/**
 * Repositories: a folder holding `.github/workflows/` is one. Its name comes from a
 * `kind: Repository` sidecar (lateral/v1) in that folder, else from the folder's name with
 * `__` read as `/` (`octo-org__octo-repo` → `octo-org/octo-repo`). The sidecar also states
 * what a workflow file cannot: branch protection, environments with reviewers, the OIDC
 * subject template and ids, writers, and whose static key a secret holds. Without it,
 * GitHub's defaults hold: no protected branch, no reviewed environment, the default subject.
 */
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import type { Repository } from '../../model/ci.js';
import type { IngestContext } from '../context.js';
import type { ParsedDoc } from '../parse.js';
import { validate } from '../zod-problems.js';

const name = z.string().min(1);
const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a numeric id')]).transform(String);

export const repositorySchema = z.strictObject({
  apiVersion: z.literal('lateral/v1'),
  kind: z.literal('Repository'),
  name: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/name').optional(),
  ids: z.strictObject({ owner: id, repo: id }).optional(),
  defaultBranch: name.default('main'),
  branchProtection: z
    .array(z.strictObject({ branch: name, requiredReviews: z.number().int().min(0).default(1), pushers: z.array(name).default([]) }))
    .default([]),
  environments: z.array(z.strictObject({ name, reviewers: z.boolean().default(false), branches: z.array(name).optional() })).default([]),
  oidc: z.strictObject({ subClaimKeys: z.array(name).min(1) }).optional(),
  writers: z.array(name).default([]),
  secrets: z.record(z.string(), name).default({}),
});

/** `<root>/.github/workflows/<file>.yml` → root and file, or undefined for any other path. */
export function workflowPath(file: string): { root: string; file: string } | undefined {
  const norm = file.replace(/\\/g, '/');
  const m = /^(?:(.*)\/)?\.github\/workflows\/([^/]+\.ya?ml)$/i.exec(norm);
  if (!m) return undefined;
  return { root: m[1] ?? '.', file: m[2]! };
}

/** The repository a root folder names by itself (`owner__repo` → `owner/repo`). */
export function repositoryOfRoot(root: string): Pick<Repository, 'id' | 'owner' | 'name'> {
  const folder = basename(root === '.' ? process.cwd() : root);
  const at = folder.indexOf('__');
  if (at > 0 && at < folder.length - 2) {
    const owner = folder.slice(0, at);
    const repo = folder.slice(at + 2);
    return { id: `${owner}/${repo}`, owner, name: repo };
  }
  return { id: folder, name: folder };
}

export function defaultRepository(root: string): Repository {
  return { ...repositoryOfRoot(root), root, defaultBranch: 'main', declared: false, protections: [], environments: [], writers: [], secretIdentities: {} };
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
    const [owner, name] = v.name.split('/') as [string, string];
    Object.assign(repo, { id: v.name, owner, name });
  }
  repo.declared = true;
  repo.source = ctx.source(s.doc, []);
  repo.defaultBranch = v.defaultBranch;
  if (v.ids) repo.ids = v.ids;
  if (v.oidc) repo.subClaimKeys = v.oidc.subClaimKeys;
  repo.environments = v.environments.map((e) => ({ name: e.name, reviewers: e.reviewers, ...(e.branches ? { branches: e.branches } : {}) }));
  repo.protections = v.branchProtection.map((b, i) => {
    const p = { pattern: b.branch, reviews: b.requiredReviews, pushers: [] as string[] };
    b.pushers.forEach((ref, j) => ctx.ref('identity', ref, s.doc, ['branchProtection', i, 'pushers', j], (id) => p.pushers.push(id)));
    return p;
  });
  v.writers.forEach((ref, j) => ctx.ref('identity', ref, s.doc, ['writers', j], (id) => repo.writers.push(id)));
  for (const [secret, ref] of Object.entries(v.secrets)) {
    repo.secretIdentities[secret] = ref; // the reference until it resolves to an id
    ctx.ref('identity', ref, s.doc, ['secrets', secret], (id) => (repo.secretIdentities[secret] = id));
  }
}
