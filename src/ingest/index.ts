import { InputError, type Problem } from '../model/errors.js';
import type { Model, Source } from '../model/model.js';
import { IngestContext, type IacOptions } from './context.js';
import { listInputs } from './files.js';
import { FORMATS } from './formats.js';
import { formatPath, parseFile, type ParsedDoc } from './parse.js';

export interface LoadOptions {
  /** Called once per file read, for progress on long inputs; `docs` counts the documents read so far. */
  onFile?: (file: string, done: number, total: number, docs: number) => void;
  /** `--repo NAME=PATH`: the repository (GitLab: project) whose folder is PATH is NAME, over its sidecar and folder name. */
  repositories?: Readonly<Record<string, string>>;
  /** How Terraform plans and CloudFormation templates are read. */
  iac?: Partial<IacOptions>;
}

/**
 * Reads every input (files and directories), ingests each document with the format that
 * recognises it, resolves cross-file references and checks node ids are unique.
 * Throws InputError listing every problem found.
 */
export function loadModel(inputs: readonly string[], options: LoadOptions = {}): Model {
  const { read: files, unread } = listInputs(inputs);
  const ctx = new IngestContext(options.repositories, options.iac);
  let docs = 0;
  // One file at a time: its text is dropped once its documents are ingested (a line number
  // asked for later reads the file again).
  files.forEach((file, i) => {
    const parsed = parseFile(file);
    ctx.problems.push(...parsed.problems);
    for (const doc of parsed.docs) ingestDoc(ctx, doc);
    docs += parsed.docs.length;
    options.onFile?.(file, i + 1, files.length, docs);
  });
  // Whole files after the documents: a folder of notes and scripts should not hide a skipped manifest.
  for (const { file, reason } of unread) ctx.model.skipped.push({ file, cause: 'unread-file', reason });
  for (const format of FORMATS) format.finalize?.(ctx);
  ctx.resolveRefs();
  ctx.problems.push(...duplicateIds(ctx.model));
  if (ctx.problems.length > 0) throw new InputError(ctx.problems);
  return ctx.model;
}

function ingestDoc(ctx: IngestContext, doc: ParsedDoc): void {
  if (typeof doc.value !== 'object' || doc.value === null || Array.isArray(doc.value)) {
    ctx.skip(doc, 'unrecognised', 'not a mapping: no format recognises it');
    return;
  }
  const format = FORMATS.find((f) => f.detect(doc.value, doc));
  if (format) format.ingest(ctx, doc);
  else {
    const kind = (doc.value as { kind?: unknown }).kind;
    ctx.skip(doc, 'unrecognised', 'no input format recognises this document', typeof kind === 'string' ? kind : undefined);
  }
}

function duplicateIds(model: Model): Problem[] {
  const seen = new Map<string, Source | undefined>();
  const problems: Problem[] = [];
  const all = [...model.workloads, ...model.identities, ...model.resources, ...model.pipelines];
  for (const node of all) {
    if (!seen.has(node.id)) {
      seen.set(node.id, node.source);
      continue;
    }
    const first = seen.get(node.id);
    const at = first ? ` (first defined in ${first.file})` : '';
    problems.push({ file: node.source?.file ?? '<input>', line: node.source?.line, path: node.source ? formatPath(node.source.path) : '', message: `duplicate id "${node.id}"${at}` });
  }
  return problems;
}
