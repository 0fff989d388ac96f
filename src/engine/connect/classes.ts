/**
 * Network reach by endpoint classes (DESIGN.md, "Scale: classes, not pairs"). Per hop part,
 * workloads fall into a few classes as sources and, per port, as destinations; each
 * (source class, destination class) of a part is decided once by the part's own engine on a
 * representative pair. A workload's source class across all parts is its *combo*; a
 * destination's classes over its ports make its *target class*. Two workloads of one class
 * get identical decisions from every engine, which the property tests check against the
 * per-pair rule.
 */
import type { PortSpec, Workload } from '../../model/model.js';
import type { PolicyContext } from '../../policy/context.js';
import type { HopPart } from './part.js';
import { hasBit, Interner, PartClasses, type StructuralDecision, type Verdicts } from './part-classes.js';
import { HOP_PARTS } from './parts.js';

export type { StructuralDecision } from './part-classes.js';

const NO_PORT: PortSpec = { port: 0, protocol: 'TCP' };
const DEFAULT_NETWORK: StructuralDecision = { layer: 'network', decision: 'allow', policy: '(default)' };

export interface TargetClass {
  members: number[];
  /** the ports every member listens on, sorted by number then protocol */
  ports: PortSpec[];
}

export interface ConnectClasses {
  ctx: PolicyContext;
  /** every workload, by id */
  workloads: readonly Workload[];
  /** each workload's ports in the order its connect edges are listed (number, then protocol) */
  ports: readonly (readonly PortSpec[])[];
  /** per workload: its source class (combo) */
  combo: Int32Array;
  combos: number[][];
  /** per workload: its target class, -1 when it listens on no port */
  target: Int32Array;
  targets: TargetClass[];
  /** whether some port of target class t admits combo c */
  open(c: number, t: number, strict: boolean): boolean;
  /** what each combo may open, with combos of equal rows sharing one */
  rows(strict: boolean): Rows;
  /** the decisions of combo c on port k of target class t, without per-pair reasons */
  decisions(c: number, t: number, k: number): StructuralDecision[];
  /** equal for two (combo, target class, port) when their decisions are equal by construction: cheaper than comparing them */
  decisionsKey(c: number, t: number, k: number): string;
  /** the per-pair connect edges these classes stand for */
  pairs: number;
}

/** Per combo the target classes it may open, as a bit row over target classes; equal rows are shared. */
export interface Rows {
  /** per combo: its row */
  rowOf: Int32Array;
  /** each row: a bit per target class (bit t of word t >>> 5) */
  rows: Uint32Array[];
}

export function connectClasses(workloads: readonly Workload[], ctx: PolicyContext, parts: readonly HopPart[] = HOP_PARTS): ConnectClasses {
  const sorted = [...workloads].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ports = sorted.map((w) => [...w.ports].sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0)));
  const verdicts = new Interner<Verdicts>();
  const classes = parts.map((p) => new PartClasses(p, p.view(ctx), ctx, verdicts));
  const n = sorted.length;

  // Source classes per part, and their combination.
  const srcOf = classes.map((pc) => Int32Array.from(sorted, (w) => (pc.part.anchor === 'dst' ? pc.other(w, NO_PORT) : pc.anchor(w, NO_PORT))));
  const comboIds = new Interner<number[]>();
  const combo = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    const c = comboIds.intern(srcOf.map((s) => s[u]).join(','), () => []);
    comboIds.items[c]!.push(u);
    combo[u] = c;
  }
  const comboSrc = comboIds.items.map((members) => srcOf.map((s) => s[members[0]!]!));

  // Target classes: per port, the part's destination class.
  const targetIds = new Interner<TargetClass & { dst: number[][] }>();
  const target = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    const w = sorted[v]!;
    if (ports[v]!.length === 0) continue;
    const dst = ports[v]!.map((p) => classes.map((pc) => (pc.part.anchor === 'dst' ? pc.anchor(w, p) : pc.other(w, p))));
    const key = ports[v]!.map((p, k) => `${p.port}/${p.protocol}:${dst[k]!.join(',')}`).join(' ');
    const t = targetIds.intern(key, () => ({ members: [], ports: ports[v]!.map((p) => ({ port: p.port, protocol: p.protocol })), dst }));
    targetIds.items[t]!.members.push(v);
    target[v] = t;
  }

  const verdictId = (c: number, t: number, k: number, i: number): number => {
    const pc = classes[i]!;
    const s = comboSrc[c]![i]!;
    const d = targetIds.items[t]!.dst[k]![i]!;
    return pc.part.anchor === 'dst' ? pc.decide(d, s) : pc.decide(s, d);
  };
  const memo: (Rows | undefined)[] = [undefined, undefined];
  const rows = (strict: boolean): Rows => (memo[strict ? 1 : 0] ??= openRows(classes, comboSrc, targetIds.items, strict));
  return {
    ctx,
    workloads: sorted,
    ports,
    combo,
    combos: comboIds.items,
    target,
    targets: targetIds.items.map(({ members, ports: p }) => ({ members, ports: p })),
    open(c, t, strict) {
      const r = rows(strict);
      return (r.rows[r.rowOf[c]!]![t >>> 5]! & (1 << (t & 31))) !== 0;
    },
    rows,
    decisions(c, t, k) {
      const list = classes.flatMap((_, i) => verdicts.items[verdictId(c, t, k, i)]!.list);
      return list.some((d) => d.layer === 'network') ? list : [DEFAULT_NETWORK, ...list];
    },
    decisionsKey(c, t, k) {
      return classes.map((_, i) => verdictId(c, t, k, i)).join(',');
    },
    pairs: (n - 1) * ports.reduce((s, p) => s + p.length, 0),
  };
}

/**
 * Each combo's row: target class t is open when on some port every part lets the combo's
 * class of that part through to the port's class. Per part, each of its classes gets the
 * slots (target class, port) it opens as a bit set, read once from the part's bit matrix;
 * a combo's open slots are the AND of its classes' sets. A class a part lets through
 * everywhere has no set and is skipped.
 */
function openRows(classes: readonly PartClasses[], comboSrc: readonly number[][], targets: readonly { dst: number[][] }[], strict: boolean): Rows {
  const matrices = classes.map((pc) => pc.allowed(strict));
  const slotStart = new Int32Array(targets.length + 1);
  targets.forEach((t, i) => (slotStart[i + 1] = slotStart[i]! + t.dst.length));
  const slots = slotStart[targets.length]!;
  const slotWords = Math.max(1, Math.ceil(slots / 32));
  // per part: each slot's class on the part's destination side
  const slotDst = classes.map((_, i) => {
    const out = new Int32Array(slots);
    targets.forEach((t, ti) => t.dst.forEach((d, k) => (out[slotStart[ti]! + k] = d[i]!)));
    return out;
  });
  const masks = classes.map(() => new Map<number, Uint32Array | null>());
  const slotsOpened = (i: number, s: number): Uint32Array | null => {
    const known = masks[i]!.get(s);
    if (known !== undefined) return known;
    const m = matrices[i]!;
    const fromSrc = classes[i]!.part.anchor === 'src';
    let mask: Uint32Array | null = null;
    if (!(fromSrc ? m.fullRow[s] : m.fullColumn[s])) {
      mask = new Uint32Array(slotWords);
      const dst = slotDst[i]!;
      for (let k = 0; k < slots; k++) if (fromSrc ? hasBit(m, s, dst[k]!) : hasBit(m, dst[k]!, s)) mask[k >>> 5]! |= 1 << (k & 31);
    }
    masks[i]!.set(s, mask);
    return mask;
  };
  const words = Math.max(1, Math.ceil(targets.length / 32));
  const slotTarget = new Int32Array(slots);
  targets.forEach((_, t) => slotTarget.fill(t, slotStart[t]!, slotStart[t + 1]!));
  const open = new Uint32Array(slotWords);
  const seen = new Map<string, number>();
  const rows: Uint32Array[] = [];
  const rowOf = new Int32Array(comboSrc.length);
  comboSrc.forEach((src, c) => {
    open.fill(~0);
    src.forEach((s, i) => {
      const mask = slotsOpened(i, s);
      if (mask) for (let w = 0; w < slotWords; w++) open[w]! &= mask[w]!;
    });
    // A target class is open when one of its slots is: walk the set bits only.
    const row = new Uint32Array(words);
    for (let w = 0; w < slotWords; w++) {
      for (let x = open[w]!; x !== 0; x &= x - 1) {
        const k = w * 32 + (31 - Math.clz32(x & -x));
        if (k >= slots) break;
        const t = slotTarget[k]!;
        row[t >>> 5]! |= 1 << (t & 31);
      }
    }
    const key = Buffer.from(row.buffer).toString('base64');
    let id = seen.get(key);
    if (id === undefined) {
      id = rows.length;
      seen.set(key, id);
      rows.push(row);
    }
    rowOf[c] = id;
  });
  return { rowOf, rows };
}
