// Where a position in the built bundle comes from: the Long Animation Frames API names a script by
// its URL and character position in the built file; with the build's source map (the bench builds
// with `sourcemap: true`) that is turned into the source file and line it was built from, so the
// bench can say which code a long task ran. A small decoder of the source map's base64 VLQ
// mappings (format: https://sourcemaps.info/spec.html), nothing more.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The base64 VLQ fields of one mapping segment. */
function decodeSegment(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

interface SourceMap {
  readonly sources: string[];
  readonly mappings: string;
}

/**
 * Resolves `file` (a built asset's name, as under `dist/assets/`) at character offset `position` to
 * `source:line`, or undefined without a map. Mappings are absolute across lines for the source
 * fields and reset per line for the generated column, as the format says.
 */
export function originalPosition(distAssets: string, file: string, position: number): string | undefined {
  const built = join(distAssets, file);
  if (!existsSync(built) || !existsSync(`${built}.map`)) return undefined;
  const code = readFileSync(built, 'utf8');
  const before = code.slice(0, position);
  const line = before.split('\n').length - 1;
  const column = position - (before.lastIndexOf('\n') + 1);
  const map = JSON.parse(readFileSync(`${built}.map`, 'utf8')) as SourceMap;
  let source = 0;
  let sourceLine = 0;
  let found: string | undefined;
  const lines = map.mappings.split(';');
  for (let l = 0; l <= line && l < lines.length; l++) {
    let col = 0;
    for (const seg of lines[l]!.split(',')) {
      if (!seg) continue;
      const f = decodeSegment(seg);
      col += f[0]!;
      if (f.length < 4) continue;
      source += f[1]!;
      sourceLine += f[2]!;
      if (l === line && col <= column) found = `${map.sources[source]!.replace(/^(\.\.\/)+/, '')}:${sourceLine + 1}`;
    }
  }
  return found;
}
