/**
 * The objects an RBAC rule asks about, indexed by namespace and name, so each subject visits
 * only those its scope can reach — in their original order, which keeps findings (and the
 * `#n` keys of same-endpoint edges) exactly as a full scan produces them.
 */
import type { Scope } from '../../policy/rbac/scope.js';

export interface Keys {
  /**
   * The namespace of the object's namespaced requests; undefined when all are cluster-scoped.
   * Only a ClusterRoleBinding grants a cluster-scoped request, and it lifts the namespace filter.
   */
  namespace?: string;
  /** The names its requests carry (none: only rules without resourceNames can grant them). */
  names: readonly string[];
}

export class Candidates<T> {
  private readonly byNamespace = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();
  private readonly keys: Keys[];

  constructor(
    private readonly items: readonly T[],
    keysOf: (item: T) => Keys,
  ) {
    this.keys = items.map(keysOf);
    const add = (m: Map<string, number[]>, k: string, i: number) => {
      const list = m.get(k);
      if (list) list.push(i);
      else m.set(k, [i]);
    };
    this.keys.forEach((k, i) => {
      if (k.namespace !== undefined) add(this.byNamespace, k.namespace, i);
      for (const n of new Set(k.names)) add(this.byName, n, i);
    });
  }

  /** The items a grant within `scope` may cover: a superset of those it does, in order. */
  within(scope: Scope): T[] {
    const { namespaces, names } = scope;
    if (scope.bound.length === 0) return [];
    if (!namespaces && !names) return [...this.items];
    let picked: number[];
    if (names) {
      const hit = new Set([...names].flatMap((n) => this.byName.get(n) ?? []));
      picked = [...hit].filter((i) => {
        const ns = this.keys[i]!.namespace;
        return !namespaces || (ns !== undefined && namespaces.has(ns));
      });
    } else {
      picked = [...namespaces!].flatMap((ns) => this.byNamespace.get(ns) ?? []);
    }
    return picked.sort((a, b) => a - b).map((i) => this.items[i]!);
  }
}
