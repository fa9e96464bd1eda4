// Every digest crypto.getHashes() lists, through createHash and createHmac (the SHA-2 and SHA-3 families, RIPEMD-160,
// BLAKE2, SM3, MD5-SHA1, SHAKE, OpenSSL's RSA-/...WithRSAEncryption names).
const cr = require('crypto');
const hs = cr.getHashes();
console.log(hs.length, hs.join(' '));
for (const a of hs) {
  try {
    const h = cr.createHash(a).update('abc').update(Buffer.from([1, 2, 3])).digest('hex');
    const m = cr.createHmac(a, 'key').update('abc').digest('base64');
    console.log(a, h, m);
  } catch (e) { console.log(a, 'ERR', e.message); }
}
console.log(cr.createHash('SHA3-256').update('').digest('hex'), cr.createHash('shake256').update('x').digest('base64url'));
try { cr.createHash('nope'); } catch (e) { console.log(e.message); }
module.exports = function (cb) { cb(); };
