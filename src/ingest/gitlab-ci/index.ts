/**
 * GitLab CI (`<project>/.gitlab-ci.yml`), recognised by its path. The file is checked here
 * and kept with the GitHub workflows until every file is read (src/ingest/github-actions):
 * its project's name and settings come from the same `kind: Repository` sidecar.
 */
import type { IngestContext } from '../context.js';
import type { ParsedDoc } from '../parse.js';
import { addGitlabCi } from '../github-actions/index.js';
import { gitlabCiPath } from './workflow.js';

export function isGitlabCi(value: unknown, doc: ParsedDoc): boolean {
  return gitlabCiPath(doc.file) !== undefined && typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function ingestGitlabCi(ctx: IngestContext, doc: ParsedDoc): void {
  const value = doc.value as Record<string, unknown>;
  // A component's `spec:` header is a document of its own: the jobs follow in the next.
  if (Object.keys(value).every((k) => k === 'spec')) return;
  addGitlabCi(ctx, { ...gitlabCiPath(doc.file)!, doc, value });
}
