import { existingComputeMethod } from './method.js';

export const rule = existingComputeMethod({
  id: 'aws-glue-update-dev-endpoint',
  title: 'glue:UpdateDevEndpoint on existing compute',
  technique: 'T1078.004',
  description: "Adding an SSH key to a development endpoint that runs as a role gives a shell with the role's credentials.",
  remediation: 'Scope glue:UpdateDevEndpoint to named resources whose roles grant no more than the caller has.',
  cost: 15,
  service: 'glue.amazonaws.com',
  resource: 'Glue dev endpoint',
  actions: [['glue:UpdateDevEndpoint']],
});
