// Progress on stderr: a line redrawn in place when stderr is a terminal, at most every 100 ms, cleared
// at the end, labels escaped; nothing at all when it is not.
import { describe, expect, it } from 'vitest';
import { progressFor, progressLine } from '../../../src/io/node/progress';
import { terminalIo } from '../../../src/io/node/terminal';

function io(columns: number | undefined) {
  const err: string[] = [];
  return { err, io: terminalIo({ out: () => {}, err: (s) => err.push(s), errColumns: () => columns }) };
}

describe('progress', () => {
  it('draws on a terminal: phase, throttled updates, the last one always, then clears the line', () => {
    const t = io(100);
    let now = 0;
    const p = progressFor(t.io, () => now);
    p.phase('writing big.json');
    p.update(10, 100, 'records');
    now = 150;
    p.update(20, 100, 'records');
    now = 160;
    p.update(30, 100, 'records'); // within 100 ms: not drawn
    p.update(100, 100, 'records'); // the end: drawn
    p.done();
    expect(t.err).toEqual([
      '\r\x1b[2Kwriting big.json…',
      '\r\x1b[2Kwriting big.json [#####-------------------] 20% 20/100 records',
      '\r\x1b[2Kwriting big.json [########################] 100% 100/100 records',
      '\r\x1b[2K',
    ]);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const t = io(undefined);
    const p = progressFor(t.io);
    p.phase('simulating');
    p.update(5, 10);
    p.done();
    expect(t.err).toEqual([]);
  });

  it('escapes labels and cuts lines to the terminal width', () => {
    const t = io(30);
    progressFor(t.io).phase('reading evil\x1b]0;pwned\x07.pcap');
    expect(t.err[0]).toBe('\r\x1b[2Kreading evil\\x1b]0;pwned\\x07.');
    expect(progressLine('x', 5, undefined, 'MiB', 80)).toBe('x… 5 MiB');
    expect(progressLine('label', 1, 3, '', 12)).toBe('label [####');
  });
});
