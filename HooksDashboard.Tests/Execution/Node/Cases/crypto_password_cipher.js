// Node 20's deprecated createCipher/createDecipher: key and IV from the password (EVP_BytesToKey, MD5, one round, no
// salt), DEP0106 once per function, counter modes warned on each cipher; and Node 20.12's one-shot crypto.hash.
const crypto = require('crypto');
process.removeAllListeners('warning');
process.on('warning', (w) => console.log('warning:', w.name, w.code, w.message));
for (const alg of ['aes-256-cbc', 'aes192', 'aes-128-ecb', 'aes-256-ctr', 'aes-128-gcm', 'AES-128-CBC']) {
  try {
    const e = crypto.createCipher(alg, 'secret pw');
    const enc = e.update('hello world', 'utf8', 'hex') + e.final('hex');
    const d = crypto.createDecipher(alg, 'secret pw');
    console.log(alg, enc, d.update(enc, 'hex', 'utf8') + (alg.includes('gcm') ? '' : d.final('utf8')));
  } catch (e) { console.log(alg, 'ERR', e.code, e.message); }
}
for (const pw of [Buffer.from('pw'), new Uint8Array([1, 2, 3]), '', 'päss']) {
  const e = crypto.createCipher('aes-256-cbc', pw);
  console.log(JSON.stringify(pw), e.update('x', 'utf8', 'base64') + e.final('base64'));
}
for (const bad of [['nope', 'x'], ['aes-256-cbc', 5], [5, 'x'], ['aes-256-cbc', null]]) {
  try { crypto.createCipher(...bad); } catch (e) { console.log(e.name, e.code, e.message); }
}
console.log(crypto.createCipher.length, crypto.createDecipher.length, crypto.createCipher.name);
console.log(crypto.hash('sha1', 'abc'), crypto.hash('md5', Buffer.from('abc'), 'base64'), crypto.hash('sha256', 'x', 'buffer').length,
  crypto.hash('sha512', new Uint8Array([1, 2]), 'base64url'), crypto.hash.length);
for (const bad of [['sha1', 5], ['nope', 'x'], [1, 'x'], ['sha1', 'x', 5]]) {
  try { crypto.hash(...bad); } catch (e) { console.log(e.name, e.code, e.message); }
}
setTimeout(() => {}, 5);
module.exports = function (cb) { setTimeout(() => cb(), 10); };
