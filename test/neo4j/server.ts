// The Neo4j server the integration tests use: started by `npm run neo4j:start` (CI: .ci/run).
export const NEO4J = {
  uri: process.env.TWINPATH_NEO4J_URI ?? `bolt://127.0.0.1:${process.env.TWINPATH_NEO4J_PORT ?? 7687}`,
  user: process.env.TWINPATH_NEO4J_USER ?? 'neo4j',
  password: process.env.TWINPATH_NEO4J_PASSWORD ?? 'twinpath-dev',
} as const;
