// The asset directory on the main thread: every asset's id, name, zone and kind, read from the
// flat columns the analysis worker sends (session/plant-view.ts), so that anything an answer names
// by id is shown by name and drawn in its zone — without the plant's records. The id index is built
// in slices (a 100k-asset plant's in about ten tasks of a few milliseconds), never in one long task;
// a scenario's directory is the plant's with the scenario's changes laid over it.
import { ASSET_KINDS, type AssetKind, type Zone } from '../model/schema';
import type { AssetDirectoryData, DirectoryPatch } from '../session/plant-view';

/** Ids indexed per slice while the directory is built. */
const SLICE = 10_000;

/** A task boundary: lets the page paint and answer input between slices of work. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

interface Entry {
  readonly name: string;
  readonly zone: string;
  readonly kind: AssetKind;
}

export class AssetDirectory {
  private constructor(
    private readonly data: AssetDirectoryData,
    private readonly zones: readonly Pick<Zone, 'id'>[],
    private readonly index: ReadonlyMap<string, number>,
    /** Assets a scenario adds or changes, over the plant's. */
    private readonly patch: ReadonlyMap<string, Entry>,
  ) {}

  /** The directory of `data` (zones: the outline's, which `data.zone` indexes), its index built in slices. */
  static async build(data: AssetDirectoryData, zones: readonly Pick<Zone, 'id'>[], pause: () => Promise<void> = nextTask): Promise<AssetDirectory> {
    const index = new Map<string, number>();
    let start = 0;
    for (let i = 0; i < data.count; i++) {
      if (i > 0 && i % SLICE === 0) await pause();
      const end = data.idEnds[i]!;
      index.set(data.ids.slice(start, end), i);
      start = end;
    }
    return new AssetDirectory(data, zones, index, new Map());
  }

  /** This directory with a scenario's changes (added assets, moved ones) laid over it. */
  withPatch(patch: DirectoryPatch): AssetDirectory {
    if (patch.length === 0) return this;
    return new AssetDirectory(this.data, this.zones, this.index, new Map(patch.map((p) => [p.id, { name: p.name, zone: p.zone, kind: p.kind }])));
  }

  /** Assets in the plant (a scenario's added ones included). */
  get size(): number {
    let added = 0;
    for (const id of this.patch.keys()) if (!this.index.has(id)) added++;
    return this.data.count + added;
  }

  has(id: string): boolean {
    return this.index.has(id) || this.patch.has(id);
  }

  name(id: string): string | undefined {
    const p = this.patch.get(id);
    if (p) return p.name;
    const i = this.index.get(id);
    return i === undefined ? undefined : this.nameAt(i);
  }

  /** The zone (id) the asset lies in. */
  zoneOf(id: string): string | undefined {
    const p = this.patch.get(id);
    if (p) return p.zone;
    const i = this.index.get(id);
    return i === undefined ? undefined : this.zones[this.data.zone[i]!]?.id;
  }

  kindOf(id: string): AssetKind | undefined {
    const p = this.patch.get(id);
    if (p) return p.kind;
    const i = this.index.get(id);
    return i === undefined ? undefined : ASSET_KINDS[this.data.kind[i]!];
  }

  /** The plant's assets in model order, `limit` at most (a scenario's added ones last): id and name. */
  list(limit = Infinity): { id: string; name: string }[] {
    const out: { id: string; name: string }[] = [];
    for (let i = 0; i < this.data.count && out.length < limit; i++) {
      const id = this.idAt(i);
      out.push({ id, name: this.name(id)! });
    }
    for (const [id, p] of this.patch) if (out.length < limit && !this.index.has(id)) out.push({ id, name: p.name });
    return out;
  }

  /**
   * The asset whose id is `text` (trimmed), else whose name is, else whose name is in another
   * case: one pass over the names, on a form's submit or a field's change, never per frame.
   */
  resolve(text: string): string | undefined {
    const t = text.trim();
    if (!t) return undefined;
    if (this.has(t)) return t;
    const lower = t.toLowerCase();
    let loose: string | undefined;
    for (const [id, p] of this.patch) {
      if (p.name === t) return id;
      if (!loose && p.name.toLowerCase() === lower) loose = id;
    }
    const { names, nameEnds, count } = this.data;
    // Names as long as the text only: most of the plant is skipped without a string made.
    let start = 0;
    for (let i = 0; i < count; i++) {
      const end = nameEnds[i]!;
      if (end - start === t.length) {
        const name = names.slice(start, end);
        if (name === t) return this.idAt(i);
        if (!loose && name.toLowerCase() === lower) loose = this.idAt(i);
      }
      start = end;
    }
    return loose;
  }

  private idAt(i: number): string {
    return this.data.ids.slice(i === 0 ? 0 : this.data.idEnds[i - 1]!, this.data.idEnds[i]!);
  }

  private nameAt(i: number): string {
    return this.data.names.slice(i === 0 ? 0 : this.data.nameEnds[i - 1]!, this.data.nameEnds[i]!);
  }
}
