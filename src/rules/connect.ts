import { decideHop } from '../policy/hop.js';
import type { PortSpec, Workload } from '../model/model.js';
import type { Finding, Rule } from './rule.js';

/** The one sentence a connect hop gives as its reason, per pair or through classes. */
export function connectReason(src: Workload, dst: Workload, p: PortSpec): string {
  return `${src.id} may open ${p.port}/${p.protocol}${p.name ? ` (${p.name})` : ''} on ${dst.id}`;
}

/**
 * Every workload may try every port of every other workload; the layers decide. Reaching a
 * service does not mean controlling it: only an `exploitable` destination yields a foothold.
 * The graph holds these hops by endpoint class (src/engine/connect); `find` lists them per
 * pair, for small inputs and as the definition the classes are tested against.
 */
export const rule: Rule = {
  id: 'connect',
  title: 'Network hop to a service port',
  edgeKind: 'connect',
  technique: 'T1210',
  description: 'Code running in one workload opens a connection to a port of another and exploits or abuses the service behind it.',
  remediation: 'Make the destination default-deny in the network and mesh layers and allow only the callers it needs, by workload identity.',
  cost: 30,
  grouped: true,
  find(model, ctx) {
    const out: Finding[] = [];
    for (const src of model.workloads) {
      for (const dst of model.workloads) {
        if (src.id === dst.id) continue;
        for (const p of dst.ports) {
          const decisions = decideHop(ctx, { from: { workload: src }, to: { workload: dst }, port: p.port, protocol: p.protocol });
          out.push({
            from: src.id,
            to: dst.id,
            port: p.port,
            protocol: p.protocol,
            reason: connectReason(src, dst, p),
            decisions,
            ...(dst.exploitable ? { pivot: true } : {}),
          });
        }
      }
    }
    return out;
  },
};
