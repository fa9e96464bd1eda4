// crypto's RSA encryption: publicEncrypt/privateDecrypt (OAEP by default, oaepHash, oaepLabel, PKCS#1 v1.5 to encrypt,
// no padding) and privateEncrypt/publicDecrypt (PKCS#1 v1.5 type 1, no padding), with every key form Node takes and
// OpenSSL's errors (message, library, reason, code, opensslErrorStack) for each padding and input length.
const crypto = require('crypto');
const PEM = `-----BEGIN RSA PRIVATE KEY-----
MIICXAIBAAKBgQCbHIAa03aVcs7j5T1Z+mkoZf7bHyEwMuKVbTpm4Cx2AjvFLYlQ
XwJDkTfH6fTGhFykDOAne4L9O/PCcuzSz9XgR65Fm/ieEmO+KIuXTTQRP+XNGsLQ
zU55wMtzrnYtK5/nDaXUEz01r0GCMGyCOBiif2EAFzgWyB79XI/+Ug41FwIDAQAB
AoGAA3U2MeLm8Nv3WsNAg+H+OCVV8iKWhdGMlZIyzBpRQ2w3UuT5+62yijkRikZf
65EF065pzNeHCwgsHfib6PMzLFzovlEaTCab9DAiTNuF/yAqsx1LF4dNARjtmg46
By/UF+53bg30BuvOwieTinOVFlCX61zKXU0gS4+UeSAlLlECQQDOotlwJpJHMA3a
H2iS3qBj1hglNAi5AClMvaMEy34LOfwQdWI1eanL018AaF6F4u+NkVpqEJ1bCqMc
EMSG0VrPAkEAwCqSkmSpr3+Yde/ziJicz9OOaVf32KMNWt/o357fKaLDHYrErenx
MilIGdD4OCkZ2yqYaQpfDoe0KbZMFXpzOQJBAK++S4aaF5EaKr3YNr2rQOiIf1Ks
9bo6i+Wr6Ak89T+hGmP5IgTvK92iMUuMeNAQWcOi2y4YYWy8GEvXav5q8nsCQDiL
Tl2tKRDu5pmtZWeIIHw2r+znaZJhSAi5YfiK8vd5YRhMQNs7vzEXXJPcHW3JCkan
Hfmqh5Xq8GRls7WONmECQBU8aDgGkB/NKWCnVIIgdg/nM0cI0r3CFDK9OiTsNtMK
AlLPKcWOLyzg2OH4xdAzSzZ/Vns46C5205WOF+WvMtI=
-----END RSA PRIVATE KEY-----
`;
const ENCRYPTED = `-----BEGIN ENCRYPTED PRIVATE KEY-----
MIIFLTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQICnTev5qc0gwCAggA
MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBBsoOc1VtehRvKmA6zeJ9qzBIIE
0DL90YFuDs2cdL+6Blvckq/2EwsQ76UTvdjqmTcakrof1JEdQ+UbXoXMOujUvpVS
vCMw1092Cf5dT7IYa4z860H1Rg870OMNj98/9Vn31YOHVTJCC7L4ai4snrakX10S
Ntf0SV2uRn/Mqy+gHCi8oE3MOOM5jYZaQ1P4I3Ruc5G3JTlFVcFT/cNYjHG6nXaU
cBsjLo/CyNibjWgXfaapf0PT8cFkudZtkb+8zWlTEm9dxIKIAlLdgoStYsd0LEST
pUzmHx9uB4Ox4S1N/282d/gNCqzdqYYtsCSBFCFdexR+pBocQQxEG1tZMdbf5Qxn
HrS0hRlxEJwK4E5BPSJH/F3Gk5I8Ma7FIEPv/BcNoGOtU3TGNvL86sPa06xQjqap
2PhtqiEqRNDWLW0jZnXFpivbtRoLNWG09L8q0DNab8kyAiQYNhWDFU4yeZGwbq7K
XZVVb9Lkp+hTiKhBExji+T6l9gaAs/PwIKR+itj+yvnX94IBFIYJvqoQ50saXki1
1BX0CS9Peo2/o6b/q2gxj09Uz4itVH2qEQZiZwzuTrvgzKDD0+PJF8E+/Yw7Zq/b
VwGtcntba6vv5rzxhtfWpEEVIYVPFJOmYH9YcdCwhDFzofP4cmicrilunpWUbxZH
DW5/OM00a/Z7C1ydov2f8AiSApUU8znjt0lscaSpO/4A7PiG1fPGRzn/h+W5RXrr
8vkJTNwXTw/XKQ2xqs91eG7kt63VsE86jWYL7tY6rN4Xl2WxJuOwkZHSD0S6Ei6j
7AA87tN8fwh1P+0PknfuhFJLkIgEbKlxGIGCoXIu5tCTrzUTSrlQzwIWz4mEE9mv
IBWBiY4Vv2VzooHqrTfzFfcermOvkju/g7H/wB489PSBJutOxwPX7s/CQwbivE79
c2KF8pJJOodx4n6K11TG1gpSjDraJONrg/5uc0VDaLLzwTgBZMXOQLS888sjXf0m
y84ETYU6qhQi4rYPC8ESylpOoxdbUEpiZD3BLCrxa5r/cnJMeHs4kPHv/4DEmUCQ
5KdUXsbOuo5y/Z20O0E4N1ck3V9r8Q4/r9fcrKQNV08owaTlTmGKE1YK4ss7VWlo
fcvCCy8+tgsJPszjvy52WZ2LRc4mvuSaQGME0vG1KvwKoO9x7/y8xjx63KDtTWU1
oVPAXsZGymFjbcRMTR5CAJ0v2BzHpBRIhKsoRo+CPoWL1Lym/raA+hZn8/tnWjIt
OuaRKU3rb7AoCGZpVhIoSjwEWjHC8QYH+ID801vSPEDf2x1KtSAZGjznmeOW4K5u
f6p42es4a8+IgqXSZoYsWibaUeyOzOiUzTuiUGaBJ7y1qtDL7ccI3og6/WOslkEX
Ys95a5oxSk+PxZqjTiyzZC/anqIYWV9ENcInlb8CoaWI8MvH1qDjZXQRVRGb6b2w
plCEMVBi6d4a8qwZUI6KZ8ZOzWhvrsXyDxiLO+gSB0JOTre25WOtqkXg4071YDyZ
dlhwjVZ1SpSrKEhbwu8tcZ9mSV1b0/uUzz4WArgTEFl221AoEDtRVNZUQo+LHK7t
Wu5a95X8PXcD3wXrqBQnlBqrRtWoKrMcVR5ioW61RE0V5ITrzRaLFxVZ3mgO5hUK
6Q0FmEvxG8vLaKwbNxqQ1AATcGLxmfW5dDHvHFy1Qba/
-----END ENCRYPTED PRIVATE KEY-----
`;
const { RSA_NO_PADDING, RSA_PKCS1_PADDING, RSA_PKCS1_OAEP_PADDING } = crypto.constants;
const describe = (e) => [e.name, e.code, e.message, e.library, e.reason, e.opensslErrorStack && e.opensslErrorStack.join(' | ')].filter((x) => x !== undefined).join(' / ');
const t = (name, f) => {
  try {
    const result = f();
    console.log(name, Buffer.isBuffer(result) ? 'Buffer ' + result.length + ' ' + result.toString('hex').slice(0, 48) : result);
  } catch (e) {
    console.log(name, 'threw', describe(e));
  }
};
const key = crypto.createPrivateKey(PEM);
const pub = crypto.createPublicKey(key);
const k = pub.asymmetricKeyDetails.modulusLength / 8;
const fill = (n, byte) => Buffer.alloc(n, byte);
const roundTrip = (encrypt, decrypt, options, data) => {
  const sealed = encrypt(Object.assign({ key: options.encryptKey }, options.extra), data);
  const opened = decrypt(Object.assign({ key: options.decryptKey }, options.extra), sealed);
  return sealed.length + ' ' + opened.equals(Buffer.from(data));
};

// Encryption with the public key, decryption with the private key: OAEP (the default) and its digests and labels.
console.log('round trip default', roundTrip(crypto.publicEncrypt, crypto.privateDecrypt, { encryptKey: pub, decryptKey: key }, Buffer.from('hello')));
for (const oaepHash of ['sha1', 'sha256', 'SHA384', 'RSA-SHA256', 'md5', 'sha-256']) {
  t('oaepHash ' + oaepHash, () => roundTrip(crypto.publicEncrypt, crypto.privateDecrypt, { encryptKey: pub, decryptKey: key, extra: { oaepHash } }, Buffer.from('claims')));
}
t('oaepHash sha512 too large for 1024 bits', () => crypto.publicEncrypt({ key: pub, oaepHash: 'sha512' }, Buffer.from('x')));
t('oaepHash unknown', () => crypto.publicEncrypt({ key: pub, oaepHash: 'nope' }, Buffer.from('x')));
t('oaepHash number', () => crypto.publicEncrypt({ key: pub, oaepHash: 5 }, Buffer.from('x')));
for (const oaepLabel of [Buffer.from('label'), new Uint8Array([1, 2, 3]), new DataView(new ArrayBuffer(4)), Buffer.alloc(0)]) {
  t('oaepLabel ' + oaepLabel.constructor.name + ' ' + oaepLabel.byteLength, () => roundTrip(crypto.publicEncrypt, crypto.privateDecrypt, { encryptKey: pub, decryptKey: key, extra: { oaepHash: 'sha256', oaepLabel } }, Buffer.from('x')));
}
t('oaepLabel string', () => crypto.privateDecrypt({ key, oaepLabel: Buffer.from('label') }, crypto.publicEncrypt({ key: pub, oaepLabel: 'label' }, Buffer.from('x'))).toString());
const labelled = crypto.publicEncrypt({ key: pub, oaepHash: 'sha256', oaepLabel: Buffer.from('label') }, Buffer.from('secret'));
t('wrong label', () => crypto.privateDecrypt({ key, oaepHash: 'sha256', oaepLabel: Buffer.from('other') }, labelled));
t('no label', () => crypto.privateDecrypt({ key, oaepHash: 'sha256' }, labelled));
t('wrong hash', () => crypto.privateDecrypt({ key, oaepHash: 'sha1', oaepLabel: Buffer.from('label') }, labelled));
t('right label', () => crypto.privateDecrypt({ key, oaepHash: 'sha256', oaepLabel: Buffer.from('label') }, labelled).toString());
t('label ignored without OAEP', () => crypto.publicDecrypt({ key: pub, oaepLabel: Buffer.from('x'), oaepHash: 'nope' }, crypto.privateEncrypt(key, Buffer.from('y'))).toString());

// Input sizes around each padding's bound.
for (const [name, padding, sizes] of [
  ['oaep', undefined, [0, 1, k - 42, k - 41, k]],
  ['pkcs1', RSA_PKCS1_PADDING, [0, k - 11, k - 10]],
  ['none', RSA_NO_PADDING, [0, k - 1, k, k + 1]],
]) {
  for (const size of sizes) {
    t('publicEncrypt ' + name + ' ' + size, () => {
      const sealed = crypto.publicEncrypt({ key: pub, padding }, fill(size, 7));
      const opened = padding === RSA_PKCS1_PADDING ? null : crypto.privateDecrypt({ key, padding }, sealed);
      return sealed.length + (opened ? ' ' + opened.equals(fill(size, 7)) : '');
    });
  }
}
t('publicEncrypt none, at the modulus', () => crypto.publicEncrypt({ key: pub, padding: RSA_NO_PADDING }, fill(k, 0xff)));
t('publicEncrypt none, deterministic', () => crypto.publicEncrypt({ key: pub, padding: RSA_NO_PADDING }, fill(k, 1)));
t('privateEncrypt pkcs1', () => crypto.privateEncrypt(key, Buffer.from('digest info')));
t('privateEncrypt none', () => crypto.privateEncrypt({ key, padding: RSA_NO_PADDING }, fill(k, 2)));
for (const size of [0, k - 11, k - 10]) t('privateEncrypt pkcs1 ' + size, () => crypto.privateEncrypt(key, fill(size, 3)).length);
for (const size of [k - 1, k + 1]) t('privateEncrypt none ' + size, () => crypto.privateEncrypt({ key, padding: RSA_NO_PADDING }, fill(size, 3)).length);
t('privateEncrypt none, at the modulus', () => crypto.privateEncrypt({ key, padding: RSA_NO_PADDING }, fill(k, 0xff)));
t('publicDecrypt pkcs1', () => crypto.publicDecrypt(pub, crypto.privateEncrypt(key, Buffer.from('signed'))).toString());
t('publicDecrypt with the private key', () => crypto.publicDecrypt(key, crypto.privateEncrypt(key, Buffer.from('signed'))).toString());
t('publicDecrypt none', () => crypto.publicDecrypt({ key: pub, padding: RSA_NO_PADDING }, crypto.privateEncrypt({ key, padding: RSA_NO_PADDING }, fill(k, 2))));
t('publicDecrypt empty message', () => crypto.publicDecrypt(pub, crypto.privateEncrypt(key, Buffer.alloc(0))).length);

// Garbage and wrong lengths through each decryption.
for (const [name, f] of [['privateDecrypt', (data, padding) => crypto.privateDecrypt({ key, padding }, data)], ['publicDecrypt', (data, padding) => crypto.publicDecrypt({ key: pub, padding }, data)]]) {
  for (const padding of [undefined, RSA_PKCS1_OAEP_PADDING, RSA_NO_PADDING]) {
    for (const data of [fill(k, 1), fill(k, 0), fill(k - 1, 1), fill(k + 1, 1), fill(k, 0xff), Buffer.alloc(0)]) {
      t(name + ' ' + padding + ' ' + data.length + ' of ' + data[0], () => f(data, padding));
    }
  }
}
t('publicDecrypt type-1 block with a 2', () => crypto.publicDecrypt(pub, crypto.publicEncrypt({ key: pub, padding: RSA_NO_PADDING }, Buffer.concat([Buffer.from([0, 2]), fill(k - 2, 5)]))));
t('publicDecrypt no zero after the pad', () => crypto.publicDecrypt(pub, crypto.privateEncrypt({ key, padding: RSA_NO_PADDING }, Buffer.concat([Buffer.from([0, 1]), fill(k - 2, 0xff)]))));
t('publicDecrypt short pad', () => crypto.publicDecrypt(pub, crypto.privateEncrypt({ key, padding: RSA_NO_PADDING }, Buffer.concat([Buffer.from([0, 1]), fill(4, 0xff), Buffer.from([0]), fill(k - 7, 9)]))));
t('publicDecrypt bad pad byte', () => crypto.publicDecrypt(pub, crypto.privateEncrypt({ key, padding: RSA_NO_PADDING }, Buffer.concat([Buffer.from([0, 1]), fill(10, 0xff), Buffer.from([0xfe, 0]), fill(k - 14, 9)]))));

// Paddings each operation refuses, and PKCS#1 v1.5 decryption (refused by Node 20 since CVE-2023-46809).
for (const padding of [0, 1, 2, 3, 4, 5, 6, 7, -1, 1.5, '1', null]) {
  t('publicEncrypt padding ' + String(padding), () => crypto.publicEncrypt({ key: pub, padding }, fill(padding === 3 ? k : 4, 1)).length);
  t('privateDecrypt padding ' + String(padding), () => crypto.privateDecrypt({ key, padding }, crypto.publicEncrypt({ key: pub, padding: RSA_NO_PADDING }, fill(k, 1))).length);
  t('privateEncrypt padding ' + String(padding), () => crypto.privateEncrypt({ key, padding }, fill(padding === 3 ? k : 4, 1)).length);
  t('publicDecrypt padding ' + String(padding), () => crypto.publicDecrypt({ key: pub, padding }, crypto.privateEncrypt({ key, padding: RSA_NO_PADDING }, fill(k, 1))).length);
}

// Key forms: PEM text and bytes (public or private), encrypted PKCS#8 with its passphrase, DER, JWK, KeyObject, CryptoKey.
const spki = pub.export({ type: 'spki', format: 'pem' });
const jwk = key.export({ format: 'jwk' });
t('pem public', () => crypto.privateDecrypt(PEM, crypto.publicEncrypt(spki, Buffer.from('a'))).toString());
t('pem private encrypts', () => crypto.privateDecrypt(key, crypto.publicEncrypt(PEM, Buffer.from('b'))).toString());
t('pem buffer', () => crypto.privateDecrypt(Buffer.from(PEM), crypto.publicEncrypt(Buffer.from(spki), Buffer.from('c'))).toString());
t('der', () => crypto.privateDecrypt({ key: key.export({ type: 'pkcs8', format: 'der' }), format: 'der', type: 'pkcs8' },
  crypto.publicEncrypt({ key: pub.export({ type: 'pkcs1', format: 'der' }), format: 'der', type: 'pkcs1' }, Buffer.from('d'))).toString());
t('jwk', () => crypto.privateDecrypt({ key: jwk, format: 'jwk' }, crypto.publicEncrypt({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }, Buffer.from('e'))).toString());
t('encrypted pkcs8', () => {
  const big = crypto.createPrivateKey({ key: ENCRYPTED, passphrase: 'top secret' });
  return crypto.privateDecrypt({ key: ENCRYPTED, passphrase: 'top secret', oaepHash: 'sha512' },
    crypto.publicEncrypt({ key: crypto.createPublicKey(big), oaepHash: 'sha512' }, Buffer.from('f'))).toString();
});
for (const [name, options] of [['without passphrase', ENCRYPTED], ['wrong passphrase', { key: ENCRYPTED, passphrase: 'nope' }]]) {
  try {
    crypto.privateDecrypt(options, Buffer.alloc(256));
  } catch (e) {
    console.log('encrypted pkcs8', name, e.code, e.message);
  }
}
t('data as string', () => crypto.privateDecrypt(key, crypto.publicEncrypt(pub, 'text é')).toString());
t('data as Uint8Array', () => crypto.privateDecrypt(key, new Uint8Array(crypto.publicEncrypt(pub, new Uint8Array([104, 105])))).toString());
t('data as DataView', () => crypto.privateDecrypt(key, crypto.publicEncrypt(pub, new DataView(new Uint8Array([104, 105]).buffer))).toString());
t('data as ArrayBuffer', () => crypto.publicEncrypt(pub, new ArrayBuffer(2)).length);
t('data as number', () => crypto.publicEncrypt(pub, 5));
t('data missing', () => crypto.publicEncrypt(pub));
t('key missing', () => crypto.publicEncrypt(undefined, Buffer.from('x')));
t('key number', () => crypto.publicEncrypt(5, Buffer.from('x')));
t('key nonsense', () => crypto.publicEncrypt('nonsense', Buffer.from('x')));
t('privateDecrypt public KeyObject', () => crypto.privateDecrypt(pub, Buffer.alloc(k)));
t('privateEncrypt public pem', () => crypto.privateEncrypt(spki, Buffer.from('x')));
t('secret key', () => crypto.publicEncrypt(crypto.createSecretKey(Buffer.alloc(16)), Buffer.from('x')));
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
t('ec publicEncrypt', () => crypto.publicEncrypt(ec.publicKey, Buffer.from('x')));
t('ec privateDecrypt', () => crypto.privateDecrypt(ec.privateKey, Buffer.alloc(32)));
t('ec privateEncrypt', () => crypto.privateEncrypt(ec.privateKey, Buffer.from('x')));
t('ec publicDecrypt', () => crypto.publicDecrypt(ec.publicKey, Buffer.alloc(32)));
const ed = crypto.generateKeyPairSync('ed25519');
t('ed25519 publicEncrypt', () => crypto.publicEncrypt(ed.publicKey, Buffer.from('x')));
t('ed25519 privateEncrypt', () => crypto.privateEncrypt(ed.privateKey, Buffer.from('x')));
// OpenSSL's bound on the public exponent of a modulus over 3,072 bits (64 bits). A modulus over 16,384 bits (OpenSSL's
// "modulus too large") is refused here already when the key is imported.
const wideModulus = Buffer.alloc(512, 0xff); wideModulus[511] = 0xfb;
const wideKey = crypto.createPublicKey({ key: { kty: 'RSA', n: wideModulus.toString('base64url'), e: fill(16, 0xff).toString('base64url') }, format: 'jwk' });
t('bad e value', () => crypto.publicEncrypt({ key: wideKey, padding: RSA_NO_PADDING }, fill(512, 1)));
t('bad e value, publicDecrypt', () => crypto.publicDecrypt({ key: wideKey, padding: RSA_NO_PADDING }, fill(512, 1)));
console.log(typeof crypto.publicEncrypt, crypto.publicEncrypt.name, crypto.publicEncrypt.length, crypto.privateDecrypt.name, crypto.privateEncrypt.name, crypto.publicDecrypt.name);

crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']).then((cryptoKey) => {
  t('CryptoKey', () => crypto.privateDecrypt(cryptoKey, crypto.publicEncrypt(pub, Buffer.from('g'))).toString());
});
module.exports = function (cb) { cb(); };
