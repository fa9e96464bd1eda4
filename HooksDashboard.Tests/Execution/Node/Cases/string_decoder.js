// string_decoder over Uint8Array: characters split across writes.
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder();
console.log(d.encoding, JSON.stringify(d.write(new Uint8Array([0xe2, 0x82]))), d.write(new Uint8Array([0xac, 0x41])), JSON.stringify(d.end(new Uint8Array([0xe2]))), JSON.stringify(d.end()));
const h = new StringDecoder('hex');
console.log(h.write(new Uint8Array([1, 255])), JSON.stringify(h.end()));
const b = new StringDecoder('base64');
console.log(JSON.stringify(b.write(new Uint8Array([104, 105]))), b.write(new Uint8Array([33])), b.end(new Uint8Array([1])));
console.log(new StringDecoder('latin1').write(new Uint8Array([0xe9])), new StringDecoder('ascii').write(new Uint8Array([0xe9, 0x41])));
try { new StringDecoder('nope'); } catch (e) { console.log(e.name, '|', e.message, '|', e.code); }
const u = new StringDecoder('utf16le');
console.log(JSON.stringify(u.write(new Uint8Array([0x41]))), u.write(new Uint8Array([0, 0x42, 0])), u.encoding, new StringDecoder('UTF-8').encoding, new StringDecoder('binary').encoding);
console.log(JSON.stringify(new StringDecoder().write(new Uint8Array([0xff, 0x41]))));
module.exports = function (cb) { cb(); };
