/**
 * GraphML (http://graphml.graphdrawing.org/): one file, `graph.graphml`, a directed graph with a
 * `<key>` declaration for every node and edge attribute, written by hand.
 *
 * Why not a library: `graphology-graphml` (latest 0.5.2) ships only a parser — its Node entry
 * point exports `parse` and nothing else — so there is no graphology writer to use. This writer
 * escapes as XML 1.0 requires: `& < >` everywhere, quotes and whitespace (tab, line feed,
 * carriage return) as character references inside attributes so that attribute-value
 * normalisation leaves ids intact, carriage returns as `&#13;` in text so that line-end
 * normalisation does too. Characters XML 1.0 cannot carry at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) become U+FFFD.
 *
 * GraphML has no list or map type: arrays (labels, actions, members) and nested values
 * (decisions, credential) are JSON strings.
 */
import { ALL_EDGE_FIELDS, ALL_NODE_FIELDS, shape, type Field, type PropValue } from './shape.js';
import type { ExportFiles, ExportInput } from './types.js';

const GRAPHML_TYPE: Readonly<Record<Field['type'], string>> = { string: 'string', 'string[]': 'string', int: 'int', double: 'double', boolean: 'boolean' };

export const nodeKeyId = (name: string): string => `n_${name}`;
export const edgeKeyId = (name: string): string => `e_${name}`;

export function exportGraphml(input: ExportInput): ExportFiles {
  const g = shape(input);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const f of ALL_NODE_FIELDS) out.push(`  <key id="${nodeKeyId(f.name)}" for="node" attr.name="${f.name}" attr.type="${GRAPHML_TYPE[f.type]}"/>`);
  for (const f of ALL_EDGE_FIELDS) out.push(`  <key id="${edgeKeyId(f.name)}" for="edge" attr.name="${f.name}" attr.type="${GRAPHML_TYPE[f.type]}"/>`);
  out.push('  <graph id="lateral" edgedefault="directed">');
  for (const n of g.nodes) {
    out.push(`    <node id="${attr(n.id)}">`);
    for (const f of ALL_NODE_FIELDS) data(out, nodeKeyId(f.name), n.props[f.name]);
    out.push('    </node>');
  }
  for (const e of g.edges) {
    out.push(`    <edge id="${attr(e.key)}" source="${attr(e.source)}" target="${attr(e.target)}">`);
    for (const f of ALL_EDGE_FIELDS) data(out, edgeKeyId(f.name), e.props[f.name]);
    out.push('    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return new Map([['graph.graphml', out.join('\n')]]);
}

function data(out: string[], key: string, v: PropValue | undefined): void {
  if (v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return;
  const s = Array.isArray(v) ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
  out.push(`      <data key="${key}">${text(s)}</data>`);
}

// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function text(s: string): string {
  return s.replace(NOT_XML_CHAR, '\ufffd').replace(/[&<>\r]/g, (c) => ENTITY[c]!);
}

export function attr(s: string): string {
  return s.replace(NOT_XML_CHAR, '\ufffd').replace(/[&<>"'\t\n\r]/g, (c) => ENTITY[c]!);
}

const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
