/**
 * What every ingest format writes into while reading: the model, the problems found, and
 * references to resolve once every file is read (a native pipeline may deploy into a
 * Kubernetes workload read from another file).
 */
import { resolve } from 'node:path';
import type { Problem } from '../model/errors.js';
import { emptyModel, type Model, type SkipCause, type Skipped, type Source } from '../model/model.js';
import { problemAt, type ParsedDoc, type PathSegment } from './parse.js';

export interface IacOptions {
  /** The AWS account IaC objects are in when the input does not say (CloudFormation's AWS::AccountId). */
  account?: string;
  region?: string;
  /** CloudFormation parameter values over their Default. */
  parameters: Readonly<Record<string, string>>;
  /** Which side of a Terraform plan to read: what it applies (`after`) or the state it starts from (`before`). */
  planSide: 'before' | 'after';
}

export type RefKind = 'workload' | 'identity' | 'resource' | 'pipeline' | 'node';

interface PendingRef {
  kind: RefKind;
  ref: string;
  doc: ParsedDoc;
  path: PathSegment[];
  resolve: (id: string) => void;
}

export class IngestContext {
  readonly model: Model = emptyModel();
  /** Repository folder (as given, resolved) → the name `--repo` gives it. */
  readonly repositoryNames: ReadonlyMap<string, string>;

  /** How infrastructure as code is read (`--account`, `--region`, `--cfn-param`, `--plan-side`). */
  readonly iac: IacOptions;

  constructor(repositoryNames: Readonly<Record<string, string>> = {}, iac: Partial<IacOptions> = {}) {
    this.repositoryNames = new Map(Object.entries(repositoryNames).map(([name, path]) => [resolve(path), name]));
    this.iac = { parameters: {}, planSide: 'after', ...iac };
  }

  readonly problems: Problem[] = [];
  private readonly refs: PendingRef[] = [];

  problem(doc: ParsedDoc, path: PathSegment[], message: string): void {
    this.problems.push(problemAt(doc, path, message));
  }

  /** Provenance of an object; its line is computed only when read (an error or a report asks). */
  source(doc: ParsedDoc, path: PathSegment[]): Source {
    const source: Source = { file: doc.file, doc: doc.index, path };
    let line: number | undefined | null = null;
    Object.defineProperty(source, 'line', { enumerable: false, get: () => (line === null ? (line = doc.lineOf(path)) : line) });
    return source;
  }

  /** A document no format reads; its line is computed only when read (most skips are never printed). */
  skip(doc: ParsedDoc, cause: SkipCause, reason: string, kind?: string): void {
    const skipped: Skipped = { file: doc.file, doc: doc.index, line: undefined, kind, cause, reason };
    let line: number | undefined | null = null;
    Object.defineProperty(skipped, 'line', { enumerable: true, configurable: true, get: () => (line === null ? (line = doc.lineOf([])) : line) });
    this.model.skipped.push(skipped);
  }

  /** Records a reference by id or unique name; `resolve` receives the id once every file is read. */
  ref(kind: RefKind, ref: string, doc: ParsedDoc, path: PathSegment[], resolve: (id: string) => void): void {
    this.refs.push({ kind, ref, doc, path, resolve });
  }

  /** Resolves every recorded reference; a dangling or ambiguous one is a problem at its location. */
  resolveRefs(): void {
    const tables: Record<RefKind, { id: string; name: string }[]> = {
      workload: this.model.workloads,
      identity: this.model.identities,
      resource: this.model.resources,
      pipeline: this.model.pipelines,
      node: [...this.model.workloads, ...this.model.identities, ...this.model.resources, ...this.model.pipelines],
    };
    const index = new Map<RefKind, { byId: Set<string>; byName: Map<string, string[]> }>();
    for (const [kind, rows] of Object.entries(tables) as [RefKind, { id: string; name: string }[]][]) {
      const byName = new Map<string, string[]>();
      for (const row of rows) {
        const ids = byName.get(row.name);
        if (ids) ids.push(row.id);
        else byName.set(row.name, [row.id]);
      }
      index.set(kind, { byId: new Set(rows.map((r) => r.id)), byName });
    }
    for (const r of this.refs) {
      const { byId, byName } = index.get(r.kind)!;
      if (byId.has(r.ref)) {
        r.resolve(r.ref);
        continue;
      }
      const candidates = byName.get(r.ref) ?? [];
      if (candidates.length === 1) r.resolve(candidates[0]!);
      else if (candidates.length > 1) this.problem(r.doc, r.path, `${r.kind} "${r.ref}" is ambiguous: ${candidates.sort().join(', ')}`);
      else this.problem(r.doc, r.path, `unknown ${r.kind} "${r.ref}"`);
    }
    this.refs.length = 0;
  }
}
