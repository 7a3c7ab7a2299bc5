// Models whose connections are held in columns: `model.connections` builds its records from the
// columns only when some code reads it; the compiler, findings and summaries read the columns.
import { PROTOCOLS, type Connection, type PlantModel, type Protocol } from '../schema';
import { connectionAt, connectionIdAt, F_PORT, hasField, type ConnectionColumns } from './columns';

interface Held {
  readonly cols: ConnectionColumns;
}
const held = new WeakMap<object, Held>();

/**
 * Makes `model.connections` a property that builds the records from the columns on first read
 * (then keeps them, frozen: models are immutable, edits make new models). Assigning the property
 * replaces it with a plain array and forgets the columns.
 */
export function holdConnections(model: PlantModel, cols: ConnectionColumns): void {
  let records: Connection[] | undefined;
  const target = model as unknown as Record<string, unknown>;
  held.set(model, { cols });
  Object.defineProperty(target, 'connections', {
    enumerable: true,
    configurable: true,
    get(): Connection[] {
      if (records === undefined) {
        const out: Connection[] = new Array(cols.count);
        for (let i = 0; i < cols.count; i++) out[i] = Object.freeze(connectionAt(cols, model, i));
        records = Object.freeze(out) as Connection[];
      }
      return records;
    },
    set(value: unknown) {
      held.delete(model);
      Object.defineProperty(target, 'connections', { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

/** The columns behind a model's connections, when the parser read them into columns. */
export function connectionColumns(model: PlantModel): ConnectionColumns | undefined {
  return held.get(model)?.cols;
}

/** Number of connections, without building the records. */
export function connectionCount(model: PlantModel): number {
  return connectionColumns(model)?.count ?? model.connections.length;
}

/** Read access to a model's connections by position that builds no records when columns back them. */
export interface ConnectionView {
  readonly count: number;
  id(i: number): string;
  from(i: number): string;
  to(i: number): string;
  protocol(i: number): Protocol;
  port(i: number): number | undefined;
  record(i: number): Connection;
}

export function connectionView(model: PlantModel): ConnectionView {
  const cols = connectionColumns(model);
  if (!cols) {
    const cs = model.connections;
    return {
      count: cs.length,
      id: (i) => cs[i]!.id,
      from: (i) => cs[i]!.from,
      to: (i) => cs[i]!.to,
      protocol: (i) => cs[i]!.protocol,
      port: (i) => cs[i]!.port,
      record: (i) => cs[i]!,
    };
  }
  return {
    count: cols.count,
    id: (i) => connectionIdAt(cols, i),
    from: (i) => model.assets[cols.from[i]!]!.id,
    to: (i) => model.assets[cols.to[i]!]!.id,
    protocol: (i) => PROTOCOLS[cols.protocol[i]!]!,
    port: (i) => (hasField(cols, i, F_PORT) ? cols.port[i] : undefined),
    record: (i) => connectionAt(cols, model, i),
  };
}
