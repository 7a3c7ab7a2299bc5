// The CLI's one way of reading an input file (src/io/node/read.ts): regular files only, checked on
// the opened descriptor; the size limit enforced while reading, not only from stat; errno codes as
// one-line messages; strict UTF-8 with the first bad byte located.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, errnoError, FileError, invalidUtf8Offset, readFileBytes, readFileChunks, readTextFile } from '../../../src/io/node/read';
import { readModelFile } from '../../../src/io/node/files';

const dir = mkdtempSync(join(tmpdir(), 'twinpath-read-'));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function failure(p: Promise<unknown>): Promise<FileError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FileError);
    return e as FileError;
  }
  throw new Error('expected a FileError');
}

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(c);
  return Buffer.concat(parts);
}

const zero = join(dir, 'zero');
symlinkSync('/dev/zero', zero);
const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const sub = join(dir, 'sub.json');
mkdirSync(sub);

describe('readFileBytes: the size limit', () => {
  it('reads a file of exactly the limit and refuses one byte more', async () => {
    const p = file('fifty.txt', 'x'.repeat(50));
    expect((await readFileBytes(p, { limit: 50 })).length).toBe(50);
    const e = await failure(readFileBytes(p, { limit: 49 }));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toBe(`${p}: the file is 50 bytes; the limit is 49 bytes`);
  });

  it('holds while reading, whatever fstat said: a /proc file reports size 0 but has more', async () => {
    // /proc/self/maps is a regular file whose st_size is 0: only the read-time check can stop it.
    const p = '/proc/self/maps';
    const e = await failure(readFileBytes(p, { limit: 16 }));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toBe(`${p}: the file is larger than the limit of 16 bytes`);
    // With room enough the whole content comes, past the 0 that fstat said.
    expect((await readFileBytes('/proc/self/status', { limit: 1 << 20 })).toString()).toMatch(/^Name:/);
  }, 10_000);

  it('grows its buffer past the first guess for files larger than 64 KiB', async () => {
    const big = Buffer.alloc(300_000, 'ab');
    const p = file('big.bin', big);
    expect((await readFileBytes(p, { limit: 300_000 })).equals(big)).toBe(true);
    expect((await failure(readFileBytes(p, { limit: 299_999 }))).code).toBe('TOO_LARGE');
  });

  it('refuses a symlink to /dev/zero by its kind, with any limit, before reading', async () => {
    for (const limit of [10, 1 << 30]) {
      const e = await failure(readFileBytes(zero, { limit }));
      expect(e.code).toBe('NOT_REGULAR');
      expect(e.message).toBe(`${zero}: not a regular file (a character device behind a symbolic link)`);
    }
  });
});

describe('readFileBytes: what is not a regular file', () => {
  it('a directory, a FIFO (without hanging: the open does not wait for a writer), /dev/null', async () => {
    expect((await failure(readFileBytes(sub))).message).toBe(`${sub}: is a directory, not a regular file`);
    expect((await failure(readFileBytes(fifo))).message).toBe(`${fifo}: not a regular file (a named pipe)`);
    expect((await failure(readFileBytes('/dev/null'))).message).toBe('/dev/null: not a regular file (a character device)');
    // The capture reader streams, but checks the same way first.
    expect((await failure(collect(readFileChunks(fifo)))).code).toBe('NOT_REGULAR');
    expect((await failure(collect(readFileChunks(zero)))).code).toBe('NOT_REGULAR');
  }, 10_000);

  it('errno codes become one-line messages: ENOENT, ENOTDIR, ELOOP', async () => {
    const missing = join(dir, 'missing.json');
    expect((await failure(readFileBytes(missing))).message).toBe(`cannot read ${missing}: ENOENT (no such file or directory)`);
    const under = join(file('plain.txt', 'x'), 'child');
    expect((await failure(readFileBytes(under))).message).toBe(`cannot read ${under}: ENOTDIR (a part of the path is not a directory)`);
    const loop = join(dir, 'loop');
    symlinkSync(loop, loop);
    expect((await failure(readFileBytes(loop))).message).toBe(`cannot read ${loop}: ELOOP (too many levels of symbolic links)`);
    expect((await failure(readTextFile(missing, { what: 'knowledge base' }))).message).toBe(`cannot read knowledge base ${missing}: ENOENT (no such file or directory)`);
  });

  it('EACCES: a file without read permission is one line (the real case runs as an unprivileged user in files.test.ts)', () => {
    const p = file('secret.json', '{}');
    const e = Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
    expect(errnoError(e, p)).toMatchObject({ code: 'EACCES', message: `cannot read ${p}: EACCES (permission denied)` });
  });

  it('readFileChunks gives the whole file in chunks', async () => {
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
    const p = file('chunks.bin', data);
    const parts: Buffer[] = [];
    for await (const c of readFileChunks(p, { chunkSize: 4096 })) parts.push(c);
    expect(parts.map((c) => c.length)).toEqual([4096, 4096, 1808]);
    expect(Buffer.concat(parts).equals(data)).toBe(true);
  });
});

describe('strict UTF-8', () => {
  it('names the byte, line and column of the first invalid sequence', async () => {
    const p = file('bad.json', Buffer.concat([Buffer.from('{\n  "name": "Müll'), Buffer.from([0xff]), Buffer.from('"\n}')]));
    const e = await failure(readTextFile(p));
    expect(e.code).toBe('INVALID_UTF8');
    // Byte 18, 0-based: "{\n" is 2 bytes, `  "name": "` 11, "Müll" 5; column 16 counts ü as one character.
    expect(e.message).toBe(`${p}: invalid UTF-8 at byte 18 (line 2, column 16)`);
  });

  it('rejects encoded surrogates, overlong forms, code points past U+10FFFF and cut sequences', () => {
    const cases: [number[], number][] = [
      [[0x61, 0xed, 0xa0, 0x80], 1], // U+D800 encoded
      [[0xc0, 0xaf], 0], // overlong '/'
      [[0xe0, 0x80, 0xaf], 0], // overlong
      [[0xf4, 0x90, 0x80, 0x80], 0], // U+110000
      [[0x61, 0x62, 0xe2, 0x82], 2], // cut at the end
      [[0x80], 0], // lone continuation byte
    ];
    for (const [bytes, at] of cases) {
      expect(invalidUtf8Offset(Uint8Array.from(bytes))).toBe(at);
      expect(() => decodeUtf8(Uint8Array.from(bytes), 'x')).toThrow(`x: invalid UTF-8 at byte ${at} (line 1, column ${at + 1})`);
    }
    expect(decodeUtf8(Buffer.from('a€😀'), 'x')).toBe('a€😀');
  });

  it('agrees with TextDecoder on arbitrary bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        let ok = true;
        try {
          strict.decode(bytes);
        } catch {
          ok = false;
        }
        expect(invalidUtf8Offset(bytes) === -1).toBe(ok);
        // The prefix before the reported byte is well formed.
        const at = invalidUtf8Offset(bytes);
        if (at >= 0) expect(() => strict.decode(bytes.subarray(0, at))).not.toThrow();
      }),
      { numRuns: 5000 },
    );
  });

  it('drops a leading byte-order mark from a model; the lenient mode keeps it (CSV)', async () => {
    const text = readFileSync('models/water-treatment.json', 'utf8');
    const p = file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(await readTextFile(p)).toBe(text);
    expect((await readModelFile(p)).kind).toBe('ok');
    expect((await readTextFile(p, { fatal: false })).charCodeAt(0)).toBe(0xfeff);
  });
});

describe('readModelFile', () => {
  it('turns every read failure into a model error; the limit is injectable', async () => {
    const p = 'models/water-treatment.json';
    expect(existsSync(p)).toBe(true);
    expect(await readModelFile(p, { limit: 100 })).toEqual({ kind: 'invalid', errors: [{ path: '', message: expect.stringMatching(/^the file is [\d.,]+ (bytes|MiB); the limit is 100 bytes$/) }] });
    expect(await readModelFile(zero, { limit: 100 })).toEqual({ kind: 'invalid', errors: [{ path: '', message: 'not a regular file (a character device behind a symbolic link)' }] });
    expect(await readModelFile(sub)).toEqual({ kind: 'invalid', errors: [{ path: '', message: 'is a directory, not a regular file' }] });
    expect(await readModelFile(join(dir, 'nope.json'))).toEqual({ kind: 'invalid', errors: [{ path: '', message: 'cannot read the file: ENOENT (no such file or directory)' }] });
  });

  it('gives display-safe errors: a model cannot put control characters or line breaks in them', async () => {
    const model = JSON.parse(readFileSync('models/water-treatment.json', 'utf8')) as { assets: { id: string; zone: string }[] };
    model.assets[0]!.id = 'x\x1b]0;pwned\x07\nforged: line\u202e';
    model.assets[0]!.zone = 'z\x1b[2J\u009b';
    const r = await readModelFile(file('evil.json', JSON.stringify(model)));
    expect(r.kind).toBe('invalid');
    const all = r.kind === 'invalid' ? r.errors.map((e) => `${e.path}: ${e.message}`).join('\n') : '';
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(all).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(all.split('\n').some((l) => l.startsWith('forged'))).toBe(false);
    expect(all).toContain('(id=x\\x1b]0;pwned\\x07\\nforged: line\\u202e)');
  });
});
