// How the import dialog writes sizes, counts and times, how many table rows it renders, and how it
// tells a worker's refusal from a result.
import type { Invalid } from '../../session/import-session';

export const num = (n: number) => n.toLocaleString('en');
export const time = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? '?' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
export const isInvalid = (x: object): x is Invalid => 'kind' in x && (x as { kind: unknown }).kind === 'invalid';
/** Rows of a table rendered; the rest are counted. */
export const SHOW = 300;
