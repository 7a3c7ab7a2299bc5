// GEXF 1.3 (https://gexf.net) of a graphology graph, for Gephi: written by graphology-gexf — `label`
// becomes the element's label, `color`/`size` its viz data, an edge's `weight` its weight, and every
// other attribute a declared, typed attribute.
import type { AbstractGraph } from 'graphology-types';
import { write } from 'graphology-gexf';
import { xmlChars } from './graphml';

/** The writer escapes markup but keeps characters XML 1.0 cannot hold: they go first. */
const clean = (v: unknown) => (typeof v === 'string' ? xmlChars(v) : v);

function cleaned(attrs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = clean(v);
  return out;
}

/** The graph as GEXF 1.3 text; strings lose the characters XML 1.0 cannot hold (C0 controls but tab, CR, LF; lone surrogates). */
export function writeGexf(g: AbstractGraph): string {
  const copy = g.copy();
  copy.replaceAttributes(cleaned(copy.getAttributes()));
  copy.updateEachNodeAttributes((_, a) => cleaned(a));
  copy.updateEachEdgeAttributes((_, a) => cleaned(a));
  return write(copy, { version: '1.3', pretty: true });
}
