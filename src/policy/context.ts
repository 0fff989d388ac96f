import type { Model, Namespace, Workload } from '../model/model.js';
import type { NativeException } from '../model/native.js';

export interface PolicyOptions {
  /** Evaluation date (YYYY-MM-DD): exceptions whose `expires` is before it grant nothing. */
  at: string;
  /** Istio's root namespace, whose selector-less policies apply mesh-wide (default istio-system). */
  istioRootNamespace?: string;
  /** Kubernetes version whose default ClusterRoles RBAC bindings may refer to (default: the latest encoded). */
  k8sVersion?: string;
}

/**
 * What decision engines share while a model is evaluated: lookups and per-engine indexes
 * built once (selectors compiled, CIDRs parsed) rather than per request.
 */
export class PolicyContext {
  private readonly namespaces: Map<string, Namespace>;
  private readonly workloads: Map<string, Workload>;
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly model: Model,
    readonly options: PolicyOptions,
  ) {
    this.namespaces = new Map(model.namespaces.map((n) => [n.name, n]));
    this.workloads = new Map(model.workloads.map((w) => [w.id, w]));
  }

  namespace(name: string): Namespace | undefined {
    return this.namespaces.get(name);
  }

  workload(id: string): Workload | undefined {
    return this.workloads.get(id);
  }

  /**
   * Why an exception grants nothing at the evaluation date, if it does not: it is in force
   * from `created` (when given) through `expires`, both days included.
   */
  inactive(e: NativeException): string | undefined {
    if (e.created !== undefined && this.options.at < e.created) return `not in force until ${e.created}`;
    if (e.expires < this.options.at) return `expired ${e.expires}`;
    return undefined;
  }

  /** Builds an engine's index once per context. */
  memo<T>(key: string, build: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, build());
    return this.memos.get(key) as T;
  }
}

/** Today's date in UTC as YYYY-MM-DD, the default evaluation date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
