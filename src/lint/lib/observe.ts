/** What the inputs hold in observe mode: evaluated and logged, never enforced. */
import type { Model, Source } from '../../model/model.js';
import type { PathSegment } from '../../ingest/parse.js';
import { k8sId } from './objects.js';

export interface Observed {
  /** the finding's object, also the key of LintContext.observedSince */
  object: string;
  /** `mesh policy`, `mesh default-deny of namespace checkout`… */
  what: string;
  source?: Source;
  /** path, in its document, of the value that sets observe mode (the line whose history dates it) */
  modePath?: PathSegment[];
}

/**
 * Native policies with `mode: observe`, Istio AuthorizationPolicies with
 * `istio.io/dry-run: "true"`, and native namespaces and workloads whose default-deny is
 * `observe` in some layer.
 */
export function observedObjects(model: Model): Observed[] {
  const out: Observed[] = [];
  const under = (s: Source | undefined, ...rest: PathSegment[]) => (s ? { source: s, modePath: [...s.path, ...rest] } : {});
  for (const p of model.native.policies) if (p.mode === 'observe') out.push({ object: `policy/${p.name}`, what: `${p.layer} policy ${p.name}`, ...under(p.source, 'mode') });
  for (const p of model.k8s.authorizationPolicies) if (p.dryRun) out.push({ object: k8sId('AuthorizationPolicy', p.namespace, p.name), what: `dry-run AuthorizationPolicy ${p.namespace}/${p.name}`, ...under(p.source, 'metadata', 'annotations', 'istio.io/dry-run') });
  for (const ns of model.namespaces) {
    const layers = (['network', 'mesh'] as const).filter((l) => ns.isolation[l] === 'observe');
    if (layers.length) out.push({ object: `namespace/${ns.name}`, what: `${layers.join(' and ')} default-deny of namespace ${ns.name}`, ...under(ns.source, 'defaultDeny') });
  }
  for (const w of model.workloads) {
    const layers = (['network', 'mesh'] as const).filter((l) => w.isolation[l] === 'observe');
    if (layers.length) out.push({ object: w.id, what: `${layers.join(' and ')} default-deny of workload ${w.id}`, ...under(w.source, 'defaultDeny') });
  }
  return out;
}
