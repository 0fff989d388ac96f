/**
 * One hop part's classes and decisions. Anchors (the side the part's policies attach to)
 * and the other side are interned by what the part reads of them; a decision is made by the
 * part's own engine once per (anchor, projection of the other side onto the anchor's
 * relevant features) and shared by every pair with that projection.
 */
import type { PortSpec, Workload } from '../../model/model.js';
import type { PolicyContext } from '../../policy/context.js';
import { blocks, type Decision } from '../../policy/decision.js';
import type { HopRequest } from '../../policy/hop.js';
import type { HopPart, PartView } from './part.js';

export type StructuralDecision = Omit<Decision, 'reason'>;

export interface Side {
  w: Workload;
  port: PortSpec;
}

export class Interner<T> {
  readonly keys = new Map<string, number>();
  readonly items: T[] = [];
  intern(key: string, make: () => T): number {
    let id = this.keys.get(key);
    if (id === undefined) {
      id = this.items.length;
      this.keys.set(key, id);
      this.items.push(make());
    }
    return id;
  }
}

export interface Verdicts {
  list: StructuralDecision[];
  blocks: boolean;
  blocksStrict: boolean;
}

/** A bit matrix: row r, column c at bit c of words r*words … r*words+words-1. */
export interface BitMatrix {
  words: number;
  bits: Uint32Array;
  /** per column: every row has the bit set */
  fullColumn: Uint8Array;
  /** per row: every column has the bit set */
  fullRow: Uint8Array;
}

export function hasBit(m: BitMatrix, row: number, col: number): boolean {
  return (m.bits[row * m.words + (col >>> 5)]! & (1 << (col & 31))) !== 0;
}

export class PartClasses {
  readonly anchors = new Interner<{ rep: Side; relevant?: ReadonlySet<number> }>();
  readonly others = new Interner<{ rep: Side; ids: readonly number[]; rest: string }>();
  private readonly table = new Map<number, number>();
  private readonly memo = new Map<string, number>();
  private readonly matrices: (BitMatrix | undefined)[] = [undefined, undefined];

  constructor(
    readonly part: HopPart,
    readonly view: PartView,
    private readonly ctx: PolicyContext,
    private readonly verdicts: Interner<Verdicts>,
  ) {}

  anchor(w: Workload, port: PortSpec): number {
    return this.anchors.intern(this.view.anchorKey(w, port), () => ({ rep: { w, port } }));
  }

  other(w: Workload, port: PortSpec): number {
    const f = this.view.features(w, port);
    return this.others.intern(`${f.rest}|${f.ids.join(',')}`, () => ({ rep: { w, port }, ids: f.ids, rest: f.rest }));
  }

  private relevant(a: number): ReadonlySet<number> {
    const anchor = this.anchors.items[a]!;
    anchor.relevant ??= new Set(this.view.relevant(anchor.rep.w, anchor.rep.port));
    return anchor.relevant;
  }

  /** The verdicts id of an anchor class against an other-side class. */
  decide(a: number, o: number): number {
    const key = a * this.others.items.length + o;
    let id = this.table.get(key);
    if (id !== undefined) return id;
    // The other side's features are sorted, so its projection is too.
    const relevant = this.relevant(a);
    id = this.decideProjected(a, o, this.others.items[o]!.ids.filter((f) => relevant.has(f)).join(','));
    this.table.set(key, id);
    return id;
  }

  /**
   * The verdicts id of anchor a against other o, given o's features relevant to a (sorted,
   * joined): decided once per (anchor, rest, projection) by the part's engine on o's representative.
   */
  private decideProjected(a: number, o: number, projection: string): number {
    const other = this.others.items[o]!;
    const key = `${a}|${other.rest}|${projection}`;
    let id = this.memo.get(key);
    if (id === undefined) {
      const anchor = this.anchors.items[a]!;
      const [src, dst] = this.part.anchor === 'dst' ? [other.rep, anchor.rep] : [anchor.rep, other.rep];
      const req: HopRequest = { from: { workload: src.w }, to: { workload: dst.w }, port: dst.port.port, protocol: dst.port.protocol };
      const list = this.part.decide(this.ctx, req).map(structural);
      id = this.verdicts.intern(JSON.stringify(list), () => ({ list, blocks: list.some((d) => blocks(d as Decision)), blocksStrict: list.some((d) => blocks(d as Decision, true)) }));
      this.memo.set(key, id);
    }
    return id;
  }

  /**
   * Which (anchor, other) pairs the part lets through, as a bit matrix with a row per anchor.
   * An anchor reads only its relevant features, so every other side holding none of them
   * gets the anchor's default for its `rest`: only the others holding one (found through the
   * inverse feature index) are decided one by one. Cost follows the policies' matches, not
   * anchors × others.
   */
  allowed(strict: boolean): BitMatrix {
    const cached = this.matrices[strict ? 1 : 0];
    if (cached) return cached;
    const others = this.others.items;
    const o = others.length;
    const words = Math.max(1, Math.ceil(o / 32));
    const rests = new Interner<{ mask: Uint32Array; members: number[] }>();
    others.forEach((x, i) => {
      const rest = rests.items[rests.intern(x.rest, () => ({ mask: new Uint32Array(words), members: [] }))]!;
      rest.mask[i >>> 5]! |= 1 << (i & 31);
      rest.members.push(i);
    });
    const holders = new Map<number, number[]>();
    others.forEach((x, i) => {
      for (const f of x.ids) {
        const list = holders.get(f);
        if (list) list.push(i);
        else holders.set(f, [i]);
      }
    });
    const lets = (v: number) => !(strict ? this.verdicts.items[v]!.blocksStrict : this.verdicts.items[v]!.blocks);
    const a = this.anchors.items.length;
    const bits = new Uint32Array(a * words);
    for (let r = 0; r < a; r++) {
      // Each other side holding a feature relevant to r, with those features in ascending
      // order: its projection, built from the holder lists instead of filtering its features.
      const projections = new Map<number, number[]>();
      for (const f of [...this.relevant(r)].sort((x, y) => x - y)) {
        for (const i of holders.get(f) ?? []) {
          const p = projections.get(i);
          if (p) p.push(f);
          else projections.set(i, [f]);
        }
      }
      const row = bits.subarray(r * words, (r + 1) * words);
      for (const { mask, members } of rests.items) {
        const rep = members.find((i) => !projections.has(i));
        if (rep === undefined || !lets(this.decideProjected(r, rep, ''))) continue;
        for (let w = 0; w < words; w++) row[w]! |= mask[w]!;
      }
      for (const [i, p] of projections) {
        if (lets(this.decideProjected(r, i, p.join(',')))) row[i >>> 5]! |= 1 << (i & 31);
        else row[i >>> 5]! &= ~(1 << (i & 31));
      }
    }
    const every = new Uint32Array(words).fill(~0);
    const fullRow = new Uint8Array(a);
    const last = o % 32 === 0 ? ~0 : (1 << (o % 32)) - 1;
    for (let r = 0; r < a; r++) {
      let full = 1;
      for (let w = 0; w < words; w++) {
        const x = bits[r * words + w]!;
        every[w]! &= x;
        if ((x | (w === words - 1 ? ~last : 0)) !== ~0) full = 0;
      }
      fullRow[r] = full;
    }
    const fullColumn = Uint8Array.from({ length: o }, (_, i) => (a === 0 || (every[i >>> 5]! & (1 << (i & 31))) !== 0 ? 1 : 0));
    const m: BitMatrix = { words, bits, fullRow, fullColumn };
    this.matrices[strict ? 1 : 0] = m;
    return m;
  }
}

export function structural(d: Decision): StructuralDecision {
  const { reason: _reason, ...rest } = d;
  return rest;
}
