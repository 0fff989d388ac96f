/**
 * Connect hops grouped by endpoint class, as `graph --json` and `export` both list them: each
 * source class (combo) and target class once with its member ids, and one group per (target
 * class, port, decisions) whose sources are every source class getting those decisions
 * there. Class pairs grow with the square of the classes (on a generated 2,000-workload
 * estate, 780,000 pairs of which 107,000 traversable); the verdicts one destination port
 * gives do not (915).
 */
import type { ConnectClasses, StructuralDecision } from '../engine/connect/classes.js';
import type { Protocol } from '../model/model.js';

export interface ConnectGroups {
  /** member ids of source class s, one array per class: consumers may key on the array itself */
  sources: string[][];
  /** member ids of target class t, likewise */
  targets: string[][];
  groups: ClassGroup[];
}

/** Every member of each source class in `sources` may open `port` on every member of target class `target` but itself. */
export interface ClassGroup {
  /** source class ids, ascending */
  sources: number[];
  target: number;
  port: number;
  protocol: Protocol;
  /** no enforcing layer denies it */
  traversable: boolean;
  decisions: StructuralDecision[];
}

/**
 * `traversableOnly` leaves out the groups an enforcing layer denies, skipping closed class
 * pairs before their decisions are built: most pairs are closed, and their decisions the cost.
 */
export function connectGroups(c: ConnectClasses, options: { traversableOnly?: boolean } = {}): ConnectGroups {
  const ids = (members: number[]) => members.map((i) => c.workloads[i]!.id);
  const rows = c.rows(false);
  const combosOfRow = rows.rows.map((): number[] => []);
  c.combos.forEach((_, s) => combosOfRow[rows.rowOf[s]!]!.push(s));
  const all = c.combos.map((_, s) => s);
  const groups: ClassGroup[] = [];
  c.targets.forEach((t, d) => {
    const sources = options.traversableOnly ? rows.rows.flatMap((row, r) => (hasBit(row, d) ? combosOfRow[r]! : [])).sort((a, b) => a - b) : all;
    t.ports.forEach((p, k) => {
      // By verdict key first (cheap), then by the decisions themselves, which two keys may share.
      const byKey = new Map<string, number[]>();
      for (const s of sources) {
        const key = c.decisionsKey(s, d, k);
        const seen = byKey.get(key);
        if (seen) seen.push(s);
        else byKey.set(key, [s]);
      }
      const byDecisions = new Map<string, ClassGroup>();
      for (const members of byKey.values()) {
        const decisions = c.decisions(members[0]!, d, k);
        const traversable = !decisions.some((x) => x.decision === 'deny');
        if (!traversable && options.traversableOnly) continue;
        const key = JSON.stringify(decisions);
        const seen = byDecisions.get(key);
        if (seen) seen.sources.push(...members);
        else byDecisions.set(key, { sources: members, target: d, port: p.port, protocol: p.protocol, traversable, decisions });
      }
      for (const g of byDecisions.values()) groups.push({ ...g, sources: g.sources.sort((a, b) => a - b) });
    });
  });
  return { sources: c.combos.map(ids), targets: c.targets.map((t) => ids(t.members)), groups };
}

function hasBit(row: Uint32Array, t: number): boolean {
  return (row[t >>> 5]! & (1 << (t & 31))) !== 0;
}
