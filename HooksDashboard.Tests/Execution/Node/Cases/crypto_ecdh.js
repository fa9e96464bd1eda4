// crypto.createECDH and ECDH.convertKey: fixed private keys (so the secrets are deterministic), every point format,
// several curves (prime and binary fields), argument and state errors, and agreement with KeyObject-based ECDH.
const crypto = require('crypto');
const util = require('util');
const err = (f) => { try { const r = f(); console.log('ok', Buffer.isBuffer(r) ? r.toString('hex') : r); } catch (e) { console.log(e.name, e.code, e.message); } };

console.log(typeof crypto.createECDH, crypto.createECDH.length, crypto.ECDH.length, crypto.ECDH.convertKey.length);
// (Object.getOwnPropertyNames of a function's prototype misses 'constructor' in Jint 4.18: docs/design.md.)
console.log(Object.getOwnPropertyNames(crypto.ECDH.prototype).filter((n) => n !== 'constructor'), crypto.ECDH.prototype.constructor === crypto.ECDH);
console.log(Object.getOwnPropertyNames(crypto.ECDH.prototype).filter((n) => n !== 'constructor').map((n) => n + ':' + crypto.ECDH.prototype[n].name + '/' + crypto.ECDH.prototype[n].length).join(' '));

const curves = ['prime256v1', 'secp384r1', 'secp521r1', 'secp256k1', 'brainpoolP256r1', 'secp224r1', 'prime192v1', 'sect163k1', 'SM2'];
for (const curve of curves) {
  const a = crypto.createECDH(curve);
  const b = crypto.createECDH(curve);
  a.setPrivateKey(Buffer.from('0123456789abcdef0123456789abcdef', 'hex'));
  b.setPrivateKey('1f2e3d4c5b6a79880f1e2d3c4b5a6978', 'hex');
  const ab = a.computeSecret(b.getPublicKey());
  const ba = b.computeSecret(a.getPublicKey('base64', 'compressed'), 'base64', 'hex');
  console.log(curve, ab.toString('hex') === ba, ab.length, a.getPublicKey().length, a.getPublicKey(null, 'compressed').length);
  console.log(' ', a.getPublicKey('hex', 'compressed'), a.getPublicKey('hex', 'hybrid').slice(0, 4), ab.toString('hex'));
  console.log(' ', crypto.ECDH.convertKey(a.getPublicKey('hex', 'compressed'), curve, 'hex', 'hex', 'uncompressed') === a.getPublicKey('hex'));
  const g = crypto.createECDH(curve);
  const pub = g.generateKeys();
  const again = crypto.createECDH(curve).setPrivateKey(g.getPrivateKey());
  console.log(' ', pub.equals(again.getPublicKey()), g.computeSecret(b.getPublicKey()).equals(b.computeSecret(pub)));
}

// Private keys are OpenSSL's BIGNUM bytes: no leading zeros.
const small = crypto.createECDH('prime256v1');
err(() => small.setPrivateKey(Buffer.from('000002', 'hex')).getPrivateKey());
err(() => small.getPublicKey('hex'));
err(() => small.getPublicKey('base64url', 'compressed'));
err(() => small.getPrivateKey('base64'));
const lengths = new Set();
for (let i = 0; i < 400; i++) lengths.add(crypto.createECDH('prime256v1').generateKeys() && 'x');
console.log(lengths.size);

// Agreement with crypto.diffieHellman on KeyObjects made from the same numbers.
const alice = crypto.createECDH('prime256v1');
alice.setPrivateKey(Buffer.alloc(32, 7));
const bob = crypto.createECDH('prime256v1');
bob.setPrivateKey(Buffer.alloc(32, 9));
const jwk = (e, withD) => {
  const p = e.getPublicKey();
  const k = { kty: 'EC', crv: 'P-256', x: p.subarray(1, 33).toString('base64url'), y: p.subarray(33).toString('base64url') };
  if (withD) k.d = e.getPrivateKey().toString('base64url');
  return k;
};
const viaKeys = crypto.diffieHellman({
  privateKey: crypto.createPrivateKey({ key: jwk(alice, true), format: 'jwk' }),
  publicKey: crypto.createPublicKey({ key: jwk(bob, false), format: 'jwk' }),
});
console.log(viaKeys.equals(alice.computeSecret(bob.getPublicKey())));

// Inputs of every byte type and encoding.
err(() => alice.computeSecret(new Uint8Array(bob.getPublicKey()).buffer));
err(() => alice.computeSecret(new DataView(new Uint8Array(bob.getPublicKey()).buffer)).length);
err(() => alice.computeSecret(bob.getPublicKey('latin1'), 'latin1', 'base64'));
err(() => alice.computeSecret(bob.getPublicKey(), 'hex', 'buffer'));
err(() => crypto.createECDH('prime256v1').generateKeys('hex', 'compressed').length);
err(() => crypto.createECDH('prime256v1').generateKeys('buffer', 'hybrid').length);
err(() => crypto.createECDH('secp521r1').generateKeys(null).length);

// Errors, in Node's order and words.
err(() => crypto.createECDH('P-256'));
err(() => crypto.createECDH('secp256r1'));
err(() => crypto.createECDH(''));
err(() => crypto.createECDH(1));
err(() => crypto.createECDH());
err(() => crypto.ECDH('prime256v1') instanceof crypto.ECDH);
const fresh = crypto.createECDH('prime256v1');
err(() => fresh.getPrivateKey());
err(() => fresh.getPublicKey());
err(() => fresh.computeSecret(bob.getPublicKey()));
err(() => fresh.generateKeys('hex', 'bogus').length);
err(() => fresh.getPublicKey('hex', 'bogus'));
err(() => fresh.getPublicKey('bogusenc'));
err(() => fresh.setPrivateKey(Buffer.alloc(32)));
err(() => fresh.setPrivateKey(Buffer.alloc(32, 0xff)));
err(() => fresh.setPrivateKey(Buffer.alloc(40, 1)));
err(() => fresh.setPrivateKey(5));
err(() => fresh.setPrivateKey({}));
err(() => fresh.computeSecret(5));
err(() => alice.computeSecret(Buffer.alloc(0)));
err(() => alice.computeSecret(Buffer.from('0400', 'hex')));
err(() => alice.computeSecret('abc'));
const tampered = bob.getPublicKey(); tampered[64] ^= 1;
err(() => alice.computeSecret(tampered));
const badPrefix = bob.getPublicKey(); badPrefix[0] = 5;
err(() => alice.computeSecret(badPrefix));
const hybrid = bob.getPublicKey(null, 'hybrid'); hybrid[0] ^= 1;
err(() => alice.computeSecret(hybrid));
err(() => alice.computeSecret(crypto.createECDH('secp256k1').generateKeys()));
err(() => alice.computeSecret(crypto.createECDH('secp384r1').generateKeys()));
const onlyPublic = crypto.createECDH('prime256v1').setPublicKey(bob.getPublicKey());
err(() => onlyPublic.getPublicKey('hex', 'compressed'));
err(() => onlyPublic.getPrivateKey());
err(() => onlyPublic.computeSecret(bob.getPublicKey()));
err(() => crypto.createECDH('prime256v1').setPublicKey(Buffer.from('0400', 'hex')));
const mismatched = crypto.createECDH('prime256v1');
mismatched.setPrivateKey(Buffer.alloc(32, 3));
mismatched.setPublicKey(bob.getPublicKey());
err(() => mismatched.getPublicKey('hex').slice(0, 10));
err(() => mismatched.computeSecret(bob.getPublicKey()));
err(() => crypto.ECDH.prototype.getPublicKey.call({}));

// convertKey
err(() => crypto.ECDH.convertKey(bob.getPublicKey(), 'prime256v1', undefined, 'hex', 'compressed'));
err(() => crypto.ECDH.convertKey(bob.getPublicKey('hex', 'compressed'), 'prime256v1', 'hex', 'base64', 'hybrid'));
err(() => crypto.ECDH.convertKey(bob.getPublicKey(), 'prime256v1'));
err(() => crypto.ECDH.convertKey(Buffer.alloc(0), 'prime256v1'));
err(() => crypto.ECDH.convertKey(Buffer.alloc(0), 'nope', undefined, 'buffer'));
err(() => crypto.ECDH.convertKey('zz', 'prime256v1', 'hex', 'hex', 'compressed'));
err(() => crypto.ECDH.convertKey(bob.getPublicKey(), 'nope'));
err(() => crypto.ECDH.convertKey(bob.getPublicKey(), 'secp384r1'));
err(() => crypto.ECDH.convertKey(Buffer.from('0400', 'hex'), 'prime256v1'));
err(() => crypto.ECDH.convertKey(bob.getPublicKey(), 'prime256v1', undefined, undefined, 'bad'));
err(() => crypto.ECDH.convertKey(bob.getPublicKey(), 5));
err(() => crypto.ECDH.convertKey(5, 'prime256v1'));

console.log(util.inspect(alice));
console.log(Object.keys(alice), alice instanceof crypto.ECDH, alice.constructor === crypto.ECDH);
module.exports = function (cb) { cb(); };
