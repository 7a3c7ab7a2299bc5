// Connections held in typed columns, and the scanner that reads them from model text. One module
// per job: columns.ts (storage, records), model-columns.ts (models that hold columns), scanner.ts
// (text → columns), ids.ts (id hashing and tables), resolve.ts (references), scan-service.ts (the
// helper thread of a two-thread parse).
export * from './columns';
export * from './model-columns';
export * from './scanner';
export * from './ids';
export * from './resolve';
export * from './scan-service';
