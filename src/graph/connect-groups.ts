/**
 * Connect hops grouped by endpoint class, as `graph --json` and `export` both list them: each
 * source class (combo) and target class once with its member ids, and one group per (source
 * class, target class, port of the target class). Linear in classes × ports, never in pairs.
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

/** Every member of source class `source` may open `port` on every member of target class `target` but itself. */
export interface ClassGroup {
  source: number;
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
  const groups: ClassGroup[] = [];
  c.combos.forEach((_, s) =>
    c.targets.forEach((t, d) => {
      if (options.traversableOnly && !c.open(s, d, false)) return;
      t.ports.forEach((p, k) => {
        const decisions = c.decisions(s, d, k);
        const traversable = !decisions.some((x) => x.decision === 'deny');
        if (traversable || !options.traversableOnly) groups.push({ source: s, target: d, port: p.port, protocol: p.protocol, traversable, decisions });
      });
    }),
  );
  return { sources: c.combos.map(ids), targets: c.targets.map((t) => ids(t.members)), groups };
}
