// crypto key derivation: pbkdf2 (every digest), scrypt (RFC 7914 vectors and node's output for other costs, the cost
// aliases, maxmem), hkdf (an ArrayBuffer, as node returns), sync and callback forms, and Node's errors.
const crypto = require('crypto');
const t = (name, f) => {
  try {
    console.log(name, f());
  } catch (e) {
    console.log(name, e.name, e.code, e.message);
  }
};
// md5 takes the host's interruptible PBKDF2 loop (the platform's has no MD5), the others the platform's one-shot.
for (const digest of ['sha1', 'sha256', 'sha384', 'sha512', 'md5', 'SHA256']) {
  console.log('pbkdf2', digest, crypto.pbkdf2Sync('password', 'salt', 4096, 20, digest).toString('hex'));
}
console.log('pbkdf2 long', crypto.pbkdf2Sync('passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 2, 100, 'sha256').toString('base64'));
console.log('pbkdf2 bytes', crypto.pbkdf2Sync(Buffer.from([0, 1, 2]), new Uint8Array([9, 8]), 1, 0, 'sha1').length,
  crypto.pbkdf2Sync(Buffer.from([0, 1, 2]), new Uint8Array([9, 8]), 3, 64, 'sha512').toString('hex').slice(0, 32));
console.log('scrypt rfc1', crypto.scryptSync('', '', 64, { N: 16, r: 1, p: 1 }).toString('hex'));
console.log('scrypt rfc2', crypto.scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }).toString('hex'));
console.log('scrypt default', crypto.scryptSync('secret', 'salt', 32).toString('hex'));
console.log('scrypt aliases', crypto.scryptSync('secret', 'salt', 16, { cost: 64, blockSize: 2, parallelization: 3 }).toString('hex'));
console.log('scrypt r3', crypto.scryptSync(Buffer.from('pw'), Buffer.from('salt'), 40, { N: 256, r: 3, p: 2 }).toString('base64'));
console.log('scrypt maxmem', crypto.scryptSync('a', 'b', 8, { N: 1024, r: 8, p: 1, maxmem: 2 * 1024 * 1024 }).toString('hex'));
const hk = crypto.hkdfSync('sha256', Buffer.from('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b', 'hex'),
  Buffer.from('000102030405060708090a0b0c', 'hex'), Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'), 42);
console.log('hkdf rfc5869', hk instanceof ArrayBuffer, Buffer.from(hk).toString('hex'));
console.log('hkdf strings', Buffer.from(crypto.hkdfSync('sha512', 'key', 'salt', 'info', 64)).toString('base64'));
console.log('hkdf sha1 empty salt', Buffer.from(crypto.hkdfSync('sha1', 'key', '', '', 20)).toString('hex'));
console.log('hkdf KeyObject', Buffer.from(crypto.hkdfSync('sha256', crypto.createSecretKey(Buffer.from('key')), 'salt', 'info', 16)).toString('hex'));
crypto.pbkdf2('password', 'salt', 1, 16, 'sha256', (err, key) => {
  console.log('pbkdf2 async', err, key.toString('hex'));
  crypto.scrypt('password', 'salt', 16, { N: 32 }, (e, k) => {
    console.log('scrypt async', e, k.toString('hex'));
    crypto.scrypt('password', 'salt', 16, (e2, k2) => {
      console.log('scrypt async default', e2, k2.toString('hex'));
      crypto.hkdf('sha256', 'key', 'salt', 'info', 16, (e3, k3) => console.log('hkdf async', e3, k3 instanceof ArrayBuffer, Buffer.from(k3).toString('hex')));
    });
  });
});
t('pbkdf2 zero iterations', () => crypto.pbkdf2Sync('p', 's', 0, 32, 'sha256'));
t('pbkdf2 bad digest', () => crypto.pbkdf2Sync('p', 's', 1, 32, 'foo'));
t('pbkdf2 no digest', () => crypto.pbkdf2Sync('p', 's', 1, 32));
t('pbkdf2 negative keylen', () => crypto.pbkdf2Sync('p', 's', 1, -1, 'sha256'));
t('pbkdf2 password number', () => crypto.pbkdf2Sync(1, 's', 1, 1, 'sha256'));
t('pbkdf2 iterations string', () => crypto.pbkdf2Sync('p', 's', '1', 1, 'sha256'));
t('pbkdf2 no callback', () => crypto.pbkdf2('p', 's', 1, 1, 'sha256'));
t('scrypt N not power of two', () => crypto.scryptSync('p', 's', 32, { N: 3 }));
t('scrypt N 1', () => crypto.scryptSync('p', 's', 32, { N: 1 }));
t('scrypt memory', () => crypto.scryptSync('p', 's', 32, { N: 2 ** 20 }));
t('scrypt maxmem low', () => crypto.scryptSync('p', 's', 32, { N: 1024, maxmem: 1024 }));
t('scrypt both N and cost', () => crypto.scryptSync('p', 's', 32, { N: 16, cost: 16 }));
t('scrypt r 0', () => crypto.scryptSync('p', 's', 32, { N: 16, r: 0 }));
t('hkdf length', () => crypto.hkdfSync('sha256', 'k', 's', 'i', 255 * 32 + 1));
t('hkdf digest', () => crypto.hkdfSync('foo', 'k', 's', 'i', 10));
t('hkdf info', () => crypto.hkdfSync('sha256', 'k', 's', Buffer.alloc(1025), 10));
module.exports = function (cb) { cb(); };
