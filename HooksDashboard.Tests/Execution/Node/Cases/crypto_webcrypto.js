// Web Crypto: crypto.subtle digest, importKey (raw, jwk, spki, pkcs8), exportKey, sign/verify for HMAC,
// RSASSA-PKCS1-v1_5, RSA-PSS and ECDSA, generateKey, deriveBits (PBKDF2, HKDF), the global crypto object, KeyObject.from,
// and the DOMExceptions Node rejects with.
const nodeCrypto = require('crypto');
const RSA_PKCS1 = `-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAyb0wj72wsu8VmtXpAIr0AoDk9hVq8123qnRIWAcpr78ctqp8
YI79M3eEqFdLEBpCe7BcGZ691IccW298WF/t7Vgl7QonSP9H9g3/a4msm7mV7pIL
JMOmwfLvG0dt4kmM8aTHFTYq0u3RTsYQyR4e4+C5EvgYWfnpAi+xbQmxSRCDUgv2
3jttdR+7wi3kmNOFwwZ/RCP4NCIjSjCOnYubtlBj0XvzZlS8TLVwl12z8+MhQj+S
0nnGEFU8UU6HRp7FZ1joi+acAn9Jn9PbenIAlNXF5MzxlUYYxclA88U02AFPujG+
JYZkZ7NkT+zK1GQewqRcctO9f2PNxm+lmxgheQIDAQABAoIBAAIIfpdMRZ4gC7sy
QbVoMRpfWy9huuC2BpZYsqv0coabaforULKWblXY9ATQUGjaouXlOqBleatNK0t+
naW0Xc0BEOzJJ+kz7XE85eCbFBrDrY+oeCVINYOJ48AGIcTgkeOTkhAUKi1TCUN+
eofUXmJUjvjyeChb/O2xNlwPd3JxjBEDHLhfJ56cmxIMIFm2iiOcKZSH2XThqQp+
w73zvKSl1wHaeT2LKwoOPwcaNUTeQ2KVlQvfDMpMQgBSjzS/cG2Aa7quuFHw8OB7
f3rd7uyoizr9tWPvRoInrXH7ZVQZusVOBcZGahC4RnzbWsF3vVg3lMZ/Vgh9g+KD
ytqQ96MCgYEA9bo0PJhiV1SjNcjbO+5SdAzn+vwse362tTwFGJ3PDpXHzv+dAiBN
1lF0UUvCTEiYxuUgY1zSYzEbbpebzXEHEOToR6tNl9bwB8NO5q1P9go2abqd7i3y
pVdN05TO4EIEbDIK02wbAYWiRZ1tfAFGKOr0m6GDlRLV4ZffvDKv8mMCgYEA0iw3
89XiZFDY5EqjtCl7HnGX83F3M48yfCRWZBYH5lD8/ZYwr8PVcvnJhRhaumOTHu20
KUa3/WI2AW/W9D2aWaTMyMIxJHiWf4RkaeeFuz6rB9n6J2S+DxLwogVMQQOm5RGh
jo62QIego8gRxX6gEWC6BvCqENlA1284XlHNdXMCgYEAs4+XsFfiNNLCWQEnQwoJ
8oej1QIFN1EHDjSHvM9EiPHmilq7TtxwRJZNG0Ly/m9mRKEWI8Wmb5lo5E2hKmTX
tv6uxgBluPj1eZa8x1AKSE56KJSX535n+25qjpwE+FcFiFKhGpG6wkf2pkw9vwnn
TOs0R62ky4ByDmG+unWHoOUCgYEAmlVoPQD5vwpzSqjYr4qqYz+tAlJ24wCrZOfW
HKbk5CbisGCind8jlcuBROAOd8J5HYQWAR1yLHn7CHEVGsNF3cAbtOyM46g9c6RH
jFE8LbSmKRzTCix7OFyDIabcSP2ih6G7zhBUGuy9dKeNDUafykMKN+BwMfEnIUwF
y5UsV6sCgYB7B23C/X0LAsEOOvzXHRqxezWbzxClxXQ2n0m8steghZ+EGVWan5m4
CbV2h6OO8YfkSsr/ne7iojThj1TMkLJwqss2EL/RlhEuh05hDuDkRAt6dJRea16Q
ldFy9D+xTJynM0QN2XD6pZer4sOP04oQZAVPUhPtXFVNIEiKCtp4sg==
-----END RSA PRIVATE KEY-----
`;
const EC_SEC1 = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIHv4gKWkc8ZrnTXysqLugHpK108Dv/A/ksgVDUwiyUDPoAoGCCqGSM49
AwEHoUQDQgAESdtBup2wPfNFqBdtg+Te4ekGuWYu7NfGGbxJD8BjX1mHgBoo8YTK
tV1hSMBOZH+bwr0S4d6ZraFVdAteCXI/ng==
-----END EC PRIVATE KEY-----
`;
const { subtle } = globalThis.crypto;
const hex = (b) => Buffer.from(b).toString('hex');
const enc = (s) => new TextEncoder().encode(s);
const t = async (name, f) => {
  try {
    const r = await f();
    console.log(name, r instanceof ArrayBuffer ? 'ArrayBuffer ' + r.byteLength : r);
  } catch (e) {
    console.log(name, e.name, e.code, e.message);
  }
};
(async () => {
  console.log(typeof crypto, crypto === nodeCrypto.webcrypto, crypto.subtle === nodeCrypto.subtle, Object.prototype.toString.call(crypto), Object.prototype.toString.call(subtle));
  console.log(crypto.getRandomValues(new Uint32Array(4)).length, /^[0-9a-f-]{36}$/.test(crypto.randomUUID()));
  for (const alg of ['SHA-1', 'SHA-256', 'sha-384', { name: 'SHA-512' }]) {
    console.log('digest', JSON.stringify(alg), hex(await subtle.digest(alg, enc('hooks'))));
  }
  const hmac = await subtle.importKey('raw', enc('my secret'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
  console.log(hmac.type, hmac.extractable, JSON.stringify(hmac.algorithm), hmac.usages, Object.prototype.toString.call(hmac));
  const mac = await subtle.sign('HMAC', hmac, enc('payload'));
  console.log('hmac', hex(mac), hex(mac) === nodeCrypto.createHmac('sha256', 'my secret').update('payload').digest('hex'));
  console.log('hmac verify', await subtle.verify('HMAC', hmac, mac, enc('payload')), await subtle.verify({ name: 'hmac' }, hmac, mac, enc('payloaD')));
  console.log('hmac jwk', JSON.stringify(await subtle.exportKey('jwk', hmac)), hex(await subtle.exportKey('raw', hmac)));
  const fromJwk = await subtle.importKey('jwk', { kty: 'oct', k: 'bXkgc2VjcmV0' }, { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
  console.log('hmac from jwk', JSON.stringify(fromJwk.algorithm), hex(await subtle.sign('HMAC', fromJwk, enc('x'))).slice(0, 32));

  const rsa = nodeCrypto.createPrivateKey(RSA_PKCS1);
  const pkcs8 = rsa.export({ format: 'der', type: 'pkcs8' });
  const spki = nodeCrypto.createPublicKey(rsa).export({ format: 'der', type: 'spki' });
  const rsaPrivate = await subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);
  const rsaPublic = await subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } }, true, ['verify']);
  console.log(rsaPrivate.type, JSON.stringify(rsaPrivate.algorithm), rsaPublic.type, rsaPublic.usages);
  const rs256 = await subtle.sign('RSASSA-PKCS1-v1_5', rsaPrivate, enc('payload'));
  console.log('rs256', hex(rs256).slice(0, 40), hex(rs256) === nodeCrypto.sign('sha256', Buffer.from('payload'), rsa).toString('hex'));
  console.log('rs256 verify', await subtle.verify('RSASSA-PKCS1-v1_5', rsaPublic, rs256, enc('payload')), await subtle.verify('RSASSA-PKCS1-v1_5', rsaPublic, rs256, enc('other')));
  const jwk = await subtle.exportKey('jwk', rsaPublic);
  console.log('rsa jwk', Object.keys(jwk).join(','), jwk.alg, jwk.key_ops, jwk.ext);
  const privateJwk = await subtle.exportKey('jwk', rsaPrivate);
  console.log('rsa private jwk', Object.keys(privateJwk).join(','), privateJwk.alg);
  const fromRsaJwk = await subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
  console.log('rsa from jwk', await subtle.verify('RSASSA-PKCS1-v1_5', fromRsaJwk, rs256, enc('payload')));
  console.log('spki round trip', hex(await subtle.exportKey('spki', rsaPublic)) === spki.toString('hex'), hex(await subtle.exportKey('pkcs8', rsaPrivate)) === pkcs8.toString('hex'));

  const pssPrivate = await subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-384' }, false, ['sign']);
  const pssPublic = await subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-384' }, false, ['verify']);
  const ps = await subtle.sign({ name: 'RSA-PSS', saltLength: 48 }, pssPrivate, enc('payload'));
  console.log('ps384', ps.byteLength, await subtle.verify({ name: 'RSA-PSS', saltLength: 48 }, pssPublic, ps, enc('payload')),
    await subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pssPublic, ps, enc('payload')),
    nodeCrypto.verify('sha384', Buffer.from('payload'), { key: rsa, padding: 6, saltLength: 48 }, Buffer.from(ps)));
  const nodePs = nodeCrypto.sign('sha384', Buffer.from('payload'), { key: rsa, padding: 6, saltLength: 20 });
  console.log('ps384 from node', await subtle.verify({ name: 'RSA-PSS', saltLength: 20 }, pssPublic, nodePs, enc('payload')));

  const ec = nodeCrypto.createPrivateKey(EC_SEC1);
  const ecJwk = ec.export({ format: 'jwk' });
  const ecPrivate = await subtle.importKey('jwk', ecJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const ecPublic = await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: ecJwk.x, y: ecJwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  console.log(JSON.stringify(ecPrivate.algorithm), ecPublic.type);
  const es = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, ecPrivate, enc('payload'));
  console.log('es256', es.byteLength, await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ecPublic, es, enc('payload')),
    nodeCrypto.verify('sha256', Buffer.from('payload'), { key: ec, dsaEncoding: 'ieee-p1363' }, Buffer.from(es)));
  const nodeEs = nodeCrypto.sign('sha256', Buffer.from('payload'), { key: ec, dsaEncoding: 'ieee-p1363' });
  console.log('es256 from node', await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ecPublic, nodeEs, enc('payload')));
  const raw = await subtle.exportKey('raw', ecPublic);
  console.log('ec raw', raw.byteLength, new Uint8Array(raw)[0]);
  const fromRaw = await subtle.importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  console.log('ec from raw', await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, fromRaw, es, enc('payload')));
  console.log('ec jwk', Object.keys(await subtle.exportKey('jwk', ecPrivate)).join(','));

  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
  console.log('generated ec', pair.publicKey.usages, pair.privateKey.usages, JSON.stringify(pair.privateKey.algorithm), pair.publicKey.extractable);
  const sig384 = await subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, pair.privateKey, enc('x'));
  console.log('generated ec sign', sig384.byteLength, await subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, pair.publicKey, sig384, enc('x')));
  const rsaPair = await subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, ['sign', 'verify']);
  console.log('generated rsa', rsaPair.privateKey.algorithm.modulusLength, Array.from(rsaPair.privateKey.algorithm.publicExponent), rsaPair.privateKey.extractable);
  const generatedHmac = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
  console.log('generated hmac', JSON.stringify(generatedHmac.algorithm), (await subtle.exportKey('raw', generatedHmac)).byteLength);

  const pbkdf2 = await subtle.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveBits']);
  console.log('pbkdf2 bits', hex(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: enc('salt'), iterations: 1000 }, pbkdf2, 256)));
  const hkdf = await subtle.importKey('raw', enc('key'), 'HKDF', false, ['deriveBits']);
  console.log('hkdf bits', hex(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: enc('salt'), info: enc('info') }, hkdf, 128)));

  const keyObject = nodeCrypto.KeyObject.from(hmac);
  console.log('KeyObject.from', keyObject.type, keyObject.symmetricKeySize, nodeCrypto.KeyObject.from(rsaPublic).equals(nodeCrypto.createPublicKey(rsa)));
  console.log('sign with CryptoKey', nodeCrypto.sign('sha256', Buffer.from('payload'), rsaPrivate).toString('hex') === hex(rs256));

  await t('unknown digest', () => subtle.digest('SHA-999', enc('x')));
  await t('digest string data', () => subtle.digest('SHA-256', 'abc'));
  await t('bad usage', () => subtle.importKey('raw', enc('k'), { name: 'HMAC', hash: 'SHA-256' }, true, ['encrypt']));
  await t('empty usages', () => subtle.importKey('raw', enc('k'), { name: 'HMAC', hash: 'SHA-256' }, true, []));
  await t('no hash', () => subtle.importKey('raw', enc('k'), { name: 'HMAC' }, true, ['sign']));
  await t('verify-only key signs', async () => subtle.sign('HMAC', await subtle.importKey('raw', enc('k'), { name: 'HMAC', hash: 'SHA-256' }, true, ['verify']), enc('x')));
  await t('algorithm mismatch', () => subtle.sign('RSASSA-PKCS1-v1_5', hmac, enc('x')));
  await t('pss without salt', () => subtle.sign({ name: 'RSA-PSS' }, pssPrivate, enc('x')));
  await t('ecdsa without hash', () => subtle.sign({ name: 'ECDSA' }, ecPrivate, enc('x')));
  await t('public key signs', () => subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, ecPublic, enc('x')));
  await t('raw private ec', () => subtle.exportKey('raw', ecPrivate));
  await t('not extractable', () => subtle.exportKey('raw', fromJwk));
  await t('wrong key type', () => subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']));
  await t('bad spki', () => subtle.importKey('spki', new Uint8Array(3), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']));
  await t('public usage sign', () => subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']));
  await t('curve mismatch', async () => subtle.importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify']));
  await t('unknown algorithm', () => subtle.importKey('raw', enc('k'), { name: 'FOO' }, true, ['sign']));
})();
module.exports = function (cb) { cb(); };
