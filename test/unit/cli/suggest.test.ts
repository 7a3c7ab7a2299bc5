// "Did you mean …?": the closest word of a closed list, and error lines that name a closed list
// condensed — the guess on each line, every list once at the end — on the parser's real messages.
import { describe, expect, it } from 'vitest';
import { closest, condenseEnumErrors, editDistance } from '../../../src/cli/suggest';
import { formatError } from '../../../src/model/errors';
import { validateModel } from '../../../src/model/parse';
import { PROTOCOLS } from '../../../src/model/schema';
import { clone, tinyPlant } from '../../helpers/builders';

describe('closest', () => {
  it('finds the protocol meant, ignoring case and separators, by prefix, then by edit distance', () => {
    expect(closest('modbus', PROTOCOLS)).toBe('modbus-tcp');
    expect(closest('ModbusTCP', PROTOCOLS)).toBe('modbus-tcp');
    expect(closest('modbus_rtu', PROTOCOLS)).toBe('modbus-rtu');
    expect(closest('s7', PROTOCOLS)).toBe('s7comm');
    expect(closest('dnp', PROTOCOLS)).toBe('dnp3');
    expect(closest('opcua', PROTOCOLS)).toBe('opc-ua');
    expect(closest('htps', PROTOCOLS)).toBe('https');
    expect(closest('kerberso', PROTOCOLS)).toBe('kerberos');
    expect(closest('carrier-pigeon', PROTOCOLS)).toBeUndefined();
    expect(closest('', PROTOCOLS)).toBeUndefined();
  });

  it('measures optimal string alignment distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abcdef', 'x', 2)).toBe(3);
  });
});

describe('condenseEnumErrors', () => {
  it('turns the parser\'s errors into a guess per line and each list once', () => {
    const m = clone(tinyPlant());
    m.connections[0]!.protocol = 'modbus' as never;
    m.connections[1]!.protocol = 'htps' as never;
    m.connections[2]!.protocol = 'carrier-pigeon' as never;
    m.assets[0]!.kind = 'internett' as never;
    const r = validateModel(m);
    expect(r.kind).toBe('invalid');
    const raw = r.kind === 'invalid' ? r.errors.map((e) => `plant.json: ${formatError(e)}`) : [];
    // Before: the 44 protocols on every line.
    expect(raw.filter((l) => l.includes('modbus-tcp, modbus-rtu, s7comm'))).toHaveLength(3);
    const lines = condenseEnumErrors(raw);
    expect(lines).toEqual([
      'plant.json: assets[0](id=inet).kind: unknown kind "internett"; did you mean `internet`?',
      'plant.json: connections[0](id=c-1).protocol: unknown value "modbus"; did you mean `modbus-tcp`?',
      'plant.json: connections[1](id=c-2).protocol: unknown value "htps"; did you mean `https`?',
      'plant.json: connections[2](id=c-3).protocol: unknown value "carrier-pigeon" (not in the list below)',
      expect.stringMatching(/^kind is one of: sensor, actuator, .*, internet$/),
      `protocol is one of: ${PROTOCOLS.join(', ')}`,
    ]);
  });

  it('keeps what follows the list, and lines without a list, as they were', () => {
    expect(
      condenseEnumErrors([
        'c.csv row 5 (id=c-5), column "protocol": "modbuss" is not a protocol; expected one of modbus-tcp, modbus-rtu, other or a value listed in mapping.connections.protocols',
        'plant.yaml: zones[0](id=z).purdueLevel: unknown value 2.5; expected one of 0, 1, 2, 3, 3.5, 4, 5 (line 7, column 18)',
        'plant.json: connections[0](id=c-1).to: unknown asset "x"',
      ]),
    ).toEqual([
      'c.csv row 5 (id=c-5), column "protocol": "modbuss" is not a protocol; did you mean `modbus-tcp`? — or a value listed in mapping.connections.protocols',
      'plant.yaml: zones[0](id=z).purdueLevel: unknown value 2.5 (not in the list below) (line 7, column 18)',
      'plant.json: connections[0](id=c-1).to: unknown asset "x"',
      'protocol is one of: modbus-tcp, modbus-rtu, other',
      'purdueLevel is one of: 0, 1, 2, 3, 3.5, 4, 5',
    ]);
  });
});
