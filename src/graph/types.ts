import type { MultiDirectedGraph } from 'graphology';
import type { Decision } from '../policy/decision.js';
import type { Credential, Protocol, Tier } from '../model/model.js';

export const NODE_KINDS = ['workload', 'identity', 'resource', 'secret', 'pipeline', 'network'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const EDGE_KINDS = ['connect', 'runs-as', 'assume', 'grant', 'escalate', 'read-secret', 'exec', 'deploy', 'modify'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface NodeAttrs {
  kind: NodeKind;
  name: string;
  /** Finer type: Deployment, aws-role, bucket, human, … */
  type: string;
  namespace?: string;
  owner?: string;
  tier?: Tier;
  /** set when the tier is a default one (src/tiers): why the node is in it */
  tierReason?: string;
  labels?: Record<string, string>;
  /** identities: a short-lived token (TTL) or a static key (age) */
  credential?: Credential;
  source?: { file: string; doc: number };
}

export interface EdgeAttrs {
  kind: EdgeKind;
  rule: string;
  technique: string;
  /** One sentence naming the binding or policy that makes the edge exist. */
  reason: string;
  decisions: Decision[];
  /** Minutes an attacker needs for the hop. */
  cost: number;
  port?: number;
  protocol?: Protocol;
  actions?: string[];
  /** connect edges: the destination is exploitable, so reaching it gives control of it */
  pivot?: boolean;
}

export type LateralGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;
