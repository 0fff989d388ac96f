import type { PodSecurity } from '../../model/k8s.js';
import type { Decision } from '../../policy/decision.js';
import type { Finding, Rule } from '../rule.js';

/** Host paths whose mount hands over the node: its root, kubelet and runtime state, credentials. */
const SENSITIVE = ['/', '/etc', '/root', '/home', '/var', '/var/lib', '/var/lib/kubelet', '/var/lib/kubelet/pods', '/etc/kubernetes', '/var/run', '/run', '/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/run/crio/crio.sock', '/var/run/crio/crio.sock', '/proc', '/dev', '/var/log', '/var/lib/docker', '/var/lib/containerd'];
const ESCAPE_CAPABILITIES = ['SYS_ADMIN', 'SYS_MODULE', 'DAC_READ_SEARCH', 'ALL'];

/**
 * How a pod's settings let code in it take over its node (Bad Pods, KubeHound's container
 * escapes): privileged, a sensitive hostPath, a kernel-level capability, or SYS_PTRACE with
 * hostPID escape outright. hostPID, hostIPC or hostNetwork alone, or another hostPath, expose
 * other pods' secrets only in some setups: conditional.
 */
export function escape(s: PodSecurity): { verdict: 'allow' | 'conditional'; why: string } | undefined {
  const sure: string[] = [];
  if (s.privileged) sure.push('privileged');
  for (const p of s.hostPaths) if (SENSITIVE.includes(p.replace(/\/+$/, '') || '/')) sure.push(`hostPath ${p}`);
  for (const c of s.capabilities) if (ESCAPE_CAPABILITIES.includes(c)) sure.push(`capability ${c}`);
  if (s.hostPID && s.capabilities.includes('SYS_PTRACE')) sure.push('hostPID with SYS_PTRACE');
  if (sure.length) return { verdict: 'allow', why: sure.join(', ') };
  const maybe: string[] = [];
  if (s.hostPID) maybe.push('hostPID (other pods’ processes, environment and open files)');
  if (s.hostIPC) maybe.push('hostIPC (shared memory of the host)');
  if (s.hostNetwork) maybe.push('hostNetwork (node traffic and localhost-only services)');
  for (const p of s.hostPaths) if (!SENSITIVE.includes(p.replace(/\/+$/, '') || '/')) maybe.push(`hostPath ${p}`);
  return maybe.length ? { verdict: 'conditional', why: maybe.join(', ') } : undefined;
}

export const rule: Rule = {
  id: 'k8s-node-escape',
  title: 'Escapes to the node',
  edgeKind: 'escalate',
  technique: 'T1611',
  description: 'A pod that can escape its container owns its node, and with it the service-account tokens of every pod on that node. Without node placement in the inputs, all pods share one node.',
  remediation: 'Enforce the Pod Security "restricted" (at least "baseline") standard; run host agents on dedicated nodes; drop capabilities.',
  cost: 20,
  find(model) {
    const out: Finding[] = [];
    const node = (id: string) => model.k8s.workloads.get(id)?.node ?? '(the cluster’s nodes)';
    const onNode = new Map<string, string[]>();
    for (const w of model.workloads) {
      if (!model.k8s.workloads.has(w.id)) continue;
      onNode.set(node(w.id), [...(onNode.get(node(w.id)) ?? []), ...w.identities]);
    }
    for (const w of model.workloads) {
      const info = model.k8s.workloads.get(w.id);
      const e = info && escape(info.security);
      if (!e) continue;
      const where = node(w.id);
      for (const sa of [...new Set(onNode.get(where) ?? [])].sort()) {
        if (w.identities.includes(sa)) continue;
        const decision: Decision = {
          layer: 'identity',
          decision: e.verdict,
          policy: w.id,
          reason: e.verdict === 'allow' ? `${w.id} escapes to ${where} (${e.why}) and reads the tokens of its pods` : `${w.id} may reach other pods on ${where} through ${e.why}: depends on the node and runtime`,
        };
        out.push({ from: w.id, to: sa, reason: `${w.id} escapes to ${where} and takes ${sa}`, decisions: [decision] });
      }
    }
    return out;
  },
};
