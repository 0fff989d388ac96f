// Parse benchmark: ~5 MB of Deployment + Service + NetworkPolicy YAML generated in memory,
// read by the reference path (yaml parseAllDocuments + toJS) and the fast path (js-yaml,
// lines on demand), and the same objects as one JSON List. Prints MB/s, median of 3.
// Usage: npm run build && node bench/parse.mjs [megabytes]
import { stringify } from 'yaml';
import { parseFile } from '../dist/ingest/parse.js';

const target = Number(process.argv[2] ?? 5) * 1e6;

function manifests(i) {
  const ns = `team-${i % 40}`;
  const name = `svc-${i}`;
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns, labels: { app: name, tier: i % 3 ? 'backend' : 'frontend' }, annotations: { 'lateral.dev/owner': `owner-${i % 7}` } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name, version: 'v1' } },
          spec: {
            serviceAccountName: `${name}-sa`,
            containers: [
              {
                name: 'app',
                image: `registry.example/${name}:1.${i % 10}.0`,
                ports: [{ containerPort: 8080, protocol: 'TCP' }, { containerPort: 9090, name: 'metrics' }],
                env: [{ name: 'DB_HOST', value: `db.${ns}.svc` }, { name: 'LOG_LEVEL', value: 'info' }, { name: 'ENABLED', value: 'yes' }],
                resources: { limits: { cpu: '500m', memory: '256Mi' } },
                command: ['/bin/sh', '-c', `exec /app --port 8080 --name ${name}`],
              },
            ],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', name: 'http' }] } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `${name}-ingress`, namespace: ns },
      spec: {
        podSelector: { matchLabels: { app: name } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: `svc-${(i + 1) % 500}` } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': `team-${(i + 3) % 40}` } } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
      },
    },
  ];
}

const objects = [];
const parts = [];
let size = 0;
for (let i = 0; size < target; i++) {
  for (const m of manifests(i)) {
    const text = stringify(m);
    objects.push(m);
    parts.push(text);
    size += text.length + 4;
  }
}
const yamlText = parts.join('---\n');
const jsonText = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2);

function median(f) {
  const times = [];
  let result;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    result = f();
    times.push(performance.now() - start);
  }
  return { ms: times.sort((a, b) => a - b)[1], result };
}

function report(label, text, file, options) {
  const { ms, result } = median(() => parseFile(file, text, options));
  if (result.problems.length) throw new Error(`${label}: ${result.problems[0].message}`);
  const mb = text.length / 1e6;
  console.log(`${label.padEnd(34)} ${mb.toFixed(1)} MB  ${(ms / 1000).toFixed(2)} s  ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s  (${result.docs.length} documents)`);
  return result;
}

console.log(`${objects.length} manifests, median of 3 runs`);
report('YAML, reference (yaml)', yamlText, 'bench.yaml', { reference: true });
const fast = report('YAML, fast (js-yaml)', yamlText, 'bench.yaml');
report('JSON List in .yaml, reference', jsonText, 'bench.yaml', { reference: true });
report('JSON List in .yaml, fast', jsonText, 'bench.yaml');
report('JSON List in .json', jsonText, 'bench.json');
// What one problem costs later: the line of a path in the last document of the file.
const last = fast.docs[fast.docs.length - 1];
const start = performance.now();
const line = last.lineOf(['spec', 'ingress', 0, 'ports', 0, 'port']);
console.log(`first line number asked in that file: ${((performance.now() - start) / 1000).toFixed(2)} s (line ${line})`);
