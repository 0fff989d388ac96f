/** Normalized native-format policies: the network and mesh layers, grants, trust and exceptions. */
import type { Mode, Protocol, Source } from './model.js';

/** Selects workloads: every given field must match; an empty selector selects every workload. */
export interface WorkloadSelector {
  namespace?: string;
  labels?: Record<string, string>;
  /** A workload id (`namespace/name`). */
  workload?: string;
}

export interface PortRange {
  port: number;
  endPort?: number;
  protocol: Protocol;
}

export interface NetworkRule {
  action: 'allow' | 'deny';
  from: WorkloadSelector;
  to: WorkloadSelector;
  /** Empty: every port. */
  ports: PortRange[];
}

export interface MeshRule {
  action: 'allow' | 'deny';
  /** Identity ids allowed to call; empty with `fromAny` unset means nobody. */
  from: string[];
  /** True when the rule names no identities: every caller, including ones without identity. */
  fromAny: boolean;
  to: WorkloadSelector;
  ports: PortRange[];
  methods: string[];
  paths: string[];
}

export interface NativePolicy {
  name: string;
  layer: 'network' | 'mesh';
  mode: Mode;
  version?: string;
  network: NetworkRule[];
  mesh: MeshRule[];
  source?: Source;
}

export interface Grant {
  identity: string;
  resource: string;
  actions: string[];
  source?: Source;
}

export interface Trust {
  identity: string;
  mayAssume: string;
  source?: Source;
}

/** A temporary allow: it grants nothing once `expires` is before the evaluation date. */
export interface NativeException {
  name: string;
  owner: string;
  reason: string;
  /** ISO date (YYYY-MM-DD). */
  expires: string;
  created?: string;
  layer: 'network' | 'mesh' | 'grant';
  network?: NetworkRule;
  mesh?: MeshRule;
  grant?: Grant;
  source?: Source;
}

export interface NativePolicies {
  policies: NativePolicy[];
  grants: Grant[];
  trust: Trust[];
  exceptions: NativeException[];
}
