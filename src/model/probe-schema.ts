/**
 * Probe files: the contract every input format keeps.
 *   { from, to, port, protocol?, expect: allow|deny }    one network hop through every layer
 *   { from, action, resource, expect: allow|deny }       one grant decision
 *   { from, to, reach: true|false }                      multi-hop reachability
 */
import { z } from 'zod';

export const probeSchema = z
  .strictObject({
    name: z.string().optional(),
    from: z.string().min(1),
    to: z.string().min(1).optional(),
    port: z.union([z.number().int().min(1).max(65535), z.string().min(1)]).optional(),
    protocol: z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase() : v), z.enum(['TCP', 'UDP', 'SCTP'])).optional(),
    method: z.string().optional(),
    path: z.string().optional(),
    action: z.string().min(1).optional(),
    resource: z.string().min(1).optional(),
    reach: z.boolean().optional(),
    expect: z.enum(['allow', 'deny', 'reach', 'no-reach']).optional(),
  })
  .superRefine((p, ctx) => {
    const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (p.action !== undefined || p.resource !== undefined) {
      if (p.action === undefined) fail('action', 'a grant probe needs an action');
      if (p.resource === undefined) fail('resource', 'a grant probe needs a resource');
      if (p.expect === 'reach' || p.expect === 'no-reach') fail('expect', 'a grant probe expects allow or deny');
      return;
    }
    if (p.to === undefined) fail('to', 'a probe needs `to` (or `action` and `resource`)');
    if (p.reach !== undefined || p.port === undefined) {
      if (p.expect === 'allow' || p.expect === 'deny') fail('expect', 'a reachability probe uses `reach: true|false` (or expect reach|no-reach)');
    } else if (p.expect === 'reach' || p.expect === 'no-reach') {
      fail('expect', 'a network-hop probe expects allow or deny');
    }
  });

export const probeFileSchema = z.strictObject({ probes: z.array(z.unknown()) });

export type Probe = z.infer<typeof probeSchema>;
