// From tables to summary (src/import/pcap/summary.ts): how a flow's protocol is decided from the
// header, its server port and the payload votes.
import { describe, expect, it } from 'vitest';
import type { CaptureProtocol } from '../../../src/import/pcap/protocols';
import { decideProtocol } from '../../../src/import/pcap/summary';

const flow = (portProto: CaptureProtocol | undefined, votes: [CaptureProtocol, number][] = [], fixed?: CaptureProtocol) => ({
  fixed,
  portProto,
  votes: votes.length > 0 ? new Map(votes) : undefined,
});

describe('decideProtocol', () => {
  it('takes a protocol named by a header field as is', () => {
    expect(decideProtocol(flow(undefined, [], 'goose'))).toEqual({ protocol: 'goose', recognizedBy: 'header' });
    expect(decideProtocol(flow(undefined, [], 'unknown'))).toEqual({ protocol: 'unknown', recognizedBy: 'none' });
  });

  it('confirms the port by the payload, else follows the payload, else the port', () => {
    expect(decideProtocol(flow('modbus-tcp', [['modbus-tcp', 3]]))).toEqual({ protocol: 'modbus-tcp', recognizedBy: 'port+payload' });
    expect(decideProtocol(flow('http', [['modbus-tcp', 3], ['tls', 1]]))).toEqual({ protocol: 'modbus-tcp', recognizedBy: 'payload' });
    expect(decideProtocol(flow('http'))).toEqual({ protocol: 'http', recognizedBy: 'port' });
    expect(decideProtocol(flow(undefined))).toEqual({ protocol: 'unknown', recognizedBy: 'none' });
  });

  it('lets the payload name the member of the ISO-TSAP family on tcp/102', () => {
    expect(decideProtocol(flow('iso-tsap', [['iso-tsap', 4], ['s7comm', 2]]))).toEqual({ protocol: 's7comm', recognizedBy: 'port+payload' });
    expect(decideProtocol(flow('iso-tsap', [['iso-tsap', 4]]))).toEqual({ protocol: 'iso-tsap', recognizedBy: 'port+payload' });
    expect(decideProtocol(flow(undefined, [['iso-tsap', 4], ['iec61850-mms', 1]]))).toEqual({ protocol: 'iec61850-mms', recognizedBy: 'payload' });
  });
});
