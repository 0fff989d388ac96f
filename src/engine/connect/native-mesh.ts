import type { MeshRule } from '../../model/native.js';
import { decideNativeMesh } from '../../policy/native/mesh.js';
import { portsMatch, selects } from '../../policy/native/select.js';
import type { HopPart } from './part.js';

/** Native mesh rules attach to destinations; of a caller they read which rules name one of its identities. */
export const nativeMeshPart: HopPart = {
  id: 'native-mesh',
  anchor: 'dst',
  decide: decideNativeMesh,
  view(ctx) {
    const rules: MeshRule[] = [
      ...ctx.model.native.policies.filter((p) => p.layer === 'mesh').flatMap((p) => p.mesh),
      ...ctx.model.native.exceptions.flatMap((e) => (e.mesh ? [e.mesh] : [])),
    ];
    const toward = (w: Parameters<typeof selects>[1], port: { port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }) =>
      rules.flatMap((r, i) => (selects(r.to, w) && portsMatch(r.ports, port.port, port.protocol) ? [i] : []));
    return {
      anchorKey(w, port) {
        const isolation = w.isolation.mesh ?? ctx.namespace(w.namespace)?.isolation.mesh;
        const scope = isolation === undefined ? '' : w.isolation.mesh !== undefined ? w.id : `ns ${w.namespace}`;
        return `${toward(w, port).join(',')}|${isolation ?? ''}|${scope}`;
      },
      relevant: toward,
      features: (w) => ({ ids: rules.flatMap((r, i) => (r.fromAny || r.from.some((id) => w.identities.includes(id)) ? [i] : [])), rest: '' }),
    };
  },
};
