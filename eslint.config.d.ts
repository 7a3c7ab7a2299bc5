// Types of eslint.config.js for the TypeScript that reads its layer table (test/unit/architecture).
/** The folders of src/ and, for each, the folders it may import (besides itself). */
export declare const LAYERS: Readonly<Record<string, readonly string[]>>;
declare const config: unknown;
export default config;
