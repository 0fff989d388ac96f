import { nodeOf, type PodSecurity } from '../../model/k8s.js';
import type { Finding, Rule } from '../rule.js';

/** Host paths whose mount hands over the node: its root, kubelet and runtime state, credentials. */
const SENSITIVE = ['/', '/etc', '/root', '/home', '/var', '/var/lib', '/var/lib/kubelet', '/var/lib/kubelet/pods', '/etc/kubernetes', '/var/run', '/run', '/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/run/crio/crio.sock', '/var/run/crio/crio.sock', '/proc', '/dev', '/var/log', '/var/lib/docker', '/var/lib/containerd'];
/** Mounting anything below these hands over the node too (core_pattern, SSH keys, other pods' volumes). */
const SENSITIVE_TREES = ['/proc/', '/sys/', '/dev/', '/root/', '/etc/kubernetes/', '/var/lib/kubelet/', '/var/run/', '/run/'];
const ESCAPE_CAPABILITIES = ['SYS_ADMIN', 'SYS_MODULE', 'DAC_READ_SEARCH', 'ALL'];

/**
 * How a pod's settings let code in it take over its node (Bad Pods, KubeHound's container
 * escapes): privileged, a sensitive hostPath, a kernel-level capability, or SYS_PTRACE with
 * hostPID escape outright. hostPID, hostIPC or hostNetwork alone, or another hostPath, expose
 * other pods' secrets only in some setups: conditional.
 */
export function escape(s: PodSecurity): { verdict: 'allow' | 'conditional'; why: string } | undefined {
  const sensitive = (p: string) => {
    const path = p.replace(/\/+$/, '') || '/';
    return SENSITIVE.includes(path) || SENSITIVE_TREES.some((tree) => path.startsWith(tree));
  };
  const sure: string[] = [];
  if (s.privileged) sure.push('privileged');
  for (const p of s.hostPaths) if (sensitive(p)) sure.push(`hostPath ${p}`);
  for (const c of s.capabilities) if (ESCAPE_CAPABILITIES.includes(c)) sure.push(`capability ${c}`);
  if (s.hostPID && s.capabilities.includes('SYS_PTRACE')) sure.push('hostPID with SYS_PTRACE');
  if (sure.length) return { verdict: 'allow', why: sure.join(', ') };
  const maybe: string[] = [];
  if (s.hostPID) maybe.push('hostPID (other pods’ processes, environment and open files)');
  if (s.hostIPC) maybe.push('hostIPC (shared memory of the host)');
  if (s.hostNetwork) maybe.push('hostNetwork (node traffic and localhost-only services)');
  for (const p of s.hostPaths) if (!sensitive(p)) maybe.push(`hostPath ${p}`);
  return maybe.length ? { verdict: 'conditional', why: maybe.join(', ') } : undefined;
}

export const rule: Rule = {
  id: 'k8s-node-escape',
  title: 'Escapes to the node',
  edgeKind: 'escalate',
  technique: 'T1611',
  description: 'A pod that can break out of its container is root on its node. Without node placement in the inputs, all pods share one node standing for the cluster’s nodes.',
  remediation: 'Enforce the Pod Security "restricted" (at least "baseline") standard; run host agents on dedicated nodes; drop capabilities.',
  cost: 20,
  find(model) {
    const out: Finding[] = [];
    for (const w of model.workloads) {
      const info = model.k8s.workloads.get(w.id);
      const e = info && escape(info.security);
      if (!info || !e) continue;
      const node = `node:${nodeOf(info)}`;
      out.push({
        from: w.id,
        to: node,
        reason: `${w.id} escapes to ${node}`,
        decisions: [{ layer: 'identity', decision: e.verdict, policy: w.id, reason: e.verdict === 'allow' ? `${w.id} escapes to ${node}: ${e.why}` : `${w.id} may reach into ${node} through ${e.why}: depends on the node and runtime` }],
      });
    }
    return out;
  },
};
