// zlib streams work incrementally: output comes as input arrives (before end), flush() kinds, finishFlush, params(),
// 1-byte chunks, multi-member gzip, truncated and corrupt streams with zlib's codes, brotli flush, info: true,
// backpressure through pipeline. Compressed bytes may differ from Node's zlib build; what they decompress to may not.
const zlib = require('zlib');
const { pipeline, Readable, Writable } = require('stream');
const log = (...args) => console.log(...args);
let seed = 7;
const words = ['auth0', 'hook', 'token', 'rule', 'user', 'login', 'client', 'tenant', 'grant', 'scope'];
let text = '';
while (text.length < 60000) { seed = (seed * 1103515245 + 12345) % 2147483648; text += words[seed % 10] + (seed % 7) + ' '; }
const packed = zlib.gzipSync(text);

// Writes the chunks one per turn, then ends; resolves with the output or the error.
function feed(stream, chunks, ending = true) {
  return new Promise((resolve) => {
    const out = [];
    let i = 0;
    stream.on('data', (c) => out.push(c));
    stream.on('error', (e) => resolve({ error: e }));
    stream.on('end', () => resolve({ out: Buffer.concat(out) }));
    const next = () => {
      if (i < chunks.length) { stream.write(chunks[i++]); setImmediate(next); } else if (ending) stream.end();
    };
    next();
  });
}
const bytesOf = (buf) => Array.from(buf).map((b) => Buffer.from([b]));
const describe = (r) => r.error ? ['error', r.error.code, r.error.errno, r.error.message].join(' ') : 'ok ' + r.out.length;

setTimeout(async () => {
  log('-- output before end');
  await new Promise((resolve) => {
    // The first half of the input must give output before the rest is written and the stream ended.
    const gunzip = zlib.createGunzip();
    let received = 0;
    let ended = false;
    const finish = () => {
      if (ended) return;
      ended = true;
      log('after half the input', received > 0, received < text.length);
      gunzip.end(packed.subarray(packed.length >> 1));
    };
    const fallback = setTimeout(finish, 3000);
    gunzip.on('data', (c) => { received += c.length; if (!ended) { clearTimeout(fallback); setImmediate(finish); } });
    gunzip.on('end', () => { log('at end', received === text.length); resolve(); });
    gunzip.write(packed.subarray(0, packed.length >> 1));
  });
  await new Promise((resolve) => {
    const gzip = zlib.createGzip();
    const out = [];
    gzip.on('data', (c) => out.push(c));
    gzip.write('first part; ');
    gzip.flush(() => {
      const partial = zlib.gunzipSync(Buffer.concat(out), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString();
      log('gzip flush()', JSON.stringify(partial));
      gzip.write('second part');
      gzip.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        log('Z_SYNC_FLUSH', JSON.stringify(zlib.gunzipSync(Buffer.concat(out), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString()));
        gzip.end();
      });
    });
    gzip.on('end', () => { log('gzip whole', zlib.gunzipSync(Buffer.concat(out)).toString(), gzip.bytesWritten); resolve(); });
  });
  await new Promise((resolve) => {
    const deflate = zlib.createDeflateRaw();
    const out = [];
    deflate.on('data', (c) => out.push(c));
    deflate.write('raw ');
    deflate.flush(zlib.constants.Z_FULL_FLUSH, () => {
      log('raw Z_FULL_FLUSH', zlib.inflateRawSync(Buffer.concat(out), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString());
      deflate.end('done');
    });
    deflate.on('end', () => { log('raw whole', zlib.inflateRawSync(Buffer.concat(out)).toString()); resolve(); });
  });
  await new Promise((resolve) => {
    const br = zlib.createBrotliCompress();
    const out = [];
    br.on('data', (c) => out.push(c));
    br.write('brotli says hi');
    br.flush(() => {
      log('brotli flush()', zlib.brotliDecompressSync(Buffer.concat(out), { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }).toString());
      br.end();
    });
    br.on('end', () => { log('brotli whole', zlib.brotliDecompressSync(Buffer.concat(out)).toString()); resolve(); });
  });

  log('-- chunks of one byte');
  const small = zlib.gzipSync('one byte at a time');
  log('gunzip', describe(await feed(zlib.createGunzip(), bytesOf(small))));
  log('inflate', (await feed(zlib.createInflate(), bytesOf(zlib.deflateSync('zlib wrapped')))).out.toString());
  log('inflateRaw', (await feed(zlib.createInflateRaw(), bytesOf(zlib.deflateRawSync('raw bytes')))).out.toString());
  log('unzip gzip', (await feed(zlib.createUnzip(), bytesOf(small))).out.toString());
  log('unzip zlib', (await feed(zlib.createUnzip(), bytesOf(zlib.deflateSync('via unzip')))).out.toString());
  log('brotli', (await feed(zlib.createBrotliDecompress(), bytesOf(zlib.brotliCompressSync('brotli bytes')))).out.toString());
  const named = Buffer.from('H4sICAAAAAAAA25hbWUudHh0AMtIzcnJBwCGphA2BQAAAA==', 'base64'); // node-made, FNAME "name.txt"
  log('gzip with a file name', (await feed(zlib.createGunzip(), bytesOf(named))).out.toString());
  const big = await feed(zlib.createGunzip(), [packed.subarray(0, 1000), ...bytesOf(packed.subarray(1000, 1100)), packed.subarray(1100)]);
  log('big', big.out.toString() === text);

  log('-- multi-member and trailing data');
  const two = Buffer.concat([zlib.gzipSync('first '), zlib.gzipSync('second')]);
  log('two members', (await feed(zlib.createGunzip(), [two])).out.toString());
  log('two members by byte', (await feed(zlib.createGunzip(), bytesOf(two))).out.toString());
  log('trailing zeros', describe(await feed(zlib.createGunzip(), [Buffer.concat([small, Buffer.alloc(4)])])));
  log('trailing garbage', describe(await feed(zlib.createGunzip(), [Buffer.concat([small, Buffer.from('garbage')])])));
  log('after a zlib stream', describe(await feed(zlib.createInflate(), [Buffer.concat([zlib.deflateSync('x'), Buffer.from('more')])])));

  log('-- errors');
  log('truncated gunzip', describe(await feed(zlib.createGunzip(), [packed.subarray(0, 100)])));
  log('truncated by byte', describe(await feed(zlib.createGunzip(), bytesOf(small.subarray(0, 15)))));
  log('truncated inflate', describe(await feed(zlib.createInflate(), [zlib.deflateSync(text).subarray(0, 50)])));
  log('truncated raw', describe(await feed(zlib.createInflateRaw(), [zlib.deflateRawSync(text).subarray(0, 50)])));
  log('truncated brotli', describe(await feed(zlib.createBrotliDecompress(), [zlib.brotliCompressSync(text).subarray(0, 50)])));
  log('header only', describe(await feed(zlib.createGunzip(), [small.subarray(0, 10)])));
  log('empty', describe(await feed(zlib.createGunzip(), [])));
  log('invalid block type', describe(await feed(zlib.createInflateRaw(), [Buffer.from([0xff, 0xff, 0xff])])));
  log('bad header', describe(await feed(zlib.createInflate(), [Buffer.from('not zlib at all')])));
  log('bad gzip header', describe(await feed(zlib.createGunzip(), bytesOf(Buffer.from('nope')))));
  log('bad method', describe(await feed(zlib.createGunzip(), [Buffer.from([0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3])])));
  const badCrc = Buffer.from(small); badCrc[badCrc.length - 6] ^= 1;
  log('bad crc', describe(await feed(zlib.createGunzip(), [badCrc])));
  const badLength = Buffer.from(small); badLength[badLength.length - 2] ^= 1;
  log('bad length', describe(await feed(zlib.createGunzip(), [badLength])));
  const badAdler = zlib.deflateSync('adler'); badAdler[badAdler.length - 1] ^= 1;
  log('bad adler', describe(await feed(zlib.createInflate(), [badAdler])));
  const partial = await feed(zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH }), [packed.subarray(0, packed.length >> 1)]);
  log('partial with Z_SYNC_FLUSH', partial.out.length > 1000, text.startsWith(partial.out.toString()));
  await new Promise((resolve) => {
    const gunzip = zlib.createGunzip();
    gunzip.on('error', (e) => log('error event', e.code, gunzip.destroyed, gunzip._handle));
    gunzip.on('close', () => { log('closed'); resolve(); });
    gunzip.write(Buffer.from('bad'), (err) => log('write callback', err && err.code));
  });

  log('-- params, reset, info, bytesWritten');
  await new Promise((resolve) => {
    const deflate = zlib.createDeflate({ level: 1 });
    const out = [];
    deflate.on('data', (c) => out.push(c));
    deflate.write(text.slice(0, 1000));
    deflate.params(9, zlib.constants.Z_FILTERED, () => {
      deflate.end(text.slice(1000, 2000));
    });
    deflate.on('end', () => { log('params', zlib.inflateSync(Buffer.concat(out)).toString() === text.slice(0, 2000)); resolve(); });
  });
  try { zlib.createDeflate().params(10, 0); } catch (e) { log(e.code, e.message); }
  try { zlib.createDeflate().params(1, 9); } catch (e) { log(e.code, e.message); }
  log('brotli params', typeof zlib.createBrotliCompress().params);
  await new Promise((resolve) => {
    const inflate = zlib.createInflate();
    const out = [];
    inflate.write(zlib.deflateSync('abandoned').subarray(0, 6), () => {
      inflate.on('data', (c) => out.push(c));
      inflate.reset();
      inflate.end(zlib.deflateSync('after reset'));
    });
    inflate.on('end', () => { log('reset', Buffer.concat(out).toString().endsWith('after reset')); resolve(); });
  });
  const info = zlib.gunzipSync(small, { info: true });
  log('info sync', Object.keys(info), info.buffer.toString(), info.engine instanceof zlib.Gunzip, info.engine._handle);
  await new Promise((resolve) => zlib.deflate('x', { info: true }, (err, r) => {
    log('info callback', err, Object.keys(r), r.engine instanceof zlib.Deflate, r.engine._handle); resolve();
  }));
  const counted = await new Promise((resolve) => {
    const g = zlib.createGunzip();
    g.on('data', () => {});
    g.on('end', () => resolve(g.bytesWritten));
    g.write(small.subarray(0, 5)); g.end(small.subarray(5));
  });
  log('bytesWritten', counted === small.length);

  log('-- backpressure through pipeline');
  await new Promise((resolve) => {
    let written = 0;
    let paused = 0;
    const source = Readable.from((function* () { for (let i = 0; i < 40; i++) yield Buffer.from(text.slice(i * 1500, (i + 1) * 1500)); })());
    const gunzip = zlib.createGunzip({ highWaterMark: 1024 });
    const origWrite = gunzip.write.bind(gunzip);
    gunzip.write = (...a) => { const ok = origWrite(...a); if (!ok) paused++; return ok; };
    pipeline(source, zlib.createGzip(), gunzip,
      new Writable({ highWaterMark: 1024, write(c, e, cb) { written += c.length; setTimeout(cb, 1); } }),
      (err) => { log('pipeline', err, written === 60000, paused > 0); resolve(); });
  });
}, 1);
module.exports = function (cb) { cb(); };
