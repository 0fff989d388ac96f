import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../model/errors.js';

/** What a format can read: YAML, JSON, and NDJSON (one JSON document per line). */
const INPUT_EXTENSIONS = /\.(ya?ml|json|ndjson|jsonl)$/i;

/** Never walked: version-control internals and installed packages are not inputs. */
const NEVER_WALKED = new Set(['.git', 'node_modules']);

export interface InputFiles {
  /** Files to parse: those given by name, and those found in directories with an input extension. */
  read: string[];
  /** Files found in directories that no format reads, each with why (listed as skipped). */
  unread: { file: string; reason: string }[];
}

/**
 * Expands the command line's inputs into sorted lists of files: files as given, directories
 * recursively, dot-folders and dot-files included (`.github/workflows/*.yml`, `.gitlab-ci.yml`);
 * only `.git/` and `node_modules/` are left out. A file found there that no format reads is
 * returned in `unread`, so the loader lists it as skipped instead of passing it over.
 * Sorting makes output independent of the order inputs are listed in.
 */
export function listInputs(inputs: readonly string[]): InputFiles {
  const read = new Set<string>();
  const unread = new Map<string, string>();
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      throw new UsageError(`${input}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(input, read, unread);
    else read.add(input);
  }
  for (const file of read) unread.delete(file);
  return {
    read: [...read].sort(),
    unread: [...unread].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, reason]) => ({ file, reason })),
  };
}

/** The files to parse (see `listInputs`). */
export function expandInputs(inputs: readonly string[]): string[] {
  return listInputs(inputs).read;
}

function walk(dir: string, read: Set<string>, unread: Map<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NEVER_WALKED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    const kind = entryKind(entry, path);
    if (kind === 'directory') walk(path, read, unread);
    else if (kind === 'file') {
      if (INPUT_EXTENSIONS.test(entry.name)) read.add(path);
      else unread.set(path, 'not YAML, JSON or NDJSON (.yaml, .yml, .json, .ndjson, .jsonl): no input format reads it');
    } else if (kind === 'directory-link') unread.set(path, 'a symbolic link to a directory: not followed');
    else if (kind === 'broken-link') unread.set(path, 'a symbolic link to nothing');
    else unread.set(path, 'not a regular file');
  }
}

/** A symbolic link to a file is read; one to a directory is not walked (it could loop). */
function entryKind(entry: Dirent, path: string): 'file' | 'directory' | 'directory-link' | 'broken-link' | 'other' {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = statSync(path);
    return target.isDirectory() ? 'directory-link' : target.isFile() ? 'file' : 'other';
  } catch {
    return 'broken-link';
  }
}
