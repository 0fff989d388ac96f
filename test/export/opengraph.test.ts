import { describe, expect, it } from 'vitest';
import { exportOpenGraph } from '../../src/export/opengraph.js';
import { checkReadback } from './check.js';
import { checkSchema, readOpenGraph } from './readback.js';
import { HOSTILE, INPUT, shuffled } from './helpers.js';

describe('BloodHound OpenGraph export', () => {
  const files = exportOpenGraph(INPUT);

  it('writes one opengraph.json that follows the OpenGraph schema', () => {
    expect([...files.keys()]).toEqual(['opengraph.json']);
    checkSchema(JSON.parse(files.get('opengraph.json')!));
  });

  it('reads back to the input: nodes, edges, attributes, one connect edge per group between its class nodes', () => {
    checkReadback(readOpenGraph(files.get('opengraph.json')!), INPUT);
  });

  it('keeps hostile strings intact', () => {
    const rb = readOpenGraph(files.get('opengraph.json')!);
    expect(rb.nodes.get('shop/db,"primary"\nreplica')!.props.name).toBe(HOSTILE);
    expect(rb.edges.find((e) => e.kind === 'assume')!.props.reason).toBe(HOSTILE);
  });

  it('is deterministic and independent of input order', () => {
    expect([...exportOpenGraph(shuffled(INPUT))]).toEqual([...files]);
  });
});
