// crypto: input and output encodings (utf8 with lone surrogates, latin1, ascii, ucs2, lenient base64/base64url, hex),
// HMAC key forms, input copied at update time, odd-length hex refused as Node refuses it.
const crypto = require('crypto');
const inputs = [['a\uD800b', undefined], ['😀é', 'utf8'], ['abc', 'ascii'], ['ÿĀ', 'latin1'], ['ÿĀ', 'binary'], ['abc', 'ucs2'], ['abc', 'utf16le'], ['abc', 'UTF-16LE'],
  ['YW Jj\n', 'base64'], ['-_-_', 'base64url'], ['-_-_', 'base64'], ['+/+/', 'base64url'], ['YWJj====', 'base64'], ['YQ=Jj', 'base64'], ['', 'hex'], ['abcd', 'HEX']];
for (const [s, enc] of inputs) console.log(JSON.stringify([s, enc]), crypto.createHash('md5').update(s, enc).digest('hex'));
for (const enc of ['hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'utf8', 'utf-8', 'ucs2', 'utf16le', 'HEX', 'Base64']) {
  console.log(enc, JSON.stringify(crypto.createHash('sha1').update('x').digest(enc)));
}
console.log(crypto.createHmac('sha512', '').update('').digest('hex'));
console.log(crypto.createHmac('md5', new Uint8Array([1, 2]).buffer).update(new Uint16Array([258])).digest('hex'));
console.log(crypto.createHmac('sha256', 'k', { encoding: 'hex' }).update('x').digest('hex'), crypto.createHmac('sha256', 'ab', { encoding: 'hex' }).update('x').digest('hex'));
const arr = new Uint8Array([1, 2, 3]); const hh = crypto.createHash('sha256').update(arr); arr[0] = 9; console.log(hh.digest('hex'));
console.log(crypto.createHash('sha384').update('a'.repeat(1000)).update(new Uint8Array(1000)).digest('base64'));
for (const enc of ['hex', 'HEX']) { try { crypto.createHash('md5').update('abc', enc); } catch (e) { console.log(e.name, e.code, e.message); } }
console.log(crypto.createHmac('md5', 'abc', { encoding: 'hex' }).update('0a0', 'latin1').digest('hex'));
module.exports = function (cb) { cb(); };
