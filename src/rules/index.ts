/** The attack-edge rules, in the order they run. Adding a technique: one file, one line here. */
import { rule as assume } from './assume.js';
import { rule as awsAccountAdmin } from './aws/account-admin.js';
import { rule as awsAddUserToGroup } from './aws/add-user-to-group.js';
import { rule as awsAdmin } from './aws/admin.js';
import { rule as awsAssumeRole } from './aws/assume-role.js';
import { rule as awsAttachGroupPolicy } from './aws/attach-group-policy.js';
import { rule as awsAttachRolePolicy } from './aws/attach-role-policy.js';
import { rule as awsAttachUserPolicy } from './aws/attach-user-policy.js';
import { rule as awsCreateAccessKey } from './aws/create-access-key.js';
import { rule as awsCreateLoginProfile } from './aws/create-login-profile.js';
import { rule as awsCreatePolicyVersion } from './aws/create-policy-version.js';
import { rule as awsCreateRole } from './aws/create-role.js';
import { rule as awsGlueUpdateDevEndpoint } from './aws/glue-update-dev-endpoint.js';
import { rule as awsGrant } from './aws/grant.js';
import { rule as awsLambdaUpdateFunctionCode } from './aws/lambda-update-function-code.js';
import { rule as awsPassRoleCloudformation } from './aws/pass-role-cloudformation.js';
import { rule as awsPassRoleCodebuild } from './aws/pass-role-codebuild.js';
import { rule as awsPassRoleDatapipeline } from './aws/pass-role-datapipeline.js';
import { rule as awsPassRoleEc2 } from './aws/pass-role-ec2.js';
import { rule as awsPassRoleEcs } from './aws/pass-role-ecs.js';
import { rule as awsPassRoleGlue } from './aws/pass-role-glue.js';
import { rule as awsPassRoleLambda } from './aws/pass-role-lambda.js';
import { rule as awsPassRoleSagemaker } from './aws/pass-role-sagemaker.js';
import { rule as awsPutGroupPolicy } from './aws/put-group-policy.js';
import { rule as awsPutRolePolicy } from './aws/put-role-policy.js';
import { rule as awsPutUserPolicy } from './aws/put-user-policy.js';
import { rule as awsSagemakerExistingNotebook } from './aws/sagemaker-existing-notebook.js';
import { rule as awsSetDefaultPolicyVersion } from './aws/set-default-policy-version.js';
import { rule as awsUpdateAssumeRolePolicy } from './aws/update-assume-role-policy.js';
import { rule as awsUpdateLoginProfile } from './aws/update-login-profile.js';
import { rule as awsCloudformationUpdateStack } from './aws/cloudformation-update-stack.js';
import { rule as awsSsmCommand } from './aws/ssm-command.js';
import { rule as awsEc2InstanceConnect } from './aws/ec2-instance-connect.js';
import { rule as awsPassRoleEc2Associate } from './aws/pass-role-ec2-associate.js';
import { rule as ciDeploy } from './ci/deploy.js';
import { rule as ciModify } from './ci/modify.js';
import { rule as ciOidcAssume } from './ci/oidc-assume.js';
import { rule as ciOwnBranch } from './ci/own-branch.js';
import { rule as ciStaticKeys } from './ci/static-keys.js';
import { rule as ciWriteBack } from './ci/write-back.js';
import { rule as ciWriters } from './ci/writers.js';
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
  ciModify, ciOwnBranch, ciWriters, ciOidcAssume, ciStaticKeys, ciDeploy, ciWriteBack,
  k8sSecretRead, k8sPodExec, k8sPodCreate, k8sImpersonate, k8sRoleBind, k8sNodeEscape, k8sNodeCredentials,
  awsAccountAdmin, awsAddUserToGroup, awsAdmin, awsAssumeRole, awsAttachGroupPolicy, awsAttachRolePolicy, awsAttachUserPolicy, awsCreateAccessKey, awsCreateLoginProfile, awsCreatePolicyVersion, awsCreateRole, awsGlueUpdateDevEndpoint, awsGrant, awsLambdaUpdateFunctionCode, awsPassRoleCloudformation, awsPassRoleCodebuild, awsPassRoleDatapipeline, awsPassRoleEc2, awsPassRoleEcs, awsPassRoleGlue, awsPassRoleLambda, awsPassRoleSagemaker, awsPutGroupPolicy, awsPutRolePolicy, awsPutUserPolicy, awsSagemakerExistingNotebook, awsSetDefaultPolicyVersion, awsUpdateAssumeRolePolicy, awsUpdateLoginProfile, awsCloudformationUpdateStack, awsSsmCommand, awsEc2InstanceConnect, awsPassRoleEc2Associate];

export type { Rule, Finding } from './rule.js';
