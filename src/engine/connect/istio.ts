import type { AuthorizationPolicy } from '../../model/k8s.js';
import type { Workload } from '../../model/model.js';
import { applicablePolicies, decideIstio, DEFAULT_ROOT_NAMESPACE, mtlsMode, principalOf, protocolFor, sidecarInjected } from '../../policy/istio/index.js';
import { namespaceOf, stringMatch } from '../../policy/istio/match.js';
import { FeatureIds, type HopPart } from './part.js';

type Kind = 'principal' | 'namespace';

/**
 * Istio attaches to the destination's sidecar: the policies that apply to it, its mTLS
 * mode and protocol per port. Of a client it reads whether it has a sidecar and which
 * principal and namespace patterns of those policies its principal matches.
 */
export const istioPart: HopPart = {
  id: 'istio',
  anchor: 'dst',
  decide: decideIstio,
  view(ctx) {
    const root = ctx.options.istioRootNamespace ?? DEFAULT_ROOT_NAMESPACE;
    const ids = new FeatureIds<string>();
    const exact = new Map<string, number>();
    const wild: { id: number; kind: Kind; pattern: string }[] = [];
    const feature = (kind: Kind, pattern: string): number => {
      const key = `${kind}\u0000${pattern}`;
      const known = ids.size;
      const id = ids.id(key);
      if (id === known) {
        if (pattern.startsWith('*') || pattern.endsWith('*')) wild.push({ id, kind, pattern });
        else exact.set(key, id);
      }
      return id;
    };
    const patterns = (p: AuthorizationPolicy): number[] =>
      (p.rules ?? []).flatMap((rule) => [
        ...(rule.from ?? []).flatMap(({ source: s }) => [
          ...[...(s?.principals ?? []), ...(s?.notPrincipals ?? [])].map((x) => feature('principal', x)),
          ...[...(s?.namespaces ?? []), ...(s?.notNamespaces ?? [])].map((x) => feature('namespace', x)),
        ]),
        ...(rule.when ?? []).flatMap((w) => {
          const kind: Kind | undefined = w.key === 'source.principal' ? 'principal' : w.key === 'source.namespace' ? 'namespace' : undefined;
          return kind ? [...(w.values ?? []), ...(w.notValues ?? [])].map((x) => feature(kind, x)) : [];
        }),
      ]);
    const byPolicy = new Map(ctx.model.k8s.authorizationPolicies.map((p) => [p, patterns(p)]));
    const byPrincipal = new Map<string, number[]>();
    const matching = (principal: string): number[] => {
      let found = byPrincipal.get(principal);
      if (!found) {
        const value: Record<Kind, string | undefined> = { principal, namespace: namespaceOf(principal) };
        const hits = wild.filter((f) => value[f.kind] !== undefined && stringMatch(f.pattern, value[f.kind]!)).map((f) => f.id);
        for (const kind of ['principal', 'namespace'] as const) {
          const id = value[kind] !== undefined ? exact.get(`${kind}\u0000${value[kind]}`) : undefined;
          if (id !== undefined) hits.push(id);
        }
        found = hits.sort((a, b) => a - b);
        byPrincipal.set(principal, found);
      }
      return found;
    };
    return {
      anchorKey(w, port) {
        if (!sidecarInjected(ctx, w)) return 'none';
        const mtls = mtlsMode(ctx, w, port.port, root);
        const policies = applicablePolicies(ctx, w, root).map((p) => `${p.namespace}/${p.name}`);
        return `${policies.join('\u0000')}|${mtls.mode}/${mtls.policy}/${mtls.version ?? ''}|${protocolFor(ctx, w, port.port) ?? ''}|${port.port}/${port.protocol}`;
      },
      relevant: (w) => (sidecarInjected(ctx, w) ? applicablePolicies(ctx, w, root).flatMap((p) => byPolicy.get(p) ?? []) : []),
      features(w: Workload) {
        if (!sidecarInjected(ctx, w)) return { ids: [], rest: 'no-sidecar' };
        const principal = principalOf(ctx, w);
        return principal === undefined ? { ids: [], rest: 'sidecar' } : { ids: matching(principal), rest: 'sidecar|principal' };
      },
    };
  },
};
