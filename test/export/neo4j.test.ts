import { describe, expect, it } from 'vitest';
import { exportNeo4j, importCommand } from '../../src/export/neo4j.js';
import { checkReadback } from './check.js';
import { readNeo4j } from './readback.js';
import { HOSTILE, INPUT, readCsv, shuffled } from './helpers.js';

describe('neo4j export', () => {
  const files = exportNeo4j(INPUT);

  it('writes one nodes file per node kind, one relationships file per type, load.cypher and README.txt', () => {
    expect([...files.keys()]).toEqual([
      'README.txt', 'load.cypher',
      'nodes_destination_class.csv', 'nodes_identity.csv', 'nodes_pipeline.csv', 'nodes_resource.csv', 'nodes_secret.csv', 'nodes_source_class.csv', 'nodes_workload.csv',
      'rels_assume.csv', 'rels_connect.csv', 'rels_deploy.csv', 'rels_grant.csv', 'rels_has_member.csv', 'rels_in_class.csv', 'rels_read_secret.csv', 'rels_runs_as.csv',
    ]);
    expect(files.get('nodes_workload.csv')!.split('\n')[0]).toBe('id:ID,:LABEL,kind,name,type,namespace,owner,tier:int,labels:string[],credential,source_file,source_doc:int');
    expect(files.get('rels_grant.csv')!.split('\n')[0]).toBe(':START_ID,:END_ID,:TYPE,kind,key,rule,technique,reason,cost:double,port:int,protocol,actions:string[],pivot:boolean,traversable:boolean,decisions');
    expect(files.get('rels_connect.csv')!.split('\n')[0]).toBe(':START_ID,:END_ID,:TYPE,kind,key,port:int,protocol,traversable:boolean,decisions');
  });

  it('reads back to the input: nodes, edges, attributes, one CONNECT per group between its class nodes', () => {
    checkReadback(readNeo4j(files), INPUT);
  });

  it('keeps hostile strings intact: commas, quotes, line breaks, backslashes', () => {
    const rb = readNeo4j(files);
    expect(rb.nodes.get('shop/db,"primary"\nreplica')!.props.name).toBe(HOSTILE);
    expect(rb.nodes.get('shop/web')!.props.labels).toEqual(['app=web', 'example.com/team=a,b "c"']);
    // every string is quoted, so no field starts unquoted with a quote and "" is an empty string
    for (const [name, text] of files) if (name.endsWith('.csv')) expect(() => readCsv(text)).not.toThrow();
  });

  it('is deterministic and independent of input order', () => {
    const again = exportNeo4j(shuffled(INPUT));
    expect([...again]).toEqual([...files]);
    expect([...exportNeo4j(INPUT)]).toEqual([...files]);
  });

  it('README gives an import command naming every CSV once, with the options the files need', () => {
    const shown = importCommand(files);
    expect(files.get('README.txt')!).toContain(`\n  ${shown}\n\n`);
    const command = shown.replace(/\\\n\s*/g, '');
    expect(command.startsWith('neo4j-admin database import full neo4j ')).toBe(true);
    expect(command).toContain('--array-delimiter=U+001F');
    expect(command).toContain('--multiline-fields=true');
    const named = [...command.matchAll(/--(nodes|relationships)=(\S+)/g)].map((m) => [m[1], m[2]]);
    const csvs = [...files.keys()].filter((f) => f.endsWith('.csv'));
    expect(named.map(([, f]) => f).sort()).toEqual(csvs.sort());
    for (const [opt, f] of named) expect(f!.startsWith(opt === 'nodes' ? 'nodes_' : 'rels_')).toBe(true);
  });

  it('leaves --multiline-fields out when no value holds a line break', () => {
    const tame = { ...INPUT, nodes: INPUT.nodes.filter((n) => !/[\n\r]/.test(n.id + n.attrs.name)), edges: INPUT.edges.filter((e) => !/[\n\r]/.test(e.attrs.reason)), connect: [] };
    const readme = exportNeo4j(tame).get('README.txt')!;
    expect(readme).not.toContain('--multiline-fields=true');
  });

  it('load.cypher creates constraints and indexes and keeps the example queries commented', () => {
    const cypher = files.get('load.cypher')!;
    const live = cypher.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('//'));
    expect(live.every((l) => /^(CREATE (CONSTRAINT|INDEX) \w+ IF NOT EXISTS FOR .+;|CALL db\.awaitIndexes\(\d+\);)$/.test(l))).toBe(true);
    expect(cypher).toContain('REQUIRE n.id IS UNIQUE');
    for (const q of ['shortestPath', 'tier: 0', 'r.traversable', 'count(*) AS paths', 'IN_CLASS', 'HAS_MEMBER']) expect(cypher).toContain(q);
  });
});
