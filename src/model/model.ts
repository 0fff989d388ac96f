/**
 * The normalized model every ingest format produces and every rule reads. Ingest fills it;
 * rules never parse files, and nothing here builds graph edges.
 */
import type { PathSegment } from '../ingest/parse.js';
import type { NativePolicies } from './native.js';
import { emptyAws, type AwsModel } from './aws.js';
import { emptyK8s, type K8sModel } from './k8s.js';
import { emptyCi, type CiModel, type CiPipeline } from './ci.js';

export type Tier = 0 | 1 | 2;
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type Mode = 'enforce' | 'observe';

/** Where an object came from: file, document index, path; the line is computed on demand. */
export interface Source {
  file: string;
  doc: number;
  path: PathSegment[];
  line?: number;
  /** The resource address in a Terraform plan or state, which names the object where a line does not. */
  address?: string;
}

export interface PortSpec {
  port: number;
  name?: string;
  protocol: Protocol;
}

/** Per-layer default-deny: a destination is isolated in a layer when it or its namespace says so. */
export type Isolation = Partial<Record<'network' | 'mesh', Mode>>;

export interface Namespace {
  name: string;
  labels: Record<string, string>;
  isolation: Isolation;
  owner?: string;
  tier?: Tier;
  /** every workload in it is exploitable unless it says otherwise (`lateral.dev/exploitable`) */
  exploitable?: boolean;
  source?: Source;
}

export interface Workload {
  id: string;
  name: string;
  namespace: string;
  /** Deployment, StatefulSet, … for Kubernetes; `workload` for native objects. */
  kind: string;
  labels: Record<string, string>;
  /** Identity node ids whose credential the workload holds (an automounted token, an instance role). */
  identities: string[];
  ports: PortSpec[];
  isolation: Isolation;
  /** A known-exploitable service: reaching it over the network gives control of it. */
  exploitable?: boolean;
  owner?: string;
  tier?: Tier;
  source?: Source;
}

export type Credential =
  | { type: 'short-lived'; ttlMinutes: number }
  | { type: 'static'; ageDays?: number };

export type IdentityKind = 'workload' | 'human' | 'pipeline' | 'cloud-role' | 'service-account' | 'aws-user' | 'aws-role' | 'aws-group' | 'aws-account' | 'ci-writers' | 'ci-action' | 'ci-secret';

export interface Identity {
  id: string;
  name: string;
  kind: IdentityKind;
  credential?: Credential;
  owner?: string;
  tier?: Tier;
  source?: Source;
}

export interface Resource {
  id: string;
  name: string;
  /** datastore, bucket, queue, secret, kms-key, … */
  type: string;
  namespace?: string;
  /** Identity ids whose credential this resource stores (a secret holding a static key). */
  holds: string[];
  owner?: string;
  tier?: Tier;
  source?: Source;
}

export interface Pipeline {
  id: string;
  name: string;
  /** Identity ids the pipeline runs with (OIDC federation, static keys in its secrets). */
  identities: string[];
  /** Workload ids the pipeline deploys into. */
  deploysTo: string[];
  /** Identity ids that may change the pipeline's definition. */
  modifiableBy: string[];
  /** A pipeline read from CI workflows: the runs it stands for (its edges come from src/rules/ci/). */
  ci?: CiPipeline;
  owner?: string;
  tier?: Tier;
  source?: Source;
}

export interface Model {
  namespaces: Namespace[];
  workloads: Workload[];
  identities: Identity[];
  resources: Resource[];
  pipelines: Pipeline[];
  native: NativePolicies;
  k8s: K8sModel;
  aws: AwsModel;
  ci: CiModel;
  /** Documents skipped (unknown kinds, formats not understood) and files no format reads, with the reason. */
  skipped: Skipped[];
}

export interface Skipped {
  file: string;
  /** The document's index in its file; absent when the whole file is skipped (no format reads it). */
  doc?: number;
  line?: number;
  kind?: string;
  /** What the summary on stderr groups it under. */
  cause: SkipCause;
  reason: string;
}

/** Why an input was not read: a kind lateral does not model, no format at all, a later definition, a file of another type, a scenario given as a topology, a policy absent from the export. */
export type SkipCause = 'unread-kind' | 'unrecognised' | 'defined-twice' | 'unread-file' | 'scenario' | 'missing-policy';

export function emptyModel(): Model {
  return {
    namespaces: [],
    workloads: [],
    identities: [],
    resources: [],
    pipelines: [],
    native: { policies: [], grants: [], trust: [], exceptions: [] },
    k8s: emptyK8s(),
    aws: emptyAws(),
    ci: emptyCi(),
    skipped: [],
  };
}
