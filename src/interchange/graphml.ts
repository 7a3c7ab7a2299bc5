// GraphML (http://graphml.graphdrawing.org/) of a graphology graph, for yEd and Cytoscape desktop:
// one <key> per attribute with its type (boolean, int, double or string, from the values), the
// graph's attributes as its data, and every node and edge. A mixed graph is written with
// edgedefault="undirected" and its directed edges marked directed="true" (what readers honour,
// graphology-graphml's parser among them). Attributes that are not scalars are left out.
import type { AbstractGraph } from 'graphology-types';

type Domain = 'graph' | 'node' | 'edge';
type Attributes = Record<string, unknown>;
type KeyType = 'boolean' | 'int' | 'double' | 'string';

/** Characters XML 1.0 cannot hold: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates. */
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The string without the characters XML 1.0 cannot hold (a parser would reject the file). */
export function xmlChars(s: string): string {
  return s.replace(NOT_XML, '');
}

/** Text for XML content and attribute values: markup characters escaped, characters XML cannot hold dropped. */
export function xmlText(s: string): string {
  return xmlChars(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function typeOf(v: unknown): KeyType | undefined {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) && Math.abs(v) <= 2147483647 ? 'int' : 'double') : undefined;
  if (typeof v === 'string') return 'string';
  return undefined;
}

/** The wider of two types an attribute takes (int and double make double; anything else with string makes string). */
function widen(a: KeyType | undefined, b: KeyType): KeyType {
  if (a === undefined || a === b) return b;
  if ((a === 'int' && b === 'double') || (a === 'double' && b === 'int')) return 'double';
  return 'string';
}

class Keys {
  private readonly types = new Map<string, KeyType>();
  private readonly ids = new Map<string, string>();
  constructor(readonly domain: Domain) {}
  see(attrs: Attributes): void {
    for (const [name, v] of Object.entries(attrs)) {
      const t = typeOf(v);
      if (t !== undefined) this.types.set(name, widen(this.types.get(name), t));
    }
  }
  /** Keys get ids of their own (d0, n1…): attribute names may hold anything. */
  declarations(next: () => string): string {
    let out = '';
    for (const [name, type] of this.types) {
      const id = next();
      this.ids.set(name, id);
      out += `  <key id="${id}" for="${this.domain}" attr.name="${xmlText(name)}" attr.type="${type}"/>\n`;
    }
    return out;
  }
  data(attrs: Attributes, indent: string): string {
    let out = '';
    for (const [name, v] of Object.entries(attrs)) {
      const id = this.ids.get(name);
      if (id === undefined || typeOf(v) === undefined) continue;
      out += `${indent}<data key="${id}">${xmlText(String(v))}</data>\n`;
    }
    return out;
  }
}

/** The graph as GraphML text. */
export function writeGraphml(g: AbstractGraph): string {
  const keys = { graph: new Keys('graph'), node: new Keys('node'), edge: new Keys('edge') };
  keys.graph.see(g.getAttributes());
  g.forEachNode((_, a) => keys.node.see(a));
  g.forEachEdge((_, a) => keys.edge.see(a));
  let n = 0;
  const next = () => `d${n++}`;
  const mixed = g.type === 'mixed';
  const edgedefault = g.type === 'directed' ? 'directed' : 'undirected';
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    keys.graph.declarations(next),
    keys.node.declarations(next),
    keys.edge.declarations(next),
    `  <graph id="G" edgedefault="${edgedefault}">\n`,
    keys.graph.data(g.getAttributes(), '    '),
  ];
  g.forEachNode((key, a) => {
    const data = keys.node.data(a, '      ');
    parts.push(data ? `    <node id="${xmlText(key)}">\n${data}    </node>\n` : `    <node id="${xmlText(key)}"/>\n`);
  });
  g.forEachEdge((key, a, source, target, _sa, _ta, undirected) => {
    const directed = mixed && !undirected ? ' directed="true"' : '';
    const data = keys.edge.data(a, '      ');
    const open = `    <edge id="${xmlText(key)}" source="${xmlText(source)}" target="${xmlText(target)}"${directed}`;
    parts.push(data ? `${open}>\n${data}    </edge>\n` : `${open}/>\n`);
  });
  parts.push('  </graph>\n</graphml>\n');
  return parts.join('');
}
