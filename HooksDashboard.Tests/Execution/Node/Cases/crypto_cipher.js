// crypto ciphers: AES-128/192/256 in CBC, ECB, CTR and GCM — ciphertexts, tags and streaming output byte for byte as
// node produces them (any chunking, output encodings), decryption, padding control, GCM's AAD, tag lengths and IV
// lengths, and Node's errors.
const crypto = require('crypto');
const t = (name, f) => {
  try {
    console.log(name, f());
  } catch (e) {
    console.log(name, e.name, e.code, e.message);
  }
};
const key = (n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) & 255));
const iv16 = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const iv12 = Buffer.from('cafebabefacedbaddecaf888', 'hex');
const text = (n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 11) & 255));

console.log(crypto.getCiphers().filter((c) => /^aes-\d+-(cbc|ctr|ecb|gcm)$/.test(c)).join(' '));
for (const bits of [128, 192, 256]) {
  for (const mode of ['cbc', 'ecb', 'ctr', 'gcm']) {
    const name = `aes-${bits}-${mode}`;
    const iv = mode === 'ecb' ? null : mode === 'gcm' ? iv12 : iv16;
    for (const n of [0, 1, 15, 16, 17, 33, 100]) {
      const c = crypto.createCipheriv(name, key(bits / 8), iv);
      const out = Buffer.concat([c.update(text(n)), c.final()]);
      const tag = mode === 'gcm' ? c.getAuthTag().toString('hex') : '';
      const d = crypto.createDecipheriv(name, key(bits / 8), iv);
      if (mode === 'gcm') d.setAuthTag(Buffer.from(tag, 'hex'));
      const back = Buffer.concat([d.update(out), d.final()]);
      console.log(name, n, out.toString('hex').slice(0, 48), out.length, tag, back.equals(text(n)));
    }
  }
}

// Chunked input gives the same output as one update; each update returns what node's does.
for (const mode of ['cbc', 'ctr', 'gcm', 'ecb']) {
  const name = `aes-256-${mode}`;
  const iv = mode === 'ecb' ? null : mode === 'gcm' ? iv12 : iv16;
  const c = crypto.createCipheriv(name, key(32), iv);
  const sizes = [];
  const parts = [];
  for (const n of [5, 11, 16, 1, 31, 0, 40]) {
    const part = c.update(text(n));
    sizes.push(part.length);
    parts.push(part);
  }
  parts.push(c.final());
  console.log(name, sizes.join(','), Buffer.concat(parts).toString('base64').slice(0, 40));
  const d = crypto.createDecipheriv(name, key(32), iv);
  if (mode === 'gcm') d.setAuthTag(c.getAuthTag());
  const all = Buffer.concat(parts);
  const dsizes = [];
  const dparts = [];
  for (let i = 0; i < all.length; i += 13) {
    const part = d.update(all.subarray(i, i + 13));
    dsizes.push(part.length);
    dparts.push(part);
  }
  dparts.push(d.final());
  console.log(name, dsizes.join(','), Buffer.concat(dparts).toString('hex').slice(0, 40));
}

// String input and output encodings, as hooks write them.
const secretKey = crypto.createHash('sha256').update('my secret').digest();
const cipher = crypto.createCipheriv('aes-256-cbc', secretKey, iv16);
let encrypted = cipher.update('{"user":"ü@example.com","n":1}', 'utf8', 'base64');
encrypted += cipher.final('base64');
console.log(encrypted);
const decipher = crypto.createDecipheriv('aes-256-cbc', secretKey, iv16);
console.log(decipher.update(encrypted, 'base64', 'utf8') + decipher.final('utf8'));
const hexCipher = crypto.createCipheriv('aes-128-ctr', key(16), iv16);
console.log(hexCipher.update('abc', 'latin1', 'hex'), hexCipher.update('défg', 'utf8', 'hex'), hexCipher.final('hex'));
const b64 = crypto.createCipheriv('aes-128-ctr', key(16), iv16);
console.log(JSON.stringify([b64.update('a', 'utf8', 'base64'), b64.update('bcd', 'utf8', 'base64'), b64.final('base64')]));
const split = crypto.createDecipheriv('aes-128-ctr', key(16), iv16);
const euro = crypto.createCipheriv('aes-128-ctr', key(16), iv16).update('€uro');
console.log(JSON.stringify([split.update(euro.subarray(0, 1), undefined, 'utf8'), split.update(euro.subarray(1), undefined, 'utf8'), split.final('utf8')]));

// CTR counter carry across the 64-bit and 128-bit boundaries.
for (const ivHex of ['ffffffffffffffffffffffffffffffff', '0000000000000000fffffffffffffffe']) {
  const c = crypto.createCipheriv('aes-128-ctr', key(16), Buffer.from(ivHex, 'hex'));
  console.log('ctr carry', c.update(Buffer.alloc(48)).toString('hex').slice(0, 96));
}

// GCM: AAD, tag lengths, IV lengths other than 12 bytes, and its inc32 counter wrapping.
const gcm = crypto.createCipheriv('aes-128-gcm', key(16), iv12);
gcm.setAAD(Buffer.from('header'));
gcm.setAAD(Buffer.from('-more'));
const gcmOut = Buffer.concat([gcm.update('authenticated secret'), gcm.final()]);
console.log('gcm aad', gcmOut.toString('hex'), gcm.getAuthTag().toString('hex'));
const gcmD = crypto.createDecipheriv('aes-128-gcm', key(16), iv12);
gcmD.setAAD(Buffer.from('header-more'));
gcmD.setAuthTag(gcm.getAuthTag());
console.log('gcm aad back', gcmD.update(gcmOut, undefined, 'utf8') + gcmD.final('utf8'));
for (const ivLength of [1, 8, 16, 60]) {
  const c = crypto.createCipheriv('aes-192-gcm', key(24), text(ivLength));
  const out = c.update(text(40)).toString('hex');
  c.final();
  console.log('gcm iv', ivLength, out.slice(0, 40), c.getAuthTag().toString('hex'));
}
for (const authTagLength of [4, 8, 12, 13, 16]) {
  const c = crypto.createCipheriv('aes-256-gcm', key(32), iv12, { authTagLength });
  c.update('x');
  c.final();
  const tag = c.getAuthTag();
  const d = crypto.createDecipheriv('aes-256-gcm', key(32), iv12, { authTagLength });
  d.setAuthTag(tag);
  d.update(Buffer.from(crypto.createCipheriv('aes-256-gcm', key(32), iv12).update('x')));
  console.log('gcm tag', authTagLength, tag.toString('hex'), d.final().length);
}
const wrap = crypto.createCipheriv('aes-128-gcm', key(16), Buffer.from('00112233445566778899aabbccddeeff', 'hex'));
console.log('gcm inc32', wrap.update(Buffer.alloc(64)).toString('hex').slice(64, 128));
const short = crypto.createDecipheriv('aes-128-gcm', key(16), iv12);
short.setAuthTag(Buffer.alloc(8));
console.log('short tag accepted', short.update(Buffer.alloc(3)).length);

// Padding control.
const noPad = crypto.createCipheriv('aes-128-cbc', key(16), iv16).setAutoPadding(false);
console.log('no padding', Buffer.concat([noPad.update(text(32)), noPad.final()]).toString('hex').slice(0, 32));
const noPadD = crypto.createDecipheriv('aes-128-cbc', key(16), iv16);
noPadD.setAutoPadding(false);
const padded = crypto.createCipheriv('aes-128-cbc', key(16), iv16);
const paddedOut = Buffer.concat([padded.update(text(5)), padded.final()]);
console.log('padding kept', Buffer.concat([noPadD.update(paddedOut), noPadD.final()]).toString('hex'));
console.log('key as KeyObject', crypto.createCipheriv('aes-128-ecb', crypto.createSecretKey(key(16)), null).update(text(16)).toString('hex'));
console.log('empty iv for ecb', crypto.createCipheriv('aes-128-ecb', key(16), Buffer.alloc(0)).final().toString('hex'));
console.log(JSON.stringify(crypto.getCipherInfo('aes-256-gcm')), JSON.stringify(crypto.getCipherInfo('AES-128-CBC')), crypto.getCipherInfo('nope'));

t('key length', () => crypto.createCipheriv('aes-128-cbc', Buffer.alloc(5), iv16));
t('iv length', () => crypto.createCipheriv('aes-128-cbc', key(16), Buffer.alloc(5)));
t('unknown cipher', () => crypto.createCipheriv('aes-128-foo', key(16), iv16));
t('gcm empty iv', () => crypto.createCipheriv('aes-128-gcm', key(16), Buffer.alloc(0)));
t('gcm tag length option', () => crypto.createCipheriv('aes-128-gcm', key(16), iv12, { authTagLength: 3 }));
t('bad decrypt', () => { const d = crypto.createDecipheriv('aes-128-cbc', key(16), iv16); d.update(Buffer.alloc(16)); return d.final(); });
t('wrong final block', () => { const d = crypto.createDecipheriv('aes-128-cbc', key(16), iv16); d.update(Buffer.alloc(15)); return d.final(); });
t('no padding partial', () => { const c = crypto.createCipheriv('aes-128-cbc', key(16), iv16); c.setAutoPadding(false); c.update(Buffer.alloc(15)); return c.final(); });
t('gcm wrong tag', () => { const d = crypto.createDecipheriv('aes-128-gcm', key(16), iv12); d.setAuthTag(Buffer.alloc(16)); d.update(Buffer.alloc(15)); return d.final(); });
t('gcm no tag', () => { const d = crypto.createDecipheriv('aes-128-gcm', key(16), iv12); d.update(Buffer.alloc(15)); return d.final(); });
t('gcm tag early', () => crypto.createCipheriv('aes-128-gcm', key(16), iv12).getAuthTag());
t('gcm bad tag length', () => crypto.createDecipheriv('aes-128-gcm', key(16), iv12).setAuthTag(Buffer.alloc(3)));
t('final twice', () => { const c = crypto.createCipheriv('aes-128-gcm', key(16), iv12); c.final(); return c.final(); });
t('update after final', () => { const c = crypto.createCipheriv('aes-128-cbc', key(16), iv16); c.final(); return c.update('a'); });
t('update number', () => crypto.createCipheriv('aes-128-cbc', key(16), iv16).update(5));
t('key number', () => crypto.createCipheriv('aes-128-cbc', 5, iv16));
t('odd hex', () => crypto.createCipheriv('aes-128-cbc', key(16), iv16).update('abc', 'hex'));
module.exports = function (cb) { cb(); };
