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
import { blocks, type Decision } from '../../policy/decision.js';
import { hasBit, Interner, PartClasses, structural, type BitMatrix, type StructuralDecision, type Verdicts } from './part-classes.js';
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
  /**
   * These classes with one more workload that listens on no port (a rogue) as a source,
   * judged under `ctx` (the model with it): its row is found on the fly, every other
   * workload's classes and rows are shared. Equal to connectClasses on all the workloads.
   */
  withSource(w: Workload, ctx: PolicyContext): ConnectClasses;
}

/** Per combo the target classes it may open, as a bit row over target classes; equal rows are shared. */
export interface Rows {
  /** per combo: its row */
  rowOf: Int32Array;
  /** each row: a bit per target class (bit t of word t >>> 5) */
  rows: Uint32Array[];
  /** each row's id by its bits */
  ids: ReadonlyMap<string, number>;
}

/** A source's class in one part: an index of the part's classes, or FRESH, a class of its own. */
const FRESH = -1;

interface State {
  ctx: PolicyContext;
  parts: readonly HopPart[];
  classes: readonly PartClasses[];
  verdicts: Interner<Verdicts>;
  workloads: readonly Workload[];
  ports: readonly (readonly PortSpec[])[];
  combo: Int32Array;
  combos: number[][];
  comboKeys: ReadonlyMap<string, number>;
  /** per combo, per part: its class (FRESH for the extra source's own) */
  comboSrc: readonly (readonly number[])[];
  target: Int32Array;
  targets: readonly (TargetClass & { dst: number[][] })[];
  /** per part: the extra source's verdict against a destination-side class, where its class is FRESH */
  fresh: (d: number, i: number) => number;
  rows: (strict: boolean) => Rows & { maker: RowMaker };
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

  const state: State = {
    ctx,
    parts,
    classes,
    verdicts,
    workloads: sorted,
    ports,
    combo,
    combos: comboIds.items,
    comboKeys: comboIds.keys,
    comboSrc,
    target,
    targets: targetIds.items,
    fresh: () => {
      throw new Error('lateral: no extra source in these classes');
    },
    rows: memoRows((strict) => {
      const maker = new RowMaker(classes, targetIds.items, strict);
      return maker.rowsOf(comboSrc.map((src) => src.map((s, i) => maker.maskOf(i, s))));
    }),
  };
  return assemble(state);
}

function memoRows(make: (strict: boolean) => Rows & { maker: RowMaker }): State['rows'] {
  const memo: ((Rows & { maker: RowMaker }) | undefined)[] = [undefined, undefined];
  return (strict) => (memo[strict ? 1 : 0] ??= make(strict));
}

function assemble(st: State): ConnectClasses {
  const verdictId = (c: number, t: number, k: number, i: number): number => {
    const pc = st.classes[i]!;
    const s = st.comboSrc[c]![i]!;
    const d = st.targets[t]!.dst[k]![i]!;
    if (s === FRESH) return st.fresh(d, i);
    return pc.part.anchor === 'dst' ? pc.decide(d, s) : pc.decide(s, d);
  };
  const n = st.workloads.length;
  return {
    ctx: st.ctx,
    workloads: st.workloads,
    ports: st.ports,
    combo: st.combo,
    combos: st.combos,
    target: st.target,
    targets: st.targets.map(({ members, ports: p }) => ({ members, ports: p })),
    open(c, t, strict) {
      const r = st.rows(strict);
      return (r.rows[r.rowOf[c]!]![t >>> 5]! & (1 << (t & 31))) !== 0;
    },
    rows: (strict) => st.rows(strict),
    decisions(c, t, k) {
      const list = st.classes.flatMap((_, i) => st.verdicts.items[verdictId(c, t, k, i)]!.list);
      return list.some((d) => d.layer === 'network') ? list : [DEFAULT_NETWORK, ...list];
    },
    decisionsKey(c, t, k) {
      return st.classes.map((_, i) => verdictId(c, t, k, i)).join(',');
    },
    pairs: (n - 1) * st.ports.reduce((s, p) => s + p.length, 0),
    withSource: (w, ctx) => withSource(st, w, ctx),
  };
}

/**
 * The extra source's class in each part is found by the key the part's view gives it under
 * the model holding it; a key no workload has makes a class of its own, decided against
 * each destination-side class by the part's engine on that class's representative.
 */
function withSource(st: State, w: Workload, ctx: PolicyContext): ConnectClasses {
  if (w.ports.length > 0) throw new Error('lateral: an extra source must listen on no port');
  if (st.comboSrc.some((src) => src.includes(FRESH))) throw new Error('lateral: these classes already have an extra source');
  const src = st.classes.map((pc, i) => {
    const view = st.parts[i]!.view(ctx);
    if (pc.part.anchor === 'src') return pc.anchors.keys.get(view.anchorKey(w, NO_PORT)) ?? FRESH;
    const f = view.features(w, NO_PORT);
    return pc.others.keys.get(`${f.rest}|${f.ids.join(',')}`) ?? FRESH;
  });
  const freshMemo = st.classes.map(() => new Map<number, number>());
  const fresh = (d: number, i: number): number => {
    let id = freshMemo[i]!.get(d);
    if (id === undefined) {
      const pc = st.classes[i]!;
      const rep = (pc.part.anchor === 'dst' ? pc.anchors : pc.others).items[d]!.rep;
      const list = st.parts[i]!.decide(ctx, { from: { workload: w }, to: { workload: rep.w }, port: rep.port.port, protocol: rep.port.protocol }).map(structural);
      id = st.verdicts.intern(JSON.stringify(list), () => ({ list, blocks: list.some((x) => blocks(x as Decision)), blocksStrict: list.some((x) => blocks(x as Decision, true)) }));
      freshMemo[i]!.set(d, id);
    }
    return id;
  };
  const key = src.join(',');
  const existing = src.includes(FRESH) ? undefined : st.comboKeys.get(key);
  const c = existing ?? st.combos.length;
  const u = st.workloads.length;
  const combos = existing !== undefined ? st.combos.map((m, i) => (i === c ? [...m, u] : m)) : [...st.combos, [u]];
  const combo = new Int32Array(u + 1);
  combo.set(st.combo);
  combo[u] = c;
  const target = new Int32Array(u + 1).fill(-1);
  target.set(st.target);
  return assemble({
    ...st,
    ctx,
    workloads: [...st.workloads, w],
    ports: [...st.ports, []],
    combo,
    combos,
    comboKeys: existing !== undefined ? st.comboKeys : new Map([...st.comboKeys, [key, c]]),
    comboSrc: existing !== undefined ? st.comboSrc : [...st.comboSrc, src],
    target,
    fresh,
    rows: memoRows((strict) => {
      const base = st.rows(strict);
      if (existing !== undefined) return base;
      const maker = base.maker;
      const row = maker.row(src.map((s, i) => (s === FRESH ? maker.freshMask(i, (d) => !(strict ? st.verdicts.items[fresh(d, i)]!.blocksStrict : st.verdicts.items[fresh(d, i)]!.blocks)) : maker.maskOf(i, s))));
      const id = base.ids.get(rowKey(row));
      const rowOf = new Int32Array(c + 1);
      rowOf.set(base.rowOf);
      rowOf[c] = id ?? base.rows.length;
      return { rowOf, rows: id === undefined ? [...base.rows, row] : base.rows, ids: base.ids, maker: maker };
    }),
  });
}

const rowKey = (row: Uint32Array) => Buffer.from(row.buffer, row.byteOffset, row.byteLength).toString('base64');

/**
 * Each combo's row: target class t is open when on some port every part lets the combo's
 * class of that part through to the port's class. Per part, each of its classes gets the
 * slots (target class, port) it opens as a bit set, read once from the part's bit matrix;
 * a combo's open slots are the AND of its classes' sets. A class a part lets through
 * everywhere has no set and is skipped.
 */
class RowMaker {
  private readonly matrices: BitMatrix[];
  private readonly slotStart: Int32Array;
  private readonly slots: number;
  private readonly slotWords: number;
  /** per part: each slot's class on the part's destination side */
  private readonly slotDst: Int32Array[];
  private readonly slotTarget: Int32Array;
  private readonly masks: Map<number, Uint32Array | null>[];
  private readonly words: number;
  private readonly open: Uint32Array;

  constructor(
    private readonly classes: readonly PartClasses[],
    targets: readonly { dst: number[][] }[],
    strict: boolean,
  ) {
    this.matrices = classes.map((pc) => pc.allowed(strict));
    const slotStart = (this.slotStart = new Int32Array(targets.length + 1));
    targets.forEach((t, i) => (slotStart[i + 1] = slotStart[i]! + t.dst.length));
    const slots = (this.slots = slotStart[targets.length]!);
    this.slotWords = Math.max(1, Math.ceil(slots / 32));
    this.slotDst = classes.map((_, i) => {
      const out = new Int32Array(slots);
      targets.forEach((t, ti) => t.dst.forEach((d, k) => (out[slotStart[ti]! + k] = d[i]!)));
      return out;
    });
    this.slotTarget = new Int32Array(slots);
    targets.forEach((_, t) => this.slotTarget.fill(t, slotStart[t]!, slotStart[t + 1]!));
    this.masks = classes.map(() => new Map());
    this.words = Math.max(1, Math.ceil(targets.length / 32));
    this.open = new Uint32Array(this.slotWords);
  }

  /** The slots class s of part i opens, or null for all of them. */
  maskOf(i: number, s: number): Uint32Array | null {
    const known = this.masks[i]!.get(s);
    if (known !== undefined) return known;
    const m = this.matrices[i]!;
    const fromSrc = this.classes[i]!.part.anchor === 'src';
    const mask = (fromSrc ? m.fullRow[s] : m.fullColumn[s]) ? null : this.freshMask(i, (d) => (fromSrc ? hasBit(m, s, d) : hasBit(m, d, s)));
    this.masks[i]!.set(s, mask);
    return mask;
  }

  /** The slots part i opens to a source that `lets` through to each destination-side class. */
  freshMask(i: number, lets: (d: number) => boolean): Uint32Array {
    const mask = new Uint32Array(this.slotWords);
    const dst = this.slotDst[i]!;
    for (let k = 0; k < this.slots; k++) if (lets(dst[k]!)) mask[k >>> 5]! |= 1 << (k & 31);
    return mask;
  }

  /** The target classes open where every part's mask is. */
  row(masks: readonly (Uint32Array | null)[]): Uint32Array {
    const open = this.open;
    open.fill(~0);
    for (const mask of masks) if (mask) for (let w = 0; w < this.slotWords; w++) open[w]! &= mask[w]!;
    // A target class is open when one of its slots is: walk the set bits only.
    const row = new Uint32Array(this.words);
    for (let w = 0; w < this.slotWords; w++) {
      for (let x = open[w]!; x !== 0; x &= x - 1) {
        const k = w * 32 + (31 - Math.clz32(x & -x));
        if (k >= this.slots) break;
        const t = this.slotTarget[k]!;
        row[t >>> 5]! |= 1 << (t & 31);
      }
    }
    return row;
  }

  /** Every combo's row, combos with equal rows sharing one. */
  rowsOf(comboMasks: readonly (readonly (Uint32Array | null)[])[]): Rows & { maker: RowMaker } {
    const ids = new Map<string, number>();
    const rows: Uint32Array[] = [];
    const rowOf = new Int32Array(comboMasks.length);
    comboMasks.forEach((masks, c) => {
      const row = this.row(masks);
      const key = rowKey(row);
      let id = ids.get(key);
      if (id === undefined) {
        id = rows.length;
        ids.set(key, id);
        rows.push(row);
      }
      rowOf[c] = id;
    });
    return { rowOf, rows, ids, maker: this };
  }
}
