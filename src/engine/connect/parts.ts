/** The hop parts in the order decideHop composes their engines (HOP_DECIDERS, egress before ingress). */
import { istioPart } from './istio.js';
import { nativeMeshPart } from './native-mesh.js';
import { nativeNetworkPart } from './native-network.js';
import { networkPolicyEgressPart, networkPolicyIngressPart } from './network-policy.js';
import type { HopPart } from './part.js';

export const HOP_PARTS: readonly HopPart[] = [nativeNetworkPart, networkPolicyEgressPart, networkPolicyIngressPart, nativeMeshPart, istioPart];
