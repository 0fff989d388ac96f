/**
 * When each observe-mode object went into observe mode. The inputs carry no such date, so
 * the commit that last changed the line setting it is asked (`git blame --porcelain`), the
 * way a reviewer would. Run by the command before the rules (which never read files); an
 * input outside git, or a line not yet committed, gives no date.
 */
import { spawnSync } from 'node:child_process';
import { basename, dirname } from 'node:path';
import type { Model } from '../model/model.js';
import { parseFile, type ParsedFile } from '../ingest/parse.js';
import type { ObservedSince } from './rule.js';
import { observedObjects } from './lib/observe.js';

const UNCOMMITTED = /^0{40}$/;

export function observedSince(model: Model): Map<string, ObservedSince> {
  const out = new Map<string, ObservedSince>();
  const parsed = new Map<string, ParsedFile | undefined>();
  for (const o of observedObjects(model)) {
    if (!o.source || !o.modePath) continue;
    const file = o.source.file;
    if (!parsed.has(file)) {
      try {
        parsed.set(file, parseFile(file));
      } catch {
        parsed.set(file, undefined);
      }
    }
    const line = parsed.get(file)?.docs[o.source.doc]?.lineOf(o.modePath) ?? o.source.line;
    if (line === undefined) continue;
    const blamed = blame(file, line);
    if (blamed) out.set(o.object, { date: blamed.date, how: `git blame of ${file}:${line}, commit ${blamed.commit.slice(0, 12)}` });
  }
  return out;
}

function blame(file: string, line: number): { commit: string; date: string } | undefined {
  const r = spawnSync('git', ['blame', '--porcelain', '-L', `${line},${line}`, '--', basename(file)], { cwd: dirname(file), encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout) return undefined;
  const commit = r.stdout.slice(0, 40);
  const time = /^committer-time (\d+)$/m.exec(r.stdout)?.[1];
  if (UNCOMMITTED.test(commit) || !time) return undefined;
  return { commit, date: new Date(Number(time) * 1000).toISOString().slice(0, 10) };
}
