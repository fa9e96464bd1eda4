// Node's `constants` module (os dlopen/errno/priority/signals, fs and crypto constants in one frozen object), the
// constant tables it is made of, and `stream/consumers` over Node streams, web streams and async generators.
const constants = require('constants');
const os = require('os');
const crypto = require('crypto');
const { Readable } = require('stream');
const consumers = require('stream/consumers');
const table = (o) => Object.keys(o).map((k) => k + '=' + (typeof o[k] === 'string' ? o[k].length : o[k])).join(' ');
console.log(Object.keys(constants).length, Object.isFrozen(constants), Object.getPrototypeOf(constants) === Object.prototype);
console.log(table(constants));
console.log(Object.keys(os.constants), table(os.constants.errno), table(os.constants.dlopen), os.constants.UV_UDP_REUSEADDR);
console.log(table(crypto.constants), Object.getPrototypeOf(crypto.constants), crypto.constants.defaultCipherList === crypto.constants.defaultCoreCipherList);
const descriptor = Object.getOwnPropertyDescriptor(crypto, 'constants');
console.log(descriptor.writable, descriptor.enumerable, descriptor.configurable);
console.log(require('node:constants') === constants, constants.RSA_PKCS1_OAEP_PADDING, constants.O_CREAT, constants.SIGTERM, constants.EACCES, constants.RTLD_NOW, constants.PRIORITY_HIGH);
console.log(Object.keys(consumers), consumers.text.length, consumers.json.name, require('node:stream/consumers') === consumers);
(async () => {
  console.log(await consumers.text(Readable.from(['a', 'b'])));
  console.log(await consumers.json(Readable.from([Buffer.from('{"x":'), '[1, "é"]}'])));
  console.log(await consumers.buffer(Readable.from(['ab', Buffer.from('c')])));
  console.log((await consumers.arrayBuffer(Readable.from([new Uint8Array([1, 2])]))).byteLength);
  const blob = await consumers.blob(Readable.from(['xy', Buffer.from('z')]));
  console.log(blob.size, blob.type, await blob.text());
  console.log(await consumers.text(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('web')); c.close(); } })));
  console.log(await consumers.text((async function* () { yield 'gen'; yield new Uint8Array([33]); })()));
  console.log(await consumers.text(Readable.from([Buffer.from([0xe2, 0x82]), Buffer.from([0xac]), Buffer.from([0xe2])])));
  console.log(await consumers.text(Readable.from([])), (await consumers.buffer(Readable.from([]))).length);
  try { await consumers.json(Readable.from(['{'])); } catch (e) { console.log(e.name); }
  try { await consumers.text(new Readable({ read() { this.destroy(new Error('broken')); } })); } catch (e) { console.log(e.message); }
})();
module.exports = function (cb) { cb(); };
