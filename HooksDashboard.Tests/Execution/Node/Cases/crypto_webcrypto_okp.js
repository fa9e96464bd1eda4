// Web Crypto Ed25519 and X25519 (Node 20): generateKey, importKey/exportKey (raw, spki, pkcs8, jwk), sign/verify,
// deriveBits/deriveKey, Node's DOMExceptions for wrong usages and data, and interop with KeyObject and crypto.sign.
// RFC 8032 test 1 and RFC 7748 6.1 give fixed outputs: Ed25519 is deterministic, so a signature equal to node's is
// the cross-check both ways.
const crypto = require('crypto');
const { subtle } = crypto.webcrypto;
const log = (...args) => console.log(...args);
const hex = (b) => Buffer.from(b).toString('hex');
const show = (label, p) => p.then(
  (v) => log(label, 'ok', v instanceof ArrayBuffer ? hex(v) : v),
  (e) => log(label, e.name, e.code, e.message));

setTimeout(async () => {
  log('-- Ed25519');
  const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
  const pub = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
  const jwk = { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: pub.toString('base64url') };
  const kp = await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  log(kp.publicKey.algorithm, kp.publicKey.usages, kp.privateKey.usages, kp.publicKey.extractable, kp.privateKey.extractable, kp.privateKey.type);
  log(kp.publicKey.algorithm === kp.privateKey.algorithm, Object.prototype.toString.call(kp.privateKey));
  const generatedSig = await subtle.sign('Ed25519', kp.privateKey, Buffer.from('generated'));
  log('generated pair', generatedSig.byteLength, await subtle.verify('Ed25519', kp.publicKey, generatedSig, Buffer.from('generated')));
  const rawPub = await subtle.importKey('raw', pub, 'Ed25519', true, ['verify']);
  log('raw import', rawPub.algorithm, rawPub.usages, rawPub.type);
  await show('raw export', subtle.exportKey('raw', rawPub));
  await show('spki export', subtle.exportKey('spki', rawPub));
  await show('jwk export', subtle.exportKey('jwk', rawPub));
  const priv = await subtle.importKey('jwk', jwk, { name: 'ed25519' }, true, ['sign']);
  await show('jwk private export', subtle.exportKey('jwk', priv));
  await show('pkcs8 export', subtle.exportKey('pkcs8', priv));
  const fromPkcs8 = await subtle.importKey('pkcs8', await subtle.exportKey('pkcs8', priv), 'Ed25519', false, ['sign']);
  const fromSpki = await subtle.importKey('spki', await subtle.exportKey('spki', rawPub), 'Ed25519', false, ['verify']);
  await show('RFC 8032 test 1', subtle.sign('Ed25519', fromPkcs8, new Uint8Array(0)));
  const sig = await subtle.sign({ name: 'Ed25519' }, priv, Buffer.from('abc'));
  log('sign abc', hex(sig));
  await show('verify', subtle.verify('Ed25519', fromSpki, sig, Buffer.from('abc')));
  await show('verify other data', subtle.verify('Ed25519', rawPub, sig, Buffer.from('abd')));
  await show('verify short signature', subtle.verify('Ed25519', rawPub, new Uint8Array(10), Buffer.from('abc')));
  const nodeSig = crypto.sign(null, Buffer.from('xyz'), crypto.createPrivateKey({ key: jwk, format: 'jwk' }));
  await show('node signature verified', subtle.verify('Ed25519', rawPub, nodeSig, Buffer.from('xyz')));
  log('KeyObject.from', crypto.KeyObject.from(priv).type, crypto.KeyObject.from(priv).asymmetricKeyType);
  log('crypto.verify of subtle signature', crypto.verify(null, Buffer.from('abc'), crypto.KeyObject.from(rawPub), Buffer.from(sig)));
  log('crypto.sign with a CryptoKey', crypto.sign(null, Buffer.from('abc'), priv).equals(Buffer.from(sig)));

  log('-- Ed25519 errors');
  await show('generate bad usage', subtle.generateKey({ name: 'Ed25519' }, true, ['encrypt']));
  await show('generate empty', subtle.generateKey({ name: 'Ed25519' }, true, []));
  await show('generate verify only', subtle.generateKey('Ed25519', true, ['verify']));
  await show('export raw private', subtle.exportKey('raw', priv));
  await show('export spki private', subtle.exportKey('spki', priv));
  await show('export pkcs8 public', subtle.exportKey('pkcs8', rawPub));
  await show('export not extractable', subtle.exportKey('jwk', fromPkcs8));
  await show('sign with public', subtle.sign('Ed25519', rawPub, Buffer.from('abc')));
  await show('verify with private', subtle.verify('Ed25519', priv, sig, Buffer.from('abc')));
  await show('raw with sign usage', subtle.importKey('raw', pub, 'Ed25519', true, ['sign']));
  await show('raw too short', subtle.importKey('raw', pub.subarray(1), 'Ed25519', true, ['verify']));
  await show('pkcs8 empty usages', subtle.importKey('pkcs8', await subtle.exportKey('pkcs8', priv), 'Ed25519', true, []));
  await show('spki empty usages', subtle.importKey('spki', await subtle.exportKey('spki', rawPub), 'Ed25519', true, []).then((k) => k.usages));
  await show('spki garbage', subtle.importKey('spki', Buffer.from('3000', 'hex'), 'Ed25519', true, ['verify']));
  await show('spki of x25519', subtle.importKey('spki', crypto.generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' }), 'Ed25519', true, ['verify']));
  await show('jwk crv', subtle.importKey('jwk', { ...jwk, crv: 'X25519' }, 'Ed25519', true, ['sign']));
  await show('jwk kty', subtle.importKey('jwk', { ...jwk, kty: 'EC' }, 'Ed25519', true, ['sign']));
  await show('jwk use', subtle.importKey('jwk', { ...jwk, use: 'enc' }, 'Ed25519', true, ['sign']));
  await show('jwk ext', subtle.importKey('jwk', { ...jwk, ext: false }, 'Ed25519', true, ['sign']));
  await show('jwk alg EdDSA', subtle.importKey('jwk', { ...jwk, alg: 'EdDSA' }, 'Ed25519', true, ['sign']).then((k) => k.type));
  await show('jwk alg ES256', subtle.importKey('jwk', { ...jwk, alg: 'ES256' }, 'Ed25519', true, ['sign']));
  await show('jwk key_ops', subtle.importKey('jwk', { ...jwk, key_ops: ['verify'] }, 'Ed25519', true, ['sign']));
  await show('jwk bad x', subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: 'abc' }, 'Ed25519', true, ['verify']));
  await show('jwk d of another key', subtle.importKey('jwk', { ...jwk, d: Buffer.alloc(32, 1).toString('base64url') }, 'Ed25519', true, ['sign']));
  await show('jwk private with verify', subtle.importKey('jwk', jwk, 'Ed25519', true, ['verify']));
  await show('sign with X25519 name', subtle.sign('X25519', priv, Buffer.from('a')));

  log('-- X25519');
  const alicePriv = Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex');
  const alicePub = Buffer.from('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a', 'hex');
  const bobPub = Buffer.from('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f', 'hex');
  const alice = await subtle.importKey('jwk', { kty: 'OKP', crv: 'X25519', d: alicePriv.toString('base64url'), x: alicePub.toString('base64url') }, 'X25519', true, ['deriveBits', 'deriveKey']);
  const bob = await subtle.importKey('raw', bobPub, 'X25519', true, []);
  log('imported', alice.usages, alice.algorithm, bob.usages, bob.type);
  await show('RFC 7748 shared secret', subtle.deriveBits({ name: 'X25519', public: bob }, alice, 256));
  await show('128 bits', subtle.deriveBits({ name: 'X25519', public: bob }, alice, 128));
  await show('12 bits', subtle.deriveBits({ name: 'X25519', public: bob }, alice, 12));
  await show('null length', subtle.deriveBits({ name: 'X25519', public: bob }, alice, null));
  await show('0 bits', subtle.deriveBits({ name: 'X25519', public: bob }, alice, 0));
  await show('too long', subtle.deriveBits({ name: 'X25519', public: bob }, alice, 264));
  await show('x25519 jwk export', subtle.exportKey('jwk', alice));
  await show('x25519 raw export', subtle.exportKey('raw', bob));
  const a = await subtle.generateKey('X25519', true, ['deriveBits']);
  const b = await subtle.generateKey({ name: 'X25519' }, false, ['deriveBits', 'deriveKey']);
  log('generated', a.publicKey.usages, a.privateKey.usages, b.privateKey.usages, b.publicKey.extractable);
  const ab = await subtle.deriveBits({ name: 'X25519', public: b.publicKey }, a.privateKey, 256);
  const ba = await subtle.deriveBits({ name: 'X25519', public: a.publicKey }, b.privateKey, 256);
  log('agree', Buffer.from(ab).equals(Buffer.from(ba)),
    crypto.diffieHellman({ privateKey: crypto.KeyObject.from(a.privateKey), publicKey: crypto.KeyObject.from(b.publicKey) }).equals(Buffer.from(ab)));
  const hmac = await subtle.deriveKey({ name: 'X25519', public: a.publicKey }, b.privateKey, { name: 'HMAC', hash: 'SHA-256', length: 256 }, true, ['sign']);
  log('deriveKey HMAC', hmac.algorithm, hmac.usages, Buffer.from(await subtle.exportKey('raw', hmac)).equals(Buffer.from(ab)));
  const hkdf = await subtle.deriveKey({ name: 'X25519', public: a.publicKey }, b.privateKey, 'HKDF', false, ['deriveBits']);
  log('deriveKey HKDF', hkdf.algorithm, hkdf.usages, hkdf.extractable);

  log('-- X25519 errors');
  await show('generate sign', subtle.generateKey('X25519', true, ['deriveBits', 'sign']));
  await show('generate empty', subtle.generateKey('X25519', true, []));
  await show('raw with usage', subtle.importKey('raw', bobPub, 'X25519', true, ['deriveBits']));
  await show('no public', subtle.deriveBits({ name: 'X25519' }, alice, 256));
  await show('public not a key', subtle.deriveBits({ name: 'X25519', public: 'x' }, alice, 256));
  await show('public is private', subtle.deriveBits({ name: 'X25519', public: b.privateKey }, alice, 256));
  await show('public base key', subtle.deriveBits({ name: 'X25519', public: bob }, a.publicKey, 256));
  await show('Ed25519 public', subtle.deriveBits({ name: 'X25519', public: rawPub }, alice, 256));
  await show('Ed25519 base key', subtle.deriveBits({ name: 'X25519', public: bob }, priv, 256));
  await show('deriveKey without usage', subtle.deriveKey({ name: 'X25519', public: bob }, a.privateKey, 'HKDF', false, ['deriveBits']));
  await show('deriveKey HMAC without length', subtle.deriveKey({ name: 'X25519', public: bob }, alice, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']));
  await show('deriveKey HKDF extractable', subtle.deriveKey({ name: 'X25519', public: bob }, alice, 'HKDF', true, ['deriveBits']));
  await show('deriveKey bad usage', subtle.deriveKey({ name: 'X25519', public: bob }, alice, { name: 'HMAC', hash: 'SHA-256', length: 128 }, true, ['encrypt']));
}, 1);
module.exports = function (cb) { cb(); };
