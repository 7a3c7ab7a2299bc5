// The published JSON Schema is generated from the TypeBox source and must match the committed
// file; an independent validator (Ajv) must agree with our parser on the sample plants.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../src/model/parse';
import { plantJsonSchema } from '../../../src/model/schema';
import { tinyPlant } from '../../helpers/builders';

const committed = JSON.parse(readFileSync('models/plant.schema.json', 'utf8')) as unknown;

describe('models/plant.schema.json', () => {
  it('is exactly what the TypeBox source generates (run `npm run schema` after changing the model)', () => {
    expect(committed).toEqual(plantJsonSchema());
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(committed as object);

  it.each(['models/reference-plant.json', 'models/water-treatment.json'])('accepts %s, as our parser does', (file) => {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validateModel(doc).kind).toBe('ok');
  });

  it('rejects the shape errors our parser rejects', () => {
    const cases: ((d: Record<string, unknown> & ReturnType<typeof tinyPlant>) => void)[] = [
      (d) => ((d.assets[0] as unknown as Record<string, unknown>).kind = 'mainframe'),
      (d) => (d.connections[0]!.likelihood = 1.5),
      (d) => (d.connections[0]!.likelihood = 0),
      (d) => ((d.zones[0] as unknown as Record<string, unknown>).purdueLevel = 2.5),
      (d) => ((d.assets[0] as unknown as Record<string, unknown>).color = 'red'),
      (d) => delete (d.plant as unknown as Record<string, unknown>).name,
    ];
    for (const breakIt of cases) {
      const d = tinyPlant() as ReturnType<typeof tinyPlant> & Record<string, unknown>;
      breakIt(d);
      expect(validate(d)).toBe(false);
      expect(validateModel(d).kind).toBe('invalid');
    }
  });
});
