import { DOMParser } from '@xmldom/xmldom';
import { MultiDirectedGraph } from 'graphology';
import { parse } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { attr, exportGraphml, text } from '../../src/export/graphml.js';
import { checkReadback } from './check.js';
import { readGraphml } from './readback.js';
import { HOSTILE, INPUT, shuffled } from './helpers.js';

/** Parses strictly: any XML error or warning fails the test. */
function wellFormed(xml: string): void {
  const problems: string[] = [];
  const report = (m: string) => problems.push(m);
  new DOMParser({ errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(xml, 'application/xml');
  expect(problems).toEqual([]);
}

describe('GraphML export', () => {
  const files = exportGraphml(INPUT);
  const xml = files.get('graph.graphml')!;

  it('writes one well-formed graph.graphml with a typed <key> for every attribute', () => {
    expect([...files.keys()]).toEqual(['graph.graphml']);
    wellFormed(xml);
    const keys = [...xml.matchAll(/<key id="([^"]+)" for="(node|edge)" attr\.name="([^"]+)" attr\.type="([^"]+)"\/>/g)].map((m) => m.slice(1));
    expect(keys).toContainEqual(['n_tier', 'node', 'tier', 'int']);
    expect(keys).toContainEqual(['e_cost', 'edge', 'cost', 'double']);
    expect(keys).toContainEqual(['e_traversable', 'edge', 'traversable', 'boolean']);
    const declared = new Set(keys.map((k) => k[0]));
    const used = new Set([...xml.matchAll(/<data key="([^"]+)">/g)].map((m) => m[1]));
    for (const k of used) expect(declared.has(k!)).toBe(true);
    expect(xml).toContain('edgedefault="directed"');
  });

  it('reads back (graphology-graphml parser) to the input: nodes, edges, typed attributes, class nodes', () => {
    checkReadback(readGraphml(xml), INPUT);
  });

  it('keeps hostile strings intact, in ids (attributes) and in values (text)', () => {
    const rb = readGraphml(xml);
    expect(rb.nodes.get('shop/db,"primary"\nreplica')!.props.name).toBe(HOSTILE);
    expect(rb.edges.find((e) => e.kind === 'assume')!.props.reason).toBe(HOSTILE);
  });

  it('replaces characters XML 1.0 cannot hold, escapes the rest', () => {
    expect(text('a\u0000b\u001fc\ud800d')).toBe('a\ufffdb\ufffdc\ufffdd');
    expect(text('<&>\r\n\t"')).toBe('&lt;&amp;&gt;&#13;\n\t"');
    expect(attr('<&>"\'\t\n\r')).toBe('&lt;&amp;&gt;&quot;&apos;&#9;&#10;&#13;');
    const odd = { ...INPUT, nodes: [...INPUT.nodes, { id: 'ctl\u0001', attrs: { kind: 'resource' as const, name: 'bell\u0007', type: 'x' } }] };
    const out = exportGraphml(odd).get('graph.graphml')!;
    wellFormed(out);
    expect(parse(MultiDirectedGraph, out).getNodeAttribute('ctl\ufffd', 'name')).toBe('bell\ufffd');
  });

  it('is deterministic and independent of input order', () => {
    expect([...exportGraphml(shuffled(INPUT))]).toEqual([...files]);
  });
});
