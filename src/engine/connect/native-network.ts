import type { NetworkRule } from '../../model/native.js';
import { decideNativeNetwork } from '../../policy/native/network.js';
import { portsMatch, selects } from '../../policy/native/select.js';
import type { HopPart } from './part.js';

/** Native network rules attach to destinations; of a source they read which `from` selectors match it. */
export const nativeNetworkPart: HopPart = {
  id: 'native-network',
  anchor: 'dst',
  decide: decideNativeNetwork,
  view(ctx) {
    const rules: NetworkRule[] = [
      ...ctx.model.native.policies.filter((p) => p.layer === 'network').flatMap((p) => p.network),
      ...ctx.model.native.exceptions.flatMap((e) => (e.network ? [e.network] : [])),
    ];
    const toward = (w: Parameters<typeof selects>[1], port: { port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }) =>
      rules.flatMap((r, i) => (selects(r.to, w) && portsMatch(r.ports, port.port, port.protocol) ? [i] : []));
    return {
      anchorKey(w, port) {
        const isolation = w.isolation.network ?? ctx.namespace(w.namespace)?.isolation.network;
        const scope = isolation === undefined ? '' : w.isolation.network !== undefined ? w.id : `ns ${w.namespace}`;
        return `${toward(w, port).join(',')}|${isolation ?? ''}|${scope}`;
      },
      relevant: toward,
      features: (w) => ({ ids: rules.flatMap((r, i) => (selects(r.from, w) ? [i] : [])), rest: '' }),
    };
  },
};
