// zlib: round trips of every format (sync, callback, promisified, streams), decompressing bytes node made (the
// fixtures below were produced by Node 20's zlib; compressed bytes from other zlib builds may differ, the text may
// not), options and their range errors, and zlib's error codes and messages.
const zlib = require('zlib');
const util = require('util');
const { pipeline, Readable, Writable } = require('stream');
const text = 'Auth0 hooks compress and decompress. '.repeat(20);
const fixtures = {
  'gzip': 'H4sIAAAAAAAAA3MsLckwUMjIz88uVkjOzy0oSi0uVkjMS1FISYVx9RQcRxWNKhq6igBmBHhO5AIAAA==',
  'deflate': 'eJxzLC3JMFDIyM/PLlZIzs8tKEotLlZIzEtRSEmFcfUUHEcVjSoauooAzjUOsA==',
  'raw': 'cywtyTBQyMjPzy5WSM7PLShKLS5WSMxLUUhJhXH1FBxHFY0qGrqKAA==',
  'br': 'G+MC+EVPlupDMqFKGZvN7AFpyUKVpQA0IFT2V4oie+GcA4p0HkE=',
  'gz2': 'H4sIAAAAAAAAA0vLLCouUQAA/HrxHAYAAAAfiwgAAAAAAAADK05Nzs9LAQBpER+2BgAAAA=='
};
const log = (...args) => console.log(...args);
const tryIt = (name, fn) => {
  try { const r = fn(); log(name, 'ok', r.length); } catch (e) { log(name, e.name, e.code, e.errno, e.message); }
};

setTimeout(async () => {
  log('-- node-made fixtures');
  log(zlib.gunzipSync(Buffer.from(fixtures.gzip, 'base64')).toString() === text);
  log(zlib.inflateSync(Buffer.from(fixtures.deflate, 'base64')).toString() === text);
  log(zlib.inflateRawSync(Buffer.from(fixtures.raw, 'base64')).toString() === text);
  log(zlib.brotliDecompressSync(Buffer.from(fixtures.br, 'base64')).toString() === text);
  log(zlib.unzipSync(Buffer.from(fixtures.gzip, 'base64')).toString() === text, zlib.unzipSync(Buffer.from(fixtures.deflate, 'base64')).toString() === text);
  log('multi-member gzip:', zlib.gunzipSync(Buffer.from(fixtures.gz2, 'base64')).toString());

  log('-- sync round trips');
  for (const [c, d] of [['gzipSync', 'gunzipSync'], ['deflateSync', 'inflateSync'], ['deflateRawSync', 'inflateRawSync'], ['brotliCompressSync', 'brotliDecompressSync'], ['gzipSync', 'unzipSync']]) {
    const packed = zlib[c](text);
    log(c, d, Buffer.isBuffer(packed), packed.length < text.length, zlib[d](packed).toString() === text);
  }
  log('gzip magic', zlib.gzipSync('x').subarray(0, 3).toString('hex'), 'zlib header ok', zlib.deflateSync('x').readUInt16BE(0) % 31 === 0);
  log('levels', [0, 1, 9, -1].map((level) => zlib.inflateSync(zlib.deflateSync(text, { level })).toString() === text));
  log('level 0 is stored', zlib.deflateRawSync(text, { level: 0 }).length > text.length);
  log('strategies', [0, 1, 2, 3, 4].map((strategy) => zlib.gunzipSync(zlib.gzipSync(text, { strategy })).toString() === text));
  log('brotli quality', zlib.brotliDecompressSync(zlib.brotliCompressSync(text, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })).toString() === text);
  log('inputs', zlib.gunzipSync(zlib.gzipSync(new Uint8Array([1, 2, 3]))), zlib.inflateSync(zlib.deflateSync(new Uint16Array([258]).buffer)), zlib.gunzipSync(zlib.gzipSync(new DataView(new Uint8Array([9]).buffer))));
  log('empty', zlib.gunzipSync(zlib.gzipSync('')).length, zlib.inflateRawSync(zlib.deflateRawSync(Buffer.alloc(0))).length);

  log('-- callbacks and promises');
  await new Promise((resolve) => zlib.gzip(text, (err, packed) => {
    log('gzip cb', err, Buffer.isBuffer(packed));
    zlib.gunzip(packed, (err2, plain) => { log('gunzip cb', err2, plain.toString() === text); resolve(); });
  }));
  await new Promise((resolve) => zlib.deflate('abc', { level: 9 }, (err, packed) => { log('deflate opts cb', err, zlib.inflateSync(packed).toString()); resolve(); }));
  await new Promise((resolve) => {
    let sync = true;
    zlib.gzip('x', () => { log('callback is asynchronous', !sync); resolve(); });
    sync = false;
  });
  const gunzip = util.promisify(zlib.gunzip);
  log('promisified', (await gunzip(await util.promisify(zlib.gzip)('promised'))).toString());
  await gunzip(Buffer.from('not gzip')).catch((e) => log('promisified rejects', e.code, e.errno, e.message));
  await new Promise((resolve) => zlib.inflate(Buffer.from('bad'), (err) => { log('cb error', err.code, err.message); resolve(); }));

  log('-- streams');
  await new Promise((resolve) => {
    const gz = zlib.createGzip();
    const chunks = [];
    gz.on('data', (c) => chunks.push(c));
    gz.on('end', () => {
      const all = Buffer.concat(chunks);
      log('createGzip', gz instanceof zlib.Gzip, all.subarray(0, 2).toString('hex'), zlib.gunzipSync(all).toString() === 'part one, part two');
      resolve();
    });
    gz.write('part one, ');
    gz.end('part two');
  });
  await new Promise((resolve) => {
    const out = [];
    pipeline(
      Readable.from([zlib.gzipSync(text).subarray(0, 10), zlib.gzipSync(text).subarray(10)]),
      zlib.createGunzip(),
      new Writable({ write(c, e, cb) { out.push(c); cb(); } }),
      (err) => { log('pipeline gunzip', err, Buffer.concat(out).toString() === text); resolve(); });
  });
  await new Promise((resolve) => {
    const inflate = zlib.createInflate();
    inflate.on('error', (e) => { log('stream error', e.code, e.errno, e.message); });
    inflate.on('close', resolve);
    inflate.end(Buffer.from('definitely not zlib'));
  });
  await new Promise((resolve) => {
    const br = zlib.createBrotliCompress();
    const chunks = [];
    br.on('data', (c) => chunks.push(c));
    br.on('end', () => { log('brotli stream', zlib.brotliDecompressSync(Buffer.concat(chunks)).toString()); resolve(); });
    br.end('squeezed');
  });
  await new Promise((resolve) => {
    const unzip = zlib.createUnzip();
    unzip.setEncoding('utf8');
    let s = '';
    unzip.on('data', (c) => { s += c; });
    unzip.on('end', () => { log('unzip stream', s.length === text.length, zlib.Unzip === zlib.createUnzip().constructor); resolve(); });
    unzip.end(Buffer.from(fixtures.deflate, 'base64'));
  });
  const called = zlib.Gzip();
  log('without new', called instanceof zlib.Gzip, typeof called.flush, typeof called.close);

  log('-- errors');
  tryIt('gunzip not gzip', () => zlib.gunzipSync(Buffer.from('hello')));
  tryIt('inflate not zlib', () => zlib.inflateSync(Buffer.from('hello')));
  tryIt('gunzip zlib data', () => zlib.gunzipSync(zlib.deflateSync('x')));
  tryIt('truncated gzip', () => zlib.gunzipSync(zlib.gzipSync(text).subarray(0, 20)));
  tryIt('truncated deflate', () => zlib.inflateSync(zlib.deflateSync(text).subarray(0, 20)));
  tryIt('truncated raw', () => zlib.inflateRawSync(zlib.deflateRawSync(text).subarray(0, 20)));
  tryIt('empty gunzip', () => zlib.gunzipSync(Buffer.alloc(0)));
  tryIt('empty inflate', () => zlib.inflateSync(''));
  tryIt('empty brotli', () => zlib.brotliDecompressSync(Buffer.alloc(0)));
  tryIt('truncated brotli', () => zlib.brotliDecompressSync(zlib.brotliCompressSync(text).subarray(0, 5)));
  const badCrc = zlib.gzipSync(text);
  badCrc[badCrc.length - 6] ^= 1;
  tryIt('bad crc', () => zlib.gunzipSync(badCrc));
  const badAdler = zlib.deflateSync(text);
  badAdler[badAdler.length - 1] ^= 1;
  tryIt('bad adler', () => zlib.inflateSync(badAdler));
  tryIt('unzip garbage', () => zlib.unzipSync(Buffer.from('garbage!')));
  log('partial with Z_SYNC_FLUSH', zlib.gunzipSync(zlib.gzipSync(text).subarray(0, 40), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString().slice(0, 20));
  tryIt('maxOutputLength', () => zlib.gunzipSync(zlib.gzipSync(text), { maxOutputLength: 10 }));
  tryIt('level 12', () => zlib.gzipSync('x', { level: 12 }));
  tryIt('level string', () => zlib.gzipSync('x', { level: '5' }));
  tryIt('windowBits 3', () => zlib.deflateSync('x', { windowBits: 3 }));
  tryIt('memLevel 10', () => zlib.deflateSync('x', { memLevel: 10 }));
  tryIt('strategy 7', () => zlib.deflateSync('x', { strategy: 7 }));
  tryIt('chunkSize 10', () => zlib.deflateSync('x', { chunkSize: 10 }));
  tryIt('number input', () => zlib.gzipSync(5));
  tryIt('null input', () => zlib.gzipSync(null));
  tryIt('no callback', () => zlib.gzip('x'));
  tryIt('brotli bad param', () => zlib.brotliCompressSync('x', { params: { 99: 1 } }));

  log('-- constants');
  log(zlib.constants.Z_BEST_COMPRESSION, zlib.constants.Z_SYNC_FLUSH, zlib.constants.BROTLI_PARAM_QUALITY, zlib.Z_SYNC_FLUSH, Object.keys(zlib.constants).length);
  log(zlib.codes.Z_DATA_ERROR, zlib.codes['-3'], zlib.codes.Z_BUF_ERROR);
  log(zlib.crc32('hello'), zlib.crc32(Buffer.from('world'), zlib.crc32('hello ')), zlib.crc32(''));
  log(Object.isFrozen(zlib.constants));
}, 1);
// Bad Brotli data is a catchable error (node's code names the decoder's failure, which .NET's decoder does not report).
for (const bad of [Buffer.from('garbage'), Buffer.from([0xff, 0xff, 0xff]), Buffer.alloc(10)]) {
  try { zlib.brotliDecompressSync(bad); } catch (e) { console.log('brotli sync', e.message, e instanceof Error, /^ERR_/.test(e.code)); }
}
module.exports = function (cb) { cb(); };
