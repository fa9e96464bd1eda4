// Node's buffer module and global Buffer: encodings (with lenient decoding), inspection, views, integers, errors.
const buffer = require('buffer');
const { Buffer: B } = require('node:buffer');
function attempt(f) {
  try { console.log('ok', f()); } catch (e) { console.log(e.name, e.code, e.message); }
}
console.log(B === Buffer, buffer.constants.MAX_LENGTH, buffer.kMaxLength, buffer.INSPECT_MAX_BYTES, typeof buffer.SlowBuffer,
  buffer.constants.MAX_STRING_LENGTH, buffer.kStringMaxLength, buffer.SlowBuffer(2), buffer.atob('aGk='), buffer.btoa('hi'), B.poolSize);
console.log(buffer.isUtf8(B.from('h€')), buffer.isUtf8(B.from([0xff])), buffer.isUtf8(new ArrayBuffer(2)), buffer.isAscii(B.from('abc')),
  buffer.isAscii(B.from('é')), buffer.isAscii(new Uint16Array([0x4141])));
attempt(() => buffer.isUtf8('x'));
attempt(() => buffer.isAscii(null));

// from(string, encoding): each encoding, lenient input
for (const [s, e] of [['héllo €😀', 'utf8'], ['héllo', 'utf-8'], ['\ud800x\udc00', 'utf8'], ['abz', 'hex'], ['zz12', 'hex'],
  ['a', 'hex'], ['0g12', 'hex'], ['DEADbeef', 'hex'], ['YQ==YQ==', 'base64'], ['Y Q\n=x=', 'base64'], ['YWJj-_8', 'base64'],
  ['YWJj+/8', 'base64url'], ['Y', 'base64'], ['YW', 'base64'], ['YQ=', 'base64'], ['!!YW*Jj', 'base64'], ['€ÿx', 'latin1'],
  ['€ÿx', 'binary'], ['€ÿx', 'ascii'], ['a€😀', 'ucs2'], ['a€', 'utf16le'], ['a€', 'UTF-16LE'], ['Hi', 'UTF8'], ['', 'hex']]) {
  const b = B.from(s, e);
  console.log(JSON.stringify(s), e, b, b.length, B.byteLength(s, e));
}

// toString(encoding, start, end): each encoding, invalid UTF-8, ranges
const bytes = B.from([0x68, 0xc3, 0xa9, 0xff, 0xe2, 0x82, 0x41, 0xf0, 0x9f, 0x98, 0x80, 0x00, 0x7f, 0x80]);
for (const e of ['utf8', 'utf-8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'utf16le', 'UCS-2']) {
  console.log(e, JSON.stringify(bytes.toString(e)));
}
console.log(JSON.stringify(bytes.toString()), JSON.stringify(bytes.toString('utf8', 1, 3)), JSON.stringify(bytes.toString('hex', -5, 2)),
  JSON.stringify(bytes.toString('hex', 12, 100)), JSON.stringify(bytes.toString('hex', 3, 1)), JSON.stringify(bytes.toString(undefined, 0, 1)));
console.log(B.from([0xfb, 0xff]).toString('base64'), B.from([0xfb, 0xff]).toString('base64url'), B.from('').toString('base64'));
attempt(() => bytes.toString('nope'));
console.log(String(B.from('abc')), `${B.from('x')}`, B.from('abc') + '');

// other sources
const ab = new ArrayBuffer(8);
const onAb = B.from(ab, 2, 4);
onAb[0] = 9;
console.log(onAb, new Uint8Array(ab)[2], B.from([1, 256, -1, 3.7, '5']), B.from(new Uint16Array([1, 258])), B.from(B.from('copy')));
console.log(B.from({ type: 'Buffer', data: [1, 2] }), B.from({ length: 2, 0: 7 }), B.from(new String('str')), B.of(1, 2, 3));
attempt(() => B.from(5));
attempt(() => B.from({}));
attempt(() => B.from(null));
attempt(() => B.from('a', 'nope'));
attempt(() => B.from(ab, 9));
attempt(() => B.from(ab, 2, 7));

// alloc and friends
console.log(B.alloc(3), B.alloc(5, 'ab'), B.alloc(4, 0x101), B.alloc(6, 'aGk=', 'base64'), B.allocUnsafe(2).length, B.allocUnsafeSlow(1).length);
attempt(() => B.alloc(-1));
attempt(() => B.alloc('1'));
attempt(() => B.alloc(2 ** 33));
attempt(() => B.alloc(NaN));
attempt(() => B.alloc(4, 'zz', 'hex'));
attempt(() => B.allocUnsafe());

// statics
console.log(B.isBuffer(B.alloc(1)), B.isBuffer(new Uint8Array(1)), B.isBuffer('x'), B.isEncoding('UTF8'), B.isEncoding('hex'),
  B.isEncoding('nope'), B.isEncoding(''), B.isEncoding(1));
console.log(B.byteLength('€'), B.byteLength('aGk=', 'base64'), B.byteLength('aGk', 'base64'), B.byteLength('abc', 'hex'),
  B.byteLength(new Uint16Array(3)), B.byteLength(new ArrayBuffer(5)), B.byteLength('ab', 'ucs2'));
attempt(() => B.byteLength(5));
console.log(B.concat([B.from('ab'), new Uint8Array([0x63]), B.from('d')]), B.concat([B.from('abc')], 2), B.concat([B.from('a')], 3), B.concat([]));
attempt(() => B.concat([1]));
attempt(() => B.concat('x'));
console.log(B.compare(B.from('a'), B.from('b')), B.compare(B.from('b'), B.from('a')), B.compare(B.from('a'), B.from('a')),
  B.compare(B.from('a'), B.from('ab')), [B.from('c'), B.from('a'), B.from('b')].sort(B.compare));
attempt(() => B.compare(1, B.alloc(1)));

// a Uint8Array subclass, with Node's slice (shared memory)
const buf = B.from('hello world');
console.log(buf instanceof Uint8Array, buf instanceof B, buf.constructor.name, Object.getPrototypeOf(B) === Uint8Array,
  ArrayBuffer.isView(buf), Object.prototype.toString.call(buf));
const sl = buf.slice(0, 5);
const sub = buf.subarray(-5);
sl[0] = 0x48;
sub[0] = 0x57;
console.log(buf.toString(), sl.toString(), sub.toString(), sl instanceof B, sub instanceof B, buf.slice(-3, -1).toString(), buf.slice(5, 2).length);
console.log(buf.map((x) => x + 1) instanceof B, buf.filter((x) => x > 0x6c).toString());

// equals, compare, indexOf, includes
console.log(buf.equals(B.from('Hello World')), buf.equals(new Uint8Array(buf)), buf.compare(B.from('Hello')), buf.compare(B.from('Hello'), 0, 5, 0, 5));
attempt(() => buf.equals('a'));
attempt(() => buf.compare(B.from('a'), 0, 9));
console.log(buf.indexOf('o'), buf.indexOf('o', 5), buf.indexOf(0x6c), buf.indexOf(B.from('World')), buf.indexOf('zz'), buf.indexOf('o', -4),
  buf.lastIndexOf('o'), buf.lastIndexOf('l', 5), buf.indexOf(''), buf.includes('World'), buf.includes('world'), buf.indexOf('6f', 0, 'hex'));
console.log(buf.lastIndexOf(0x6c), buf.lastIndexOf(0x6c, -3), buf.lastIndexOf(0x48, -20), buf.indexOf(0x6c, 20), buf.indexOf(0x16c), buf.lastIndexOf('World', 5),
  buf.lastIndexOf('World', 6), buf.lastIndexOf('World', 100), buf.lastIndexOf('Hello', 0), buf.lastIndexOf('', 3), buf.indexOf('', 99), buf.indexOf('d', -1),
  buf.indexOf('ll', 2.7), buf.indexOf('l', NaN), buf.lastIndexOf('l', NaN), buf.indexOf(B.from('Wor'), 'utf8'), buf.includes(0x57, 7));
attempt(() => buf.indexOf({}));
attempt(() => buf.indexOf('a', 0, 'bogus'));
attempt(() => buf.indexOf('ll', '3'));
console.log(B.compare(B.from('abc').subarray(1), B.from('bc')), B.from('abcdef').compare(B.from('xcdx'), 1, 3, 2, 4), B.from([]).compare(B.from('a')),
  B.from('b').compare(B.from('a'), 0, 0), B.from('a').equals(B.from('a').subarray(0, 1)));

// write, fill, copy
const w = B.alloc(8);
console.log(w.write('hé'), w, w.write('ff00', 4, 'hex'), w, w.write('abcdef', 6), w, w.write('€', 7), w);
console.log(w.write('aGk=', 'base64'), w.write('zz', 2, 1), w);
attempt(() => w.write(5));
attempt(() => w.write('a', 9));
console.log(B.alloc(6).fill('abc', 1), B.alloc(4).fill(0x41), B.alloc(4).fill('6162', 'hex'), B.alloc(3).fill(''), B.alloc(5).fill('x', 1, 3));
attempt(() => B.alloc(4).fill('a', -1));
const target = B.alloc(6, '.');
console.log(B.from('abcd').copy(target, 1), target, B.from('abcd').copy(target, 4, 1), target, B.from('abcd').copy(target, 10));
console.log(JSON.stringify(B.from('hi')), B.from('hi').toJSON(), JSON.stringify({ b: B.from([1]) }));

// integers
const n = B.from([0x01, 0x02, 0x03, 0x04, 0xff, 0xfe, 0xfd, 0xfc]);
console.log(n.readUInt8(4), n.readUint8(0), n.readInt8(4), n.readUInt16LE(0), n.readUInt16BE(0), n.readInt16LE(4), n.readInt16BE(4),
  n.readUInt32LE(0), n.readUInt32BE(4), n.readInt32LE(4), n.readInt32BE(0), n.readUIntLE(0, 3), n.readUIntBE(2, 6), n.readIntLE(4, 3), n.readIntBE(4, 2));
console.log(n.readBigUInt64LE(), n.readBigUInt64BE(), n.readBigInt64LE(0), n.readBigUint64LE(), n.readFloatLE(0), n.readDoubleBE(0));
const o = B.alloc(8);
console.log(o.writeUInt8(255), o.writeInt8(-2, 1), o.writeUInt16LE(0x1234, 2), o.writeInt16BE(-2, 4), o.writeUInt32BE(0xdeadbeef, 4), o);
console.log(o.writeInt32LE(-1, 0), o.writeUIntBE(0x010203, 0, 3), o.writeIntLE(-3, 3, 5), o.writeBigUInt64BE(2n ** 64n - 2n), o, o.writeDoubleLE(1.5), o);
for (const f of [() => n.readUInt16LE(7), () => n.readUInt8(8), () => n.readUInt8(1.5), () => n.readUInt8('1'), () => B.alloc(0).readUInt8(),
  () => o.writeUInt8(256), () => o.writeUInt8(-1), () => o.writeUInt32LE(2 ** 32), () => o.writeInt32LE(2 ** 31), () => o.writeInt16BE(-40000),
  () => o.writeUInt8(1, 8), () => o.writeBigUInt64LE(-1n), () => o.writeBigInt64LE(2n ** 63n), () => o.writeBigUInt64LE(1), () => o.readUIntLE(0, 7),
  () => o.writeUIntLE(2 ** 48, 0, 6), () => o.writeUInt32LE(2 ** 40)]) attempt(f);

// inspection
const big = B.alloc(60, 1);
const longer = B.alloc(51);
const tagged = B.from('hi');
tagged.foo = 1;
console.log(big);
console.log(longer, B.alloc(0), [B.from('hi')], { b: B.from('x') }, tagged);
console.log({ a: { b: { c: { d: B.from('x') } } } }, require('util').inspect({ a: B.from('xy') }, { depth: 0 }));
class Sub extends B {}
console.log(Object.setPrototypeOf(B.from('z'), Sub.prototype), new Map([[B.from('k'), B.from('v')]]), `${B.from([0xe2, 0x82, 0xac])}`);
console.log([B.alloc(3), B.alloc(3), B.alloc(3), B.alloc(3), B.alloc(3), B.alloc(3), B.alloc(3)]);
console.log(require('util').inspect(B.from('abc')), require('util').format('%s|%o|%j', B.from('a'), B.from('b'), B.from('c')));
console.log(new (require('string_decoder').StringDecoder)('utf8').write(B.from('€').subarray(0, 2)) === '',
  new TextDecoder().decode(B.from('h€llo')), new (require('string_decoder').StringDecoder)('hex').end(B.from('hi')));
// other modules seeing Buffers
const util = require('util');
console.log(util.types.isUint8Array(B.from('a')), util.types.isTypedArray(B.alloc(1)), util.types.isArrayBufferView(B.alloc(1)),
  util.isDeepStrictEqual(B.from('ab'), B.from('ab')), util.isDeepStrictEqual(B.from('ab'), B.from('ac')),
  util.isDeepStrictEqual(B.from('a'), new Uint8Array([97])), util.isDeepStrictEqual({ k: B.from('a') }, { k: B.from('a') }));
attempt(() => require('assert').deepStrictEqual(B.from('ab'), B.from('ab')));
const { StringDecoder } = require('string_decoder');
const euro = B.from('€😀');
const sd = new StringDecoder('utf8');
console.log(JSON.stringify([sd.write(euro.subarray(0, 1)), sd.write(euro.subarray(1, 4)), sd.write(euro.subarray(4, 6)), sd.end(euro.subarray(6))]));
const sd64 = new StringDecoder('base64');
console.log(sd64.write(B.from('ab')), sd64.write(B.from('cd')), sd64.end(), new StringDecoder('ucs2').write(B.from('hi', 'utf16le')),
  new StringDecoder('latin1').end(B.from([0xe9])), new StringDecoder('utf8').end(B.from([0xe2, 0x82])));
console.log(structuredClone(B.from('a')), structuredClone({ b: B.from('ab') }), Array.from(B.from('ab')), [...B.from('cd')], Object.keys(B.from('ab')));
console.log(new TextDecoder().decode(euro.subarray(0, 3)), new TextDecoder('utf-8').decode(B.from([0xef, 0xbb, 0xbf, 0x41])).length,
  B.from([0xef, 0xbb, 0xbf, 0x41]).toString().length, new TextEncoder().encode('é') instanceof B);
module.exports = function (cb) { cb(); };
