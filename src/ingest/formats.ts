/**
 * Input formats, tried in order on every parsed document. The first whose `detect` accepts
 * a document ingests it; a document no format accepts is skipped with a reason.
 */
import type { IngestContext } from './context.js';
import { finalizeAwsIam, ingestAwsIam, isAwsIam } from './aws-iam/index.js';
import { ingestNative, isNative } from './native/index.js';
import { applyNamespaceOverlays } from './native/overlay.js';
import { ingestKubernetes, isKubernetes } from './k8s/index.js';
import { finalizeKubernetes } from './k8s/pending.js';
import { finalizeWorkflows, ingestWorkflow, isWorkflow } from './github-actions/index.js';
import { ingestGitlabCi, isGitlabCi } from './gitlab-ci/index.js';
import { ingestTerraform, isTerraform } from './terraform/index.js';
import { ingestCloudFormation, isCloudFormation } from './cloudformation/index.js';
import { finalizeIac } from './iac/apply.js';
import type { ParsedDoc } from './parse.js';

export interface InputFormat {
  id: string;
  detect(value: unknown, doc: ParsedDoc): boolean;
  ingest(ctx: IngestContext, doc: ParsedDoc): void;
  /** Runs once every file is read, before references resolve. */
  finalize?(ctx: IngestContext): void;
}

export const FORMATS: readonly InputFormat[] = [
  { id: 'github-actions', detect: isWorkflow, ingest: ingestWorkflow, finalize: finalizeWorkflows },
  // Finalized with the GitHub workflows: one sidecar format names both.
  { id: 'gitlab-ci', detect: isGitlabCi, ingest: ingestGitlabCi },
  { id: 'native', detect: isNative, ingest: ingestNative, finalize: applyNamespaceOverlays },
  { id: 'kubernetes', detect: isKubernetes, ingest: ingestKubernetes, finalize: finalizeKubernetes },
  // IaC is built into the IAM model before the exports are: it replaces their objects.
  { id: 'terraform', detect: isTerraform, ingest: ingestTerraform, finalize: finalizeIac },
  // Finalized with Terraform: both are built by finalizeIac.
  { id: 'cloudformation', detect: isCloudFormation, ingest: ingestCloudFormation },
  { id: 'aws-iam', detect: isAwsIam, ingest: ingestAwsIam, finalize: finalizeAwsIam },
];
