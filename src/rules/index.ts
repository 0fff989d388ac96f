/** The attack-edge rules, in the order they run. Adding a technique: one file, one line here. */
import { rule as assume } from './assume.js';
import { rule as connect } from './connect.js';
import { rule as deploy } from './deploy.js';
import { rule as grant } from './grant.js';
import { rule as modify } from './modify.js';
import { rule as mountsSecret } from './mounts-secret.js';
import { rule as pipelineCredentials } from './pipeline-credentials.js';
import { rule as readSecret } from './read-secret.js';
import { rule as k8sImpersonate } from './k8s/impersonate.js';
import { rule as k8sNodeCredentials } from './k8s/node-credentials.js';
import { rule as k8sNodeEscape } from './k8s/node-escape.js';
import { rule as k8sPodCreate } from './k8s/pod-create.js';
import { rule as k8sPodExec } from './k8s/pod-exec.js';
import { rule as k8sRoleBind } from './k8s/role-bind.js';
import { rule as k8sSecretRead } from './k8s/secret-read.js';
import type { Rule } from './rule.js';
import { rule as runsAs } from './runs-as.js';
import { rule as storedCredential } from './stored-credential.js';

export const RULES: readonly Rule[] = [connect, runsAs, storedCredential, mountsSecret, grant, readSecret, assume, pipelineCredentials, deploy, modify,
  k8sSecretRead, k8sPodExec, k8sPodCreate, k8sImpersonate, k8sRoleBind, k8sNodeEscape, k8sNodeCredentials];

export type { Rule, Finding } from './rule.js';
