/**
 * A hop part is one decision engine of a network hop (HOP_DECIDERS, one side of a
 * NetworkPolicy) seen through endpoint classes. Its policies attach to one side, the
 * anchor (the destination for ingress rules, the source for egress); of the other side it
 * reads only features — the peer selectors, principals or rules that match it. Two anchors
 * with the same key and two other sides with the same features relevant to that anchor get
 * the same decisions, so each is decided once, by the engine itself, on a representative.
 */
import type { PortSpec, Workload } from '../../model/model.js';
import type { PolicyContext } from '../../policy/context.js';
import type { Decision } from '../../policy/decision.js';
import type { HopRequest } from '../../policy/hop.js';

export interface HopPart {
  id: string;
  anchor: 'src' | 'dst';
  decide(ctx: PolicyContext, req: HopRequest): Decision[];
  view(ctx: PolicyContext): PartView;
}

export interface PartView {
  /** Of the anchor (a destination with its port, or a source, whose port is ignored): equal keys, equal reading. */
  anchorKey(w: Workload, port: PortSpec): string;
  /** Feature ids of the other side that decisions for this anchor read. */
  relevant(w: Workload, port: PortSpec): readonly number[];
  /** What the part reads of the other side: the feature ids it has and a key for everything else. */
  features(w: Workload, port: PortSpec): { ids: readonly number[]; rest: string };
}

/** Interns feature descriptions (a peer, a rule, a principal pattern) as small integers. */
export class FeatureIds<T> {
  private readonly ids = new Map<T, number>();
  id(f: T): number {
    let id = this.ids.get(f);
    if (id === undefined) this.ids.set(f, (id = this.ids.size));
    return id;
  }
  get size(): number {
    return this.ids.size;
  }
}

/** The names a workload gives to one port and protocol: a NetworkPolicy can name ports. */
export function portNames(w: Workload, port: PortSpec): string {
  return w.ports
    .filter((p) => p.port === port.port && p.protocol === port.protocol && p.name)
    .map((p) => p.name)
    .join(',');
}
