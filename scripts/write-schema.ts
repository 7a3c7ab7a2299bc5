// Writes models/plant.schema.json from the TypeBox source (test/unit/model/schema-sync.test.ts
// fails when the committed file and the source drift apart). Run: npm run schema
import { writeFileSync } from 'node:fs';
import { plantJsonSchema } from '../src/model/schema';

const file = new URL('../models/plant.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(plantJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
