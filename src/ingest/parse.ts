/**
 * The one place that parses input text (DESIGN.md: parsing bounds large inputs, so its
 * fast path can change here without touching the formats). Every document keeps enough
 * to turn a path into a line number, computed only when a problem or provenance is printed.
 *
 * Two paths give the same values. The fast one reads JSON with JSON.parse and YAML with
 * js-yaml, and builds nothing to locate a path until a line is asked for. The reference
 * one is `yaml` (parseAllDocuments + toJS), which keeps a node tree with source ranges; it
 * reads every file the fast path declines (an error, an alias, a tag, a directive, or
 * anything else where the two could differ), so problems and their lines are its own.
 */
import { readFileSync } from 'node:fs';
import * as jsyaml from 'js-yaml';
import { LineCounter, Parser, parseAllDocuments, isNode, type Document } from 'yaml';
import type { Problem } from '../model/errors.js';
import { CFN_TAGS } from './cloudformation/yaml-tags.js';

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

export interface ParseOptions {
  /** Only the reference path (`yaml` for YAML): for tests and the benchmark. */
  reference?: boolean;
}

/**
 * Parses one input file. Without `text` the file is read, and read again only if a line
 * number is asked for later, so its text is not kept; with `text` that text is kept.
 */
export function parseFile(file: string, text?: string, options: ParseOptions = {}): ParsedFile {
  const content = text ?? readFileSync(file, 'utf8');
  if (NDJSON_FILE.test(file)) return parseNdjson(file, content);
  if (options.reference) return /\.json$/i.test(file) ? parseJson(file, content, () => content) : parseYaml(file, content);
  const source = text !== undefined ? () => text : rereader(file, content.length);
  if (/\.json$/i.test(file)) return parseJson(file, content, source);
  const template = templateLine(content);
  if (template !== undefined) return { docs: [], problems: [{ file, line: template, path: '', message: 'looks like an unrendered Helm/Go template ({{ … }} where YAML expects a value): render it first (`helm template …`)' }] };
  if (/^\uFEFF?\s*[{[]/.test(content)) {
    // `kubectl get -o json` output, an IAM export saved as .yaml: JSON is YAML, and JSON.parse is fast.
    const fast = parseJsonInYaml(file, content, source);
    if (fast) return fast;
  }
  return parseYamlFast(file, content, source) ?? parseYaml(file, content);
}

/**
 * The first line where a Go template action stands in YAML syntax: `{{- if … }}` on a line of
 * its own, or `{{ … }}` unquoted as a value or list item. YAML would read those as flow maps
 * (and yaml warns about their keys), so the real problem is that the file was never rendered.
 * `${{ … }}` (GitHub Actions) and quoted templates are plain strings and do not count.
 */
function templateLine(text: string): number | undefined {
  const m = /^[ \t]*(?:-[ \t]+)?(?:[\w./-]+:[ \t]+)?\{\{/m.exec(text);
  return m ? text.slice(0, m.index).split('\n').length : undefined;
}

/** A way back to a file's text for line numbers: re-read it (the last one read is kept). */
function rereader(file: string, length: number): () => string | undefined {
  return () => {
    if (lastRead?.file !== file) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      lastRead = { file, text };
    }
    // Changed since it was read: its lines would point at other text.
    return lastRead.text.length === length ? lastRead.text : undefined;
  };
}
let lastRead: { file: string; text: string } | undefined;

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const NDJSON_FILE = /\.(ndjson|jsonl)$/i;

function parseJson(file: string, text: string, source: () => string | undefined): ParsedFile {
  const body = stripBom(text);
  try {
    const value: unknown = JSON.parse(body);
    return { docs: [{ file, index: 0, value, lineOf: wholeFileLines(file, source) }], problems: [] };
  } catch (err) {
    // One JSON object per line saved as .json (a log export, `jq -c` output): NDJSON.
    if (looksLikeNdjson(body)) return parseNdjson(file, text);
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    const line = pos ? lineAt(body, Number(pos[1])) : undefined;
    return { docs: [], problems: [{ file, line, path: '', message: `invalid JSON: ${message}` }] };
  }
}

/**
 * Whether a .json text that is not one JSON value reads as NDJSON: more than one non-empty
 * line, the first of them a JSON object on its own. Then a bad line later is reported at its
 * own line, as in a .ndjson file, rather than as trailing text after the first value.
 */
function looksLikeNdjson(body: string): boolean {
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  try {
    const first: unknown = JSON.parse(lines[0]!);
    return typeof first === 'object' && first !== null && !Array.isArray(first);
  } catch {
    return false;
  }
}

/**
 * NDJSON (JSON Lines): every non-empty line is one document, dispatched like a document of
 * a multi-document YAML file. A line holds its whole document, so every path in it is on
 * that line; a line that is not JSON is a problem at `file:line`, and the others still read.
 */
function parseNdjson(file: string, text: string): ParsedFile {
  const docs: ParsedDoc[] = [];
  const problems: Problem[] = [];
  const lines = stripBom(text).split('\n');
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      problems.push({ file, line, path: '', message: `invalid JSON on this line (NDJSON: one JSON document per line): ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    docs.push({ file, index: docs.length + problems.length, value, lineOf: () => line });
  });
  return { docs, problems };
}

/** JSON text in a YAML file: the same value as YAML gives, unless a key repeats (YAML's error). */
function parseJsonInYaml(file: string, text: string, source: () => string | undefined): ParsedFile | undefined {
  const body = stripBom(text);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (jsonHasDuplicateKey(body)) return undefined;
  return { docs: [{ file, index: 0, value, lineOf: wholeFileLines(file, source) }], problems: [] };
}

/** JSON is YAML: the reference parser locates a path in a one-document file, once asked. */
function wholeFileLines(file: string, source: () => string | undefined): ParsedDoc['lineOf'] {
  let located: ParsedDoc | undefined | null = null;
  return (path) => {
    if (located === null) {
      const text = source();
      if (text === undefined) return undefined;
      located = parseYaml(file, text).docs[0];
    }
    return located?.lineOf(path);
  };
}

/** Whether a valid JSON text has an object with the same key twice (JSON.parse keeps the last). */
export function jsonHasDuplicateKey(json: string): boolean {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const d = json.charCodeAt(j);
        if (d === 0x5c) {
          escaped = true;
          j += 2;
        } else if (d === 0x22) break;
        else j++;
      }
      if (expectKey) {
        const key = escaped ? (JSON.parse(json.slice(i, j + 1)) as string) : json.slice(i + 1, j);
        const keys = stack[stack.length - 1]!;
        if (keys.has(key)) return true;
        keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) {
      stack.push(null);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c) expectKey = stack[stack.length - 1] != null;
  }
  return false;
}

/** Thrown inside js-yaml where its value could differ from `yaml`'s: the reference path reads the file. */
class Decline extends Error {}

/**
 * js-yaml's YAML 1.2 core schema, the one `yaml` uses by default (so `yes`/`on` are strings,
 * `0755` is 755, a date is a string and `<<` an ordinary key), with the few places the two
 * differ declined: an explicit tag, a number too large for a double (js-yaml keeps it a
 * string, `yaml` gives Infinity), a null or collection key, and a key long enough to pass
 * YAML's 1024-character limit on implicit keys, which js-yaml does not check.
 */
const INT_CORE = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$/;
const FLOAT_CORE = /^(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?)$/;
const MAX_FAST_KEY_LENGTH = 160;

function declining<T>(tag: jsyaml.ScalarTagDefinition<T>, numeric?: RegExp): jsyaml.ScalarTagDefinition<T> {
  return {
    ...tag,
    resolve: (source, isExplicit, tagName) => {
      if (isExplicit) throw new Decline('explicit tag');
      const value = tag.resolve(source, isExplicit, tagName);
      if (value === jsyaml.NOT_RESOLVED && numeric?.test(source)) throw new Decline('number out of range');
      return value;
    },
  };
}

const mapTag: jsyaml.MappingTagDefinition<Record<string, unknown>, Record<string, unknown>> = {
  ...jsyaml.mapTag,
  addPair: (map, key, value) => {
    if (typeof key === 'string') {
      if (key.length > MAX_FAST_KEY_LENGTH) throw new Decline('long key');
    } else if (typeof key !== 'number' && typeof key !== 'boolean') throw new Decline('null or collection key');
    return jsyaml.mapTag.addPair(map, key, value);
  },
};

const FAST_SCHEMA = jsyaml.CORE_SCHEMA.withTags(
  declining(jsyaml.strTag),
  declining(jsyaml.nullCoreTag),
  declining(jsyaml.boolCoreTag),
  declining(jsyaml.intCoreTag, INT_CORE),
  declining(jsyaml.floatCoreTag, FLOAT_CORE),
  mapTag,
);

/** A directive (`%YAML 1.1` switches `yaml` to YAML 1.1 types) or a document end marker (the two count documents differently around it). */
const DECLINED_LINES = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;

/**
 * The values of every document in `text` by js-yaml, or undefined where the reference path
 * must read it. Aliases are declined (`yaml` bounds their expansion with MAX_ALIAS_COUNT and
 * keeps today's message), so the fast path never builds a shared or exponential structure.
 */
export function fastYamlValues(text: string): unknown[] | undefined {
  // js-yaml skips a byte order mark at any line start, yaml only at the start of the stream.
  if (DECLINED_LINES.test(text) || text.indexOf('\uFEFF', 1) !== -1) return undefined;
  try {
    const events = jsyaml.parseEvents(text, {});
    for (const e of events) {
      if (e.type === jsyaml.EVENT_ID.ALIAS) return undefined;
      if ('tagStart' in e && e.tagStart !== -1) return undefined;
    }
    return jsyaml.constructFromEvents(events, { source: text, schema: FAST_SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
}

function parseYamlFast(file: string, text: string, source: () => string | undefined): ParsedFile | undefined {
  const values = fastYamlValues(text);
  if (!values) return undefined;
  const locate = values.length === 1 ? oneDocumentLines(file, source) : documentLines(file, source);
  const docs: ParsedDoc[] = [];
  values.forEach((value, index) => {
    if (value === null || value === undefined) return; // empty document (`---` at the end)
    docs.push({ file, index, value, lineOf: (path) => locate(index, path) });
  });
  return { docs, problems: [] };
}

type Locate = (index: number, path: readonly PathSegment[]) => number | undefined;

function oneDocumentLines(file: string, source: () => string | undefined): Locate {
  const lineOf = wholeFileLines(file, source);
  return (_index, path) => lineOf(path);
}

/**
 * Lines in a file of several documents. The first time one is asked, `yaml`'s lexer finds
 * where each document starts (its nodes are not built); then only the asked document is
 * parsed, from its own lines, and the last one parsed is kept for the next question.
 */
function documentLines(file: string, source: () => string | undefined): Locate {
  let starts: number[] | undefined;
  let last: { index: number; doc: Document.Parsed; counter: LineCounter; before: number } | undefined;
  let whole: ParsedDoc[] | undefined;
  return (index, path) => {
    if (whole) return whole.find((d) => d.index === index)?.lineOf(path);
    if (last?.index !== index) {
      const text = source();
      if (text === undefined) return undefined;
      starts ??= documentStarts(text);
      const from = starts[index];
      const to = starts[index + 1] ?? text.length;
      const counter = new LineCounter();
      const parsed = from === undefined ? [] : parseAllDocuments(text.slice(from, to), { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
      const docs = Array.isArray(parsed) ? parsed : [];
      if (from === undefined || docs.length !== 1 || docs[0]!.errors.length > 0) {
        // Not a document on its own lines: locate it as the reference path does, in the whole file.
        whole = parseYaml(file, text).docs;
        return whole.find((d) => d.index === index)?.lineOf(path);
      }
      last = { index, doc: docs[0]!, counter, before: lineAt(text, from) - 1 };
    }
    const line = lineIn(last.doc, last.counter, path);
    return line === undefined ? undefined : line + last.before;
  };
}

/** Offsets of the line each document starts on, in `yaml`'s numbering of documents. */
function documentStarts(text: string): number[] {
  const starts: number[] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document') starts.push(token.offset === 0 ? 0 : text.lastIndexOf('\n', token.offset - 1) + 1);
  }
  return starts;
}

/** The reference path: `yaml` builds every document's nodes, with their source ranges. */
function parseYaml(file: string, text: string): ParsedFile {
  const counter = new LineCounter();
  const problems: Problem[] = [];
  const docs: ParsedDoc[] = [];
  // CloudFormation's short forms (`!Ref`, `!Sub`…) read as their long forms; other tags stay as they were.
  const parsed = parseAllDocuments(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, customTags: CFN_TAGS });
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
    docs.push({ file, index, value, lineOf: (path) => lineIn(doc, counter, path) });
  });
  return { docs, problems };
}

function lineIn(doc: Document.Parsed, counter: LineCounter, path: readonly PathSegment[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
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
