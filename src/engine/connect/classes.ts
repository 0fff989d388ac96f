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
import { blocks, type Decision } from '../../policy/decision.js';
import type { HopRequest } from '../../policy/hop.js';
import type { HopPart, PartView } from './part.js';
import { HOP_PARTS } from './parts.js';

export type StructuralDecision = Omit<Decision, 'reason'>;

const NO_PORT: PortSpec = { port: 0, protocol: 'TCP' };
const DEFAULT_NETWORK: StructuralDecision = { layer: 'network', decision: 'allow', policy: '(default)' };

interface Side {
  w: Workload;
  port: PortSpec;
}

class Interner<T> {
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

interface Verdicts {
  list: StructuralDecision[];
  blocks: boolean;
  blocksStrict: boolean;
}

/** One part's classes and its lazily filled decision table. */
class PartClasses {
  readonly anchors = new Interner<{ rep: Side; relevant?: readonly number[] }>();
  readonly others = new Interner<{ rep: Side; ids: ReadonlySet<number>; rest: string }>();
  private readonly table = new Map<number, number>();
  private readonly memo = new Map<string, number>();

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
    return this.others.intern(`${f.rest}|${f.ids.join(',')}`, () => ({ rep: { w, port }, ids: new Set(f.ids), rest: f.rest }));
  }

  /** The verdicts id of an anchor class against an other-side class. */
  decide(a: number, o: number): number {
    const key = a * this.others.items.length + o;
    let id = this.table.get(key);
    if (id !== undefined) return id;
    const anchor = this.anchors.items[a]!;
    const other = this.others.items[o]!;
    anchor.relevant ??= [...new Set(this.view.relevant(anchor.rep.w, anchor.rep.port))].sort((x, y) => x - y);
    const projected = `${a}|${other.rest}|${anchor.relevant.filter((f) => other.ids.has(f)).join(',')}`;
    id = this.memo.get(projected);
    if (id === undefined) {
      const [src, dst] = this.part.anchor === 'dst' ? [other.rep, anchor.rep] : [anchor.rep, other.rep];
      const req: HopRequest = { from: { workload: src.w }, to: { workload: dst.w }, port: dst.port.port, protocol: dst.port.protocol };
      const list = this.part.decide(this.ctx, req).map(structural);
      id = this.verdicts.intern(JSON.stringify(list), () => ({ list, blocks: list.some((d) => blocks(d as Decision)), blocksStrict: list.some((d) => blocks(d as Decision, true)) }));
      this.memo.set(projected, id);
    }
    this.table.set(key, id);
    return id;
  }
}

function structural(d: Decision): StructuralDecision {
  const { reason: _reason, ...rest } = d;
  return rest;
}

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
  /** the decisions of combo c on port k of target class t, without per-pair reasons */
  decisions(c: number, t: number, k: number): StructuralDecision[];
  /** the per-pair connect edges these classes stand for */
  pairs: number;
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

  const verdictOf = (c: number, t: number, k: number, i: number): Verdicts => {
    const pc = classes[i]!;
    const s = comboSrc[c]![i]!;
    const d = targetIds.items[t]!.dst[k]![i]!;
    return verdicts.items[pc.part.anchor === 'dst' ? pc.decide(d, s) : pc.decide(s, d)]!;
  };
  return {
    ctx,
    workloads: sorted,
    ports,
    combo,
    combos: comboIds.items,
    target,
    targets: targetIds.items.map(({ members, ports: p }) => ({ members, ports: p })),
    open: (c, t, strict) => targetIds.items[t]!.ports.some((_, k) => classes.every((_, i) => !(strict ? verdictOf(c, t, k, i).blocksStrict : verdictOf(c, t, k, i).blocks))),
    decisions(c, t, k) {
      const list = classes.flatMap((_, i) => verdictOf(c, t, k, i).list);
      return list.some((d) => d.layer === 'network') ? list : [DEFAULT_NETWORK, ...list];
    },
    pairs: (n - 1) * ports.reduce((s, p) => s + p.length, 0),
  };
}
