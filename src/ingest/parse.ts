/**
 * The one place that parses input text (DESIGN.md: parsing bounds large inputs, so its
 * fast path can change here without touching the formats). Every document keeps enough
 * to turn a path into a line number, computed only when a problem or provenance is printed.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseAllDocuments, isNode, type Document } from 'yaml';
import type { Problem } from '../model/errors.js';

/** Aliases expand at most this many times per document (billion-laughs guard). */
export const MAX_ALIAS_COUNT = 100;

export type PathSegment = string | number;

export interface ParsedDoc {
  file: string;
  /** 0-based index of the document inside its file. */
  index: number;
  value: unknown;
  /** Line of the value at `path` (1-based), or of the document start when the path is not found. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

export interface ParsedFile {
  docs: ParsedDoc[];
  problems: Problem[];
}

export function parseFile(file: string, text = readFileSync(file, 'utf8')): ParsedFile {
  if (/\.json$/i.test(file)) return parseJson(file, text);
  return parseYaml(file, text);
}

function parseJson(file: string, text: string): ParsedFile {
  try {
    const value: unknown = JSON.parse(text);
    // JSON is YAML: fall back to the YAML parser only to locate a path when asked.
    let located: ParsedFile | undefined;
    const lineOf = (path: readonly PathSegment[]) => {
      located ??= parseYaml(file, text);
      return located.docs[0]?.lineOf(path);
    };
    return { docs: [{ file, index: 0, value, lineOf }], problems: [] };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    const line = pos ? lineAt(text, Number(pos[1])) : undefined;
    return { docs: [], problems: [{ file, line, path: '', message: `invalid JSON: ${message}` }] };
  }
}

function parseYaml(file: string, text: string): ParsedFile {
  const counter = new LineCounter();
  const problems: Problem[] = [];
  const docs: ParsedDoc[] = [];
  const parsed = parseAllDocuments(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const all = Array.isArray(parsed) ? parsed : [];
  all.forEach((doc: Document.Parsed, index) => {
    for (const err of doc.errors) {
      problems.push({ file, line: counter.linePos(err.pos[0]).line, path: '', message: `invalid YAML: ${firstLine(err.message)}` });
    }
    if (doc.errors.length > 0) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      const line = doc.range ? counter.linePos(doc.range[0]).line : undefined;
      problems.push({ file, line, path: '', message: `invalid YAML: ${firstLine(err instanceof Error ? err.message : String(err))}` });
      return;
    }
    if (value === null || value === undefined) return; // empty document (`---` at the end)
    const lineOf = (path: readonly PathSegment[]) => {
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
      }
      return undefined;
    };
    docs.push({ file, index, value, lineOf });
  });
  return { docs, problems };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Renders a path as `a.b[0].c`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/** A problem located at `path` inside `doc`. */
export function problemAt(doc: ParsedDoc, path: readonly PathSegment[], message: string): Problem {
  return { file: doc.file, line: doc.lineOf(path), path: formatPath(path), message };
}
