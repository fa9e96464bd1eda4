// AES key wrap ciphers (RFC 3394 and RFC 5649 with padding) as OpenSSL's: jose's A*KW, ECDH-ES+A*KW and PBES2 use them.
const c = require('crypto');
console.log(c.getCiphers().filter(n => /aes.*wrap/.test(n)));
for (const n of ['aes128-wrap', 'id-aes128-wrap', 'aes192-wrap', 'aes256-wrap', 'aes128-wrap-pad', 'id-aes256-wrap-pad', 'id-aes192-wrap']) console.log(n, JSON.stringify(c.getCipherInfo(n)));
const t = (f) => { try { const r = f(); console.log(Buffer.isBuffer(r) ? r.toString('hex') : r); } catch (e) { console.log(e.name, e.code, e.message); } };
const key = Buffer.from('000102030405060708090A0B0C0D0E0F', 'hex'), iv = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const data = Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex');
t(() => { const x = c.createCipheriv('aes128-wrap', key, iv); return Buffer.concat([x.update(data), x.final()]); });
t(() => { const x = c.createCipheriv('aes128-wrap', key, iv); const a = x.update(data); const b = x.final(); return a.length + '/' + b.length; });
t(() => { const x = c.createCipheriv('aes128-wrap', key, iv); return x.update(data.subarray(0, 8)); });
t(() => { const x = c.createCipheriv('aes128-wrap', key, iv); return x.update(data.subarray(0, 12)); });
t(() => { const x = c.createCipheriv('aes128-wrap', key, iv); x.update(data); return x.update(data); });
t(() => { const x = c.createCipheriv('aes128-wrap', key, null); return x.update(data); });
t(() => { const x = c.createCipheriv('aes128-wrap', key, Buffer.alloc(8)); return x.update(data); });
t(() => { const x = c.createCipheriv('aes128-wrap', key, Buffer.alloc(16)); return x.update(data); });
t(() => { const x = c.createCipheriv('aes128-wrap', key, Buffer.alloc(0)); return x.update(data); });
t(() => { const x = c.createCipheriv('aes128-wrap', Buffer.alloc(15), iv); });
const wrapped = Buffer.from('1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5', 'hex');
t(() => { const x = c.createDecipheriv('aes128-wrap', key, iv); return Buffer.concat([x.update(wrapped), x.final()]); });
t(() => { const x = c.createDecipheriv('aes128-wrap', key, iv); const w = Buffer.from(wrapped); w[0] ^= 1; return Buffer.concat([x.update(w), x.final()]); });
t(() => { const x = c.createDecipheriv('aes128-wrap', key, iv); const w = Buffer.from(wrapped); w[0] ^= 1; return x.update(w); });
t(() => { const x = c.createDecipheriv('aes128-wrap', key, Buffer.alloc(8, 1)); return x.update(wrapped); });
t(() => { const x = c.createCipheriv('aes128-wrap-pad', key, Buffer.from('a65959a6', 'hex')); return Buffer.concat([x.update(Buffer.from('0102030405')), x.final()]); });
t(() => { const x = c.createCipheriv('aes128-wrap-pad', key, null); return Buffer.concat([x.update(Buffer.from('0102030405')), x.final()]); });
t(() => { const x = c.createCipheriv('aes128-wrap-pad', key, Buffer.from('a65959a6', 'hex')); return Buffer.concat([x.update(Buffer.from('0102030405060708090a0b0c0d0e0f1011', 'hex')), x.final()]); });
t(() => { const x = c.createCipheriv('aes128-wrap', key, iv); x.setAutoPadding(false); return x.update(data, null, 'base64') + x.final('base64'); });
t(() => { const x = c.createCipheriv('aes128-wrap', key, iv); return x.final(); });
t(() => { const x = c.createCipheriv('aes256-wrap', Buffer.alloc(32, 7), iv); return x.update(Buffer.alloc(64, 9)); });
t(() => { const x = c.createDecipheriv('aes128-wrap', key, iv); return x.update(wrapped.subarray(0, 16)); });
// Round trips of every size and variant, and a tampered unwrap of the padded form.
for (const bits of [128, 192, 256]) {
  const k = Buffer.alloc(bits / 8, 5);
  for (const len of [1, 7, 8, 9, 16, 20, 24, 40]) {
    const wrapped = c.createCipheriv('id-aes' + bits + '-wrap-pad', k, Buffer.from('a65959a6', 'hex')).update(Buffer.alloc(len, len));
    const back = c.createDecipheriv('aes' + bits + '-wrap-pad', k, Buffer.from('a65959a6', 'hex')).update(wrapped);
    console.log(bits, len, wrapped.toString('hex'), back.equals(Buffer.alloc(len, len)));
  }
  const w = c.createCipheriv('aes' + bits + '-wrap-pad', k, Buffer.from('a65959a6', 'hex')).update(Buffer.alloc(20, 1));
  w[3] ^= 1;
  t(() => c.createDecipheriv('aes' + bits + '-wrap-pad', k, Buffer.from('a65959a6', 'hex')).update(w));
}
t(() => c.createCipheriv('id-aes128-wrap', key, iv).update(Buffer.alloc(0)));
t(() => c.createDecipheriv('aes128-wrap-pad', key, Buffer.from('a65959a6', 'hex')).update(Buffer.alloc(0)));
console.log('end');
module.exports = function (cb) { cb(); };
