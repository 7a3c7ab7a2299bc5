// Cell values → model values (src/import/csv/cells.ts), each on its own; importCsv puts the row and
// column around the answer (csv.test.ts).
import { describe, expect, it } from 'vitest';
import { listCell, parseAmount, parseBool, parseDirection, parseKind, parseLevel, parseProtocol, parseService } from '../../../src/import/csv/cells';
import type { AssetKind, Protocol } from '../../../src/model/schema';

/** What `parse` makes of each raw value, in order. */
const answers = <T>(parse: (raw: string) => T, raws: readonly string[]): T[] => raws.map((raw) => parse(raw));

describe('parseLevel', () => {
  it('reads a level as a number, L3, level 3 or a DMZ word', () => {
    expect(answers(parseLevel, ['3', 'L3', 'level 3', 'Level3', '0', '3.5', 'DMZ', ' idmz ', 'industrial DMZ'])).toEqual([3, 3, 3, 3, 0, 3.5, 3.5, 3.5, 3.5]);
  });

  it('reads nothing else', () => {
    expect(answers(parseLevel, ['6', '2.5', '', 'constructor'])).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('parseBool', () => {
  it('reads yes, y, x, 1, true as true and no, 0, an empty cell as false, ignoring case and spaces', () => {
    expect(answers(parseBool, ['yes', 'Y', 'x', '1', 'TRUE', ' no ', '0', ''])).toEqual([true, true, true, true, true, false, false, false]);
    expect(answers(parseBool, ['maybe', '__proto__'])).toEqual([undefined, undefined]);
  });
});

describe('parseAmount', () => {
  it('reads non-negative decimals with spaces or underscores between digits', () => {
    expect(answers(parseAmount, ['12 500', '1_000', '3.25', ' 7 '])).toEqual([12500, 1000, 3.25, 7]);
    expect(answers(parseAmount, ['-1', '1e3', '.5', ''])).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('parseDirection', () => {
  it('reads the words for one-way and both', () => {
    expect(answers(parseDirection, ['one-way', 'uni', 'unidirectional', 'both', 'bi', 'two-way'])).toEqual(['one-way', 'one-way', 'one-way', 'both', 'both', 'both']);
    expect(answers(parseDirection, ['x', 'constructor'])).toEqual([undefined, undefined]);
  });
});

describe('parseKind and parseProtocol', () => {
  const kinds = new Map<string, AssetKind>([['siemens plc', 'plc']]);
  const protocols = new Map<string, Protocol>([['modbus', 'modbus-tcp']]);

  it('take the mapping\'s value first, ignoring case', () => {
    expect(parseKind('Siemens PLC', kinds)).toBe('plc');
    expect(parseProtocol('MODBUS', protocols)).toBe('modbus-tcp');
  });

  it('else read the model\'s own name with spaces, underscores (and slashes for protocols) as dashes', () => {
    expect(parseKind('Protocol Gateway', kinds)).toBe('protocol-gateway');
    expect(parseKind('scada_server', kinds)).toBe('scada-server');
    expect(parseProtocol('Modbus TCP', protocols)).toBe('modbus-tcp');
    expect(parseProtocol('modbus/tcp', protocols)).toBe('modbus-tcp');
    expect(parseProtocol('opc ua', protocols)).toBe('opc-ua');
  });

  it('find nothing for other values, Object.prototype\'s names included', () => {
    expect(parseKind('gizmo', kinds)).toBeUndefined();
    expect(parseKind('constructor', kinds)).toBeUndefined();
    expect(parseProtocol('__proto__', protocols)).toBeUndefined();
  });
});

describe('listCell', () => {
  it('splits on ; , | and, where items hold no spaces, on whitespace', () => {
    expect(listCell('a; b,c | d e', true)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(listCell('line 1; line 2', false)).toEqual(['line 1', 'line 2']);
    expect(listCell(' ;, ', true)).toEqual([]);
  });
});

describe('parseService', () => {
  it('reads protocol[:port][/transport], ignoring case', () => {
    expect(parseService('s7comm')).toEqual({ protocol: 's7comm' });
    expect(parseService('s7comm:102')).toEqual({ protocol: 's7comm', port: 102 });
    expect(parseService('S7COMM:102/TCP')).toEqual({ protocol: 's7comm', port: 102, transport: 'tcp' });
  });

  it('says what is wrong otherwise', () => {
    expect(parseService('s7comm:x')).toBe('"s7comm:x" is not a service; write protocol[:port][/transport], e.g. s7comm:102/tcp');
    expect(parseService('foo')).toMatch(/^"foo" is not a protocol; expected one of modbus-tcp, /);
    expect(parseService('s7comm:70000')).toBe('port 70000 in "s7comm:70000" is not a port number (0-65535)');
    expect(parseService('s7comm:102/xyz')).toBe('transport "xyz" in "s7comm:102/xyz" is not one of tcp, udp, l2, serial, physical');
  });
});
