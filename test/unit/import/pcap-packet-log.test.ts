// The packet log (src/import/pcap/packet-log.ts): skips counted by reason, the first three of each
// described with where the packet is, warnings capped with the rest counted.
import { describe, expect, it } from 'vitest';
import { PacketLog } from '../../../src/import/pcap/packet-log';

describe('PacketLog', () => {
  it('counts every skip by reason and describes the first three of each reason', () => {
    const log = new PacketLog(100);
    for (let i = 1; i <= 5; i++) {
      log.at = { file: 'a.pcap', index: i, offset: 24 * i };
      log.skip('IP header cut', `cut ${i}`);
    }
    log.skip('link type 9');
    expect(log.skipped).toBe(6);
    expect([...log.skippedBy]).toEqual([['IP header cut', 5], ['link type 9', 1]]);
    expect(log.warnings).toEqual([
      'a.pcap: packet #1 at byte 24: cut 1',
      'a.pcap: packet #2 at byte 48: cut 2',
      'a.pcap: packet #3 at byte 72: cut 3',
      'a.pcap: packet #5 at byte 120: link type 9',
    ]);
  });

  it('keeps at most maxWarnings warnings and counts the others', () => {
    const log = new PacketLog(2);
    for (const w of ['one', 'two', 'three', 'four']) log.warn(w);
    expect(log.warnings).toEqual(['one', 'two']);
    expect(log.warningsDropped).toBe(2);
  });
});
