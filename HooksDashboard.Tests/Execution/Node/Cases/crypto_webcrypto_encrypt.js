// Web Crypto's encryption: AES-GCM, AES-CBC, AES-CTR and AES-KW keys (import raw/jwk, export, generate), encrypt and
// decrypt, wrapKey/unwrapKey in every format, RSA-OAEP (with a label) and ECDH (deriveBits, deriveKey into AES),
// with Node's errors for bad parameters, keys and data. Fixed keys and IVs, so every output is deterministic.
const { subtle } = globalThis.crypto;
const nodeCrypto = require('crypto');
const hex = (b) => Buffer.from(b).toString('hex');
const bytes = (n, start = 0) => Uint8Array.from({ length: n }, (_, i) => (start + i * 7) & 255);
const t = async (name, f) => {
  try {
    const r = await f();
    console.log(name, r instanceof ArrayBuffer ? 'ArrayBuffer ' + r.byteLength + ' ' + hex(r).slice(0, 64) : r);
  } catch (e) {
    console.log(name, 'threw', e.name, e.code, e.message);
  }
};
const describeKey = (k) => [k.type, k.extractable, JSON.stringify(k.algorithm), k.usages.join(',')].join(' ');
(async () => {
  const usagesAll = ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];
  const keys = {};
  for (const name of ['AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW']) {
    for (const length of [128, 192, 256]) {
      const usages = name === 'AES-KW' ? ['wrapKey', 'unwrapKey'] : usagesAll;
      const key = await subtle.importKey('raw', bytes(length / 8, length), name, true, usages);
      keys[name + length] = key;
      await t('import ' + name + ' ' + length, () => describeKey(key));
      await t('export raw ' + name + ' ' + length, () => subtle.exportKey('raw', key));
      await t('export jwk ' + name + ' ' + length, async () => JSON.stringify(await subtle.exportKey('jwk', key)));
    }
  }
  for (const [name, usages] of [['AES-GCM', ['sign']], ['AES-KW', ['encrypt']], ['AES-CBC', []]]) {
    await t('import usages ' + name + ' ' + usages, () => subtle.importKey('raw', bytes(16), name, true, usages).then(describeKey));
  }
  await t('import raw bad length', () => subtle.importKey('raw', bytes(20), 'AES-GCM', true, ['encrypt']));
  await t('import raw spki', () => subtle.importKey('spki', bytes(16), 'AES-GCM', true, ['encrypt']));
  await t('import jwk', async () => describeKey(await subtle.importKey('jwk', { kty: 'oct', k: Buffer.from(bytes(32)).toString('base64url'), alg: 'A256GCM', ext: true, key_ops: ['encrypt'] }, { name: 'AES-GCM' }, false, ['encrypt'])));
  await t('import jwk alg mismatch', () => subtle.importKey('jwk', { kty: 'oct', k: Buffer.from(bytes(32)).toString('base64url'), alg: 'A128GCM' }, 'AES-GCM', false, ['encrypt']));
  await t('import jwk kty', () => subtle.importKey('jwk', { kty: 'RSA', k: 'AAAA' }, 'AES-GCM', false, ['encrypt']));
  await t('import jwk length', () => subtle.importKey('jwk', { kty: 'oct', k: 'AAAA' }, 'AES-GCM', false, ['encrypt']));
  await t('import jwk key_ops', () => subtle.importKey('jwk', { kty: 'oct', k: Buffer.from(bytes(16)).toString('base64url'), key_ops: ['decrypt'] }, 'AES-GCM', false, ['encrypt']));
  await t('import jwk ext', () => subtle.importKey('jwk', { kty: 'oct', k: Buffer.from(bytes(16)).toString('base64url'), ext: false }, 'AES-GCM', true, ['encrypt']));
  await t('import jwk use', () => subtle.importKey('jwk', { kty: 'oct', k: Buffer.from(bytes(16)).toString('base64url'), use: 'sig' }, 'AES-GCM', true, ['encrypt']));

  const plain = new TextEncoder().encode('hooks payload, a little longer than one block');
  // AES-GCM
  for (const tagLength of [undefined, 128, 96, 64, 32, 104, 100]) {
    await t('gcm tag ' + tagLength, async () => {
      const sealed = await subtle.encrypt({ name: 'AES-GCM', iv: bytes(12), tagLength, additionalData: bytes(5) }, keys['AES-GCM256'], plain);
      const opened = await subtle.decrypt({ name: 'AES-GCM', iv: bytes(12), tagLength, additionalData: bytes(5) }, keys['AES-GCM256'], sealed);
      return hex(sealed) + ' ' + Buffer.from(opened).toString();
    });
  }
  await t('gcm 128 no aad', () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(12) }, keys['AES-GCM128'], plain));
  await t('gcm iv 16', () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(16) }, keys['AES-GCM192'], plain));
  await t('gcm iv 1', () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(1) }, keys['AES-GCM192'], plain));
  await t('gcm iv 0', () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(0) }, keys['AES-GCM192'], plain));
  await t('gcm no iv', () => subtle.encrypt({ name: 'AES-GCM' }, keys['AES-GCM192'], plain));
  await t('gcm empty', () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(12) }, keys['AES-GCM128'], new Uint8Array(0)));
  const sealedGcm = await subtle.encrypt({ name: 'AES-GCM', iv: bytes(12) }, keys['AES-GCM128'], plain);
  const tampered = new Uint8Array(sealedGcm); tampered[3] ^= 1;
  await t('gcm tampered', () => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12) }, keys['AES-GCM128'], tampered));
  await t('gcm wrong aad', () => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12), additionalData: bytes(1) }, keys['AES-GCM128'], sealedGcm));
  await t('gcm too short', () => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12) }, keys['AES-GCM128'], bytes(15)));
  await t('gcm just the tag', () => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12) }, keys['AES-GCM128'], sealedGcm.slice(-16)));
  // AES-CBC
  for (const n of [0, 1, 15, 16, 17, 47]) {
    await t('cbc ' + n, async () => {
      const sealed = await subtle.encrypt({ name: 'AES-CBC', iv: bytes(16) }, keys['AES-CBC256'], plain.slice(0, n));
      const opened = await subtle.decrypt({ name: 'AES-CBC', iv: bytes(16) }, keys['AES-CBC256'], sealed);
      return hex(sealed) + ' ' + opened.byteLength;
    });
  }
  await t('cbc iv 12', () => subtle.encrypt({ name: 'AES-CBC', iv: bytes(12) }, keys['AES-CBC128'], plain));
  await t('cbc bad padding', () => subtle.decrypt({ name: 'AES-CBC', iv: bytes(16) }, keys['AES-CBC128'], bytes(32)));
  await t('cbc partial block', () => subtle.decrypt({ name: 'AES-CBC', iv: bytes(16) }, keys['AES-CBC128'], bytes(20)));
  await t('cbc empty', () => subtle.decrypt({ name: 'AES-CBC', iv: bytes(16) }, keys['AES-CBC128'], bytes(0)));
  // AES-CTR, including a counter that wraps within its length bits
  for (const [length, counter] of [[64, bytes(16)], [128, bytes(16)], [8, Uint8Array.from([...bytes(15), 254])], [1, Uint8Array.from([...bytes(15), 255])], [128, new Uint8Array(16).fill(255)]]) {
    await t('ctr ' + length + ' ' + hex(counter).slice(-4), async () => {
      const sealed = await subtle.encrypt({ name: 'AES-CTR', counter, length }, keys['AES-CTR192'], plain);
      const opened = await subtle.decrypt({ name: 'AES-CTR', counter, length }, keys['AES-CTR192'], sealed);
      return hex(sealed) + ' ' + Buffer.from(opened).toString();
    });
  }
  await t('ctr length 0', () => subtle.encrypt({ name: 'AES-CTR', counter: bytes(16), length: 0 }, keys['AES-CTR128'], plain));
  await t('ctr length 129', () => subtle.encrypt({ name: 'AES-CTR', counter: bytes(16), length: 129 }, keys['AES-CTR128'], plain));
  await t('ctr counter 8', () => subtle.encrypt({ name: 'AES-CTR', counter: bytes(8), length: 64 }, keys['AES-CTR128'], plain));
  await t('ctr no length', () => subtle.encrypt({ name: 'AES-CTR', counter: bytes(16) }, keys['AES-CTR128'], plain));
  // Mismatches
  await t('wrong algorithm', () => subtle.encrypt({ name: 'AES-CBC', iv: bytes(16) }, keys['AES-GCM128'], plain));
  await t('kw encrypt', () => subtle.encrypt({ name: 'AES-KW' }, keys['AES-KW128'], bytes(16)));
  const encryptOnly = await subtle.importKey('raw', bytes(16), 'AES-GCM', false, ['encrypt']);
  await t('no decrypt usage', () => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12) }, encryptOnly, sealedGcm));
  await t('export not extractable', () => subtle.exportKey('raw', encryptOnly));
  await t('data not bytes', () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(12) }, keys['AES-GCM128'], 'text'));
  await t('key not CryptoKey', () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(12) }, {}, plain));
  await t('unknown algorithm', () => subtle.encrypt({ name: 'AES-XYZ' }, keys['AES-GCM128'], plain));
  // generateKey
  for (const [name, length] of [['AES-GCM', 256], ['AES-CBC', 128], ['AES-CTR', 192], ['AES-KW', 256]]) {
    await t('generate ' + name, async () => {
      const key = await subtle.generateKey({ name, length }, true, name === 'AES-KW' ? ['wrapKey', 'unwrapKey'] : ['encrypt', 'decrypt']);
      return describeKey(key) + ' ' + (await subtle.exportKey('raw', key)).byteLength;
    });
  }
  await t('generate bad length', () => subtle.generateKey({ name: 'AES-GCM', length: 100 }, true, ['encrypt']));
  await t('generate no length', () => subtle.generateKey({ name: 'AES-GCM' }, true, ['encrypt']));
  await t('generate no usages', () => subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, []));
  // AES-KW: RFC 3394's test vector (KEK 000102...0F, key 00112233...FF) and wraps of every format
  const kek = await subtle.importKey('raw', Buffer.from('000102030405060708090A0B0C0D0E0F', 'hex'), 'AES-KW', true, ['wrapKey', 'unwrapKey']);
  const hmac = await subtle.importKey('raw', Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
  const wrapped = await subtle.wrapKey('raw', hmac, kek, 'AES-KW');
  await t('rfc3394', () => wrapped);
  await t('unwrap rfc3394', async () => describeKey(await subtle.unwrapKey('raw', wrapped, kek, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign'])));
  const bad = new Uint8Array(wrapped); bad[0] ^= 1;
  await t('unwrap tampered', () => subtle.unwrapKey('raw', bad, kek, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']));
  await t('unwrap short', () => subtle.unwrapKey('raw', bytes(16), kek, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']));
  await t('wrap jwk with kw', () => subtle.wrapKey('jwk', hmac, kek, 'AES-KW'));
  await t('wrap 20 bytes with kw', async () => subtle.wrapKey('raw', await subtle.importKey('raw', bytes(20), { name: 'HMAC', hash: 'SHA-1' }, true, ['sign']), kek, 'AES-KW'));
  await t('wrap jwk with gcm', async () => {
    const w = await subtle.wrapKey('jwk', hmac, keys['AES-GCM256'], { name: 'AES-GCM', iv: bytes(12) });
    const back = await subtle.unwrapKey('jwk', w, keys['AES-GCM256'], { name: 'AES-GCM', iv: bytes(12) }, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    return w.byteLength + ' ' + describeKey(back);
  });
  await t('wrap not extractable', () => subtle.wrapKey('raw', encryptOnly, kek, 'AES-KW'));
  await t('wrap without usage', () => subtle.wrapKey('raw', hmac, keys['AES-GCM128'], { name: 'AES-GCM', iv: bytes(12) }).then(() => 'ok'));
  const noWrap = await subtle.importKey('raw', bytes(16), 'AES-KW', false, ['unwrapKey']);
  await t('wrapping key without wrapKey', () => subtle.wrapKey('raw', hmac, noWrap, 'AES-KW'));
  // RSA-OAEP
  const { privateKey: rsaPem } = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  const rsaJwk = rsaPem.export({ format: 'jwk' });
  const rsaPublic = await subtle.importKey('jwk', { kty: 'RSA', n: rsaJwk.n, e: rsaJwk.e }, { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['encrypt', 'wrapKey']);
  const rsaPrivate = await subtle.importKey('jwk', rsaJwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['decrypt', 'unwrapKey']);
  await t('rsa-oaep keys', () => describeKey(rsaPublic).replace(/"publicExponent":\{[^}]*\}/, 'e') + ' | ' + describeKey(rsaPrivate).replace(/"publicExponent":\{[^}]*\}/, 'e'));
  await t('rsa-oaep jwk alg', async () => (await subtle.exportKey('jwk', rsaPublic)).alg);
  for (const label of [undefined, bytes(4)]) {
    await t('rsa-oaep label ' + (label && label.length), async () => {
      const sealed = await subtle.encrypt({ name: 'RSA-OAEP', label }, rsaPublic, plain);
      return sealed.byteLength + ' ' + Buffer.from(await subtle.decrypt({ name: 'RSA-OAEP', label }, rsaPrivate, sealed)).toString();
    });
  }
  await t('rsa-oaep wrong label', async () => subtle.decrypt({ name: 'RSA-OAEP', label: bytes(3) }, rsaPrivate, await subtle.encrypt({ name: 'RSA-OAEP' }, rsaPublic, plain)));
  await t('rsa-oaep too long', () => subtle.encrypt({ name: 'RSA-OAEP' }, rsaPublic, bytes(100)));
  await t('rsa-oaep garbage', () => subtle.decrypt({ name: 'RSA-OAEP' }, rsaPrivate, bytes(128)));
  await t('rsa-oaep sign usage', () => subtle.importKey('jwk', { kty: 'RSA', n: rsaJwk.n, e: rsaJwk.e }, { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['verify']));
  await t('rsa-oaep public decrypt', () => subtle.decrypt({ name: 'RSA-OAEP' }, rsaPublic, bytes(128)));
  await t('rsa-oaep wrap aes', async () => {
    const w = await subtle.wrapKey('raw', keys['AES-GCM128'], rsaPublic, { name: 'RSA-OAEP' });
    const back = await subtle.unwrapKey('raw', w, rsaPrivate, { name: 'RSA-OAEP' }, 'AES-GCM', true, ['decrypt']);
    return w.byteLength + ' ' + describeKey(back) + ' ' + hex(await subtle.exportKey('raw', back));
  });
  await t('rsa-oaep generate', async () => {
    const pair = await subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' }, true, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
    const sealed = await subtle.encrypt('RSA-OAEP', pair.publicKey, plain);
    return describeKey(pair.publicKey) + ' | ' + describeKey(pair.privateKey) + ' | ' + Buffer.from(await subtle.decrypt('RSA-OAEP', pair.privateKey, sealed)).toString();
  });
  await t('rsa-oaep spki/pkcs8', async () => {
    const spki = await subtle.exportKey('spki', rsaPublic);
    const pkcs8 = await subtle.exportKey('pkcs8', rsaPrivate);
    const pub = await subtle.importKey('spki', spki, { name: 'RSA-OAEP', hash: 'SHA-384' }, false, ['encrypt']);
    const priv = await subtle.importKey('pkcs8', pkcs8, { name: 'RSA-OAEP', hash: 'SHA-384' }, false, ['decrypt']);
    return Buffer.from(await subtle.decrypt('RSA-OAEP', priv, await subtle.encrypt('RSA-OAEP', pub, bytes(3)))).toString('hex');
  });
  await t('node interop', async () => {
    const sealed = await subtle.encrypt({ name: 'RSA-OAEP', label: bytes(2) }, rsaPublic, plain);
    return nodeCrypto.privateDecrypt({ key: rsaPem, oaepHash: 'sha256', oaepLabel: bytes(2) }, Buffer.from(sealed)).toString();
  });
  // ECDH
  for (const curve of ['P-256', 'P-384', 'P-521']) {
    await t('ecdh ' + curve, async () => {
      const a = await subtle.generateKey({ name: 'ECDH', namedCurve: curve }, true, ['deriveBits', 'deriveKey']);
      const b = await subtle.generateKey({ name: 'ECDH', namedCurve: curve }, true, ['deriveBits']);
      const ab = await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, null);
      const ba = await subtle.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, null);
      const cut = await subtle.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 12);
      const aes = await subtle.deriveKey({ name: 'ECDH', public: b.publicKey }, a.privateKey, { name: 'AES-GCM', length: 128 }, true, ['encrypt']);
      const node = nodeCrypto.diffieHellman({ privateKey: nodeCrypto.KeyObject.from(a.privateKey), publicKey: nodeCrypto.KeyObject.from(b.publicKey) });
      const expected = new Uint8Array(ab.slice(0, 2)); expected[1] &= 0xf0;
      return [describeKey(a.privateKey), describeKey(a.publicKey), ab.byteLength, hex(ab) === hex(ba), hex(cut) === hex(expected), describeKey(aes), hex(await subtle.exportKey('raw', aes)) === hex(ab).slice(0, 32), node.equals(Buffer.from(ab))].join(' ');
    });
  }
  const exported = await subtle.exportKey('jwk', (await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, true, ['deriveBits'])).privateKey);
  const alice = await subtle.importKey('jwk', exported, { name: 'ECDH', namedCurve: 'P-384' }, true, ['deriveBits']).catch((e) => e);
  await t('ecdh import jwk', () => alice instanceof Error ? alice.name + ' ' + alice.message : describeKey(alice));
  const gen = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const other = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, true, ['deriveBits']);
  const raw = await subtle.exportKey('raw', gen.publicKey);
  await t('ecdh raw public', async () => raw.byteLength + ' ' + describeKey(await subtle.importKey('raw', raw, { name: 'ECDH', namedCurve: 'P-256' }, true, [])));
  await t('ecdh public usages', () => subtle.importKey('raw', raw, { name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']));
  await t('ecdh curve mismatch', () => subtle.deriveBits({ name: 'ECDH', public: other.publicKey }, gen.privateKey, 256));
  await t('ecdh too long', () => subtle.deriveBits({ name: 'ECDH', public: gen.publicKey }, gen.privateKey, 264));
  await t('ecdh no public', () => subtle.deriveBits({ name: 'ECDH' }, gen.privateKey, 256));
  await t('ecdh public is private', () => subtle.deriveBits({ name: 'ECDH', public: gen.privateKey }, gen.privateKey, 256));
  await t('ecdh base is public', () => subtle.deriveBits({ name: 'ECDH', public: gen.publicKey }, gen.publicKey, 256));
  await t('ecdh with an ecdsa key', async () => subtle.deriveBits({ name: 'ECDH', public: await subtle.importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']) }, gen.privateKey, 256));
  await t('ecdh jwk export', async () => Object.keys(await subtle.exportKey('jwk', gen.privateKey)).join(','));
  await t('ecdh generate usages', () => subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['sign']));
  await t('ecdh generate no usages', () => subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, []));
  await t('ecdh x25519 public', async () => subtle.deriveBits({ name: 'ECDH', public: (await subtle.generateKey({ name: 'X25519' }, true, ['deriveBits'])).publicKey }, gen.privateKey, 256));
  await t('node diffieHellman ec curves differ', () => nodeCrypto.diffieHellman({ privateKey: nodeCrypto.KeyObject.from(gen.privateKey), publicKey: nodeCrypto.KeyObject.from(other.publicKey) }));
  // Parameters converted as WebIDL does: octets truncated and range-checked, BufferSource members checked first.
  for (const tagLength of ['128', 128.5, 96.9, -1, null, 'x', 384]) {
    await t('tagLength ' + tagLength, () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(12), tagLength }, keys['AES-GCM128'], bytes(3)));
  }
  for (const length of [1.5, 64.9, -1, NaN, '64', 320, 0.5, null]) {
    await t('ctr length ' + length, () => subtle.encrypt({ name: 'AES-CTR', counter: bytes(16), length }, keys['AES-CTR128'], bytes(3)));
  }
  await t('iv string', () => subtle.encrypt({ name: 'AES-GCM', iv: 'abc' }, keys['AES-GCM128'], bytes(3)));
  await t('iv string, key of another algorithm', () => subtle.encrypt({ name: 'AES-GCM', iv: 'abc' }, keys['AES-CTR128'], bytes(3)));
  await t('counter number', () => subtle.encrypt({ name: 'AES-CTR', counter: 5, length: 64 }, keys['AES-CTR128'], bytes(3)));
  await t('additionalData string', () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(12), additionalData: 'x' }, keys['AES-GCM128'], bytes(3)));
  await t('label string', () => subtle.encrypt({ name: 'RSA-OAEP', label: 'x' }, rsaPublic, bytes(3)));
  await t('additionalData before iv', () => subtle.encrypt({ name: 'AES-GCM', additionalData: 5 }, keys['AES-GCM128'], bytes(3)));
  console.log(Object.getOwnPropertyNames(Object.getPrototypeOf(subtle)).sort().join(','));
})();
module.exports = function (cb) { cb(); };
