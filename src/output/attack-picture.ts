/**
 * The attack paths of a game day as one inline SVG, laid out at build time with dagre (left to
 * right: entries first, crown jewels last), so the report needs no JavaScript to show it.
 * Nodes are coloured by tier and shaped by kind; traversed hops are solid, blocked hops dashed
 * and labelled with the blocking layer; nodes a defender's response cut are marked.
 */
import dagre from '@dagrejs/dagre';
import type { ScenarioReport } from '../gameday/report.js';
import { escapeHtml as esc } from './html.js';

interface PicNode {
  id: string;
  kind: string;
  tier?: number;
  entry: boolean;
  cut: boolean;
}
interface PicEdge {
  from: string;
  to: string;
  label: string;
  blocked: boolean;
}

const short = (s: string, n = 26) => (s.length <= n ? s : `${s.slice(0, 12)}…${s.slice(-(n - 13))}`);
const WIDTH = 190;
const HEIGHT = 40;

function collect(scenarios: readonly ScenarioReport[]): { nodes: Map<string, PicNode>; edges: Map<string, PicEdge> } {
  const nodes = new Map<string, PicNode>();
  const edges = new Map<string, PicEdge>();
  const node = (id: string, patch: Partial<PicNode> = {}) => {
    const n = nodes.get(id) ?? { id, kind: 'node', entry: false, cut: false };
    nodes.set(id, { ...n, ...patch, entry: n.entry || patch.entry === true, cut: n.cut || patch.cut === true });
  };
  for (const s of scenarios) {
    node(s.entry, { entry: true });
    for (const p of s.paths) {
      node(p.target, { tier: 0 });
      for (const h of p.hops) {
        node(h.from);
        node(h.to);
        edges.set(`${h.from}\u0000${h.to}`, { from: h.from, to: h.to, label: h.kind, blocked: false });
      }
    }
    for (const b of s.blocked) {
      node(b.target, { tier: 0 });
      for (const h of b.cut) {
        node(h.from);
        node(h.to);
        const key = `${h.from}\u0000${h.to}`;
        if (!edges.has(key)) edges.set(key, { from: h.from, to: h.to, label: `blocked: ${b.layers.join(', ')}`, blocked: true });
      }
    }
    for (const c of s.containment?.cut ?? []) if (nodes.has(c)) node(c, { cut: true });
  }
  return { nodes, edges };
}

/** `kinds` and `tiers` give what the report knows of each node (from the graph). */
export function attackPicture(scenarios: readonly ScenarioReport[], kinds: ReadonlyMap<string, string>, tiers: ReadonlyMap<string, number>): string {
  const { nodes, edges } = collect(scenarios);
  if (nodes.size === 0) return '<p>No attack path to draw.</p>';
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const sorted = [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const n of sorted) g.setNode(n.id, { width: WIDTH, height: HEIGHT });
  for (const e of [...edges.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1))) g.setEdge(e.from, e.to, { label: e.label, width: 60, height: 14, labelpos: 'c' });
  dagre.layout(g);
  const { width = 0, height = 0 } = g.graph();
  const parts: string[] = [];
  for (const e of g.edges()) {
    const d = g.edge(e) as { points: { x: number; y: number }[]; x: number; y: number };
    const pic = edges.get(`${e.v}\u0000${e.w}`)!;
    const path = d.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    parts.push(`<path class="edge${pic.blocked ? ' blocked' : ''}" d="${path}" marker-end="url(#arrow${pic.blocked ? '-blocked' : ''})"/>`);
    parts.push(`<text class="edge-label${pic.blocked ? ' blocked' : ''}" x="${d.x.toFixed(1)}" y="${(d.y + 4).toFixed(1)}" text-anchor="middle">${esc(pic.label)}</text>`);
  }
  for (const n of sorted) {
    const d = g.node(n.id) as { x: number; y: number };
    const kind = kinds.get(n.id) ?? n.kind;
    const tier = tiers.get(n.id) ?? n.tier;
    const x = d.x - WIDTH / 2;
    const y = d.y - HEIGHT / 2;
    const cls = `node tier-${tier ?? 'none'}${n.entry ? ' entry' : ''}${n.cut ? ' cut' : ''}`;
    const shape =
      kind === 'identity'
        ? `<rect class="${cls}" x="${x}" y="${y}" width="${WIDTH}" height="${HEIGHT}" rx="20"/>`
        : kind === 'pipeline'
          ? `<polygon class="${cls}" points="${x + 14},${y} ${x + WIDTH - 14},${y} ${x + WIDTH},${d.y} ${x + WIDTH - 14},${y + HEIGHT} ${x + 14},${y + HEIGHT} ${x},${d.y}"/>`
          : kind === 'secret' || kind === 'resource'
            ? `<rect class="${cls}" x="${x}" y="${y}" width="${WIDTH}" height="${HEIGHT}" rx="4" ry="12"/>`
            : `<rect class="${cls}" x="${x}" y="${y}" width="${WIDTH}" height="${HEIGHT}" rx="3"/>`;
    parts.push(`<g><title>${esc(`${n.id} (${kind}${tier !== undefined ? `, tier ${tier}` : ''}${n.entry ? ', entry' : ''}${n.cut ? ', cut by the response' : ''})`)}</title>${shape}<text class="node-label" x="${d.x}" y="${d.y + 4}" text-anchor="middle">${n.cut ? '✂ ' : ''}${esc(short(n.id))}</text></g>`);
  }
  const defs = `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker><marker id="arrow-blocked" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow blocked"/></marker></defs>`;
  return `<svg class="attack-picture" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" width="${Math.ceil(width)}" role="img" aria-label="attack paths from entries (left) to crown jewels (right)">${defs}${parts.join('')}</svg>`;
}
