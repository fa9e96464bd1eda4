// crypto signatures: RSA PKCS#1 v1.5 (deterministic, compared byte for byte), RSA-PSS and ECDSA (node-made signatures
// verified, ours verified by round trip), createSign/createVerify, one-shot sign/verify, encodings and Node's errors.
const crypto = require('crypto');
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
const EC384_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDAAR2k9bNMLLMDI+G2t
1CXol9z6SngdjS7F4NCQLSsFeZn+mAkKGwMDAh/C3CMkyf+hZANiAARsv856i2A6
ptR5nhw7K58GqJyIhjSOtshOp9GZR2vTuTDhsj8fBF2rBucfj8EMMRCYNOdvlYQM
MlvQAvVtz7SFFIPHrOg7TPpRP8Fl7DsVlXiZUNvqhb13B0e3/m60XhY=
-----END PRIVATE KEY-----
`;
const NODE = {"ecDer":"30450220670bb8c7f90958c06a72bffd059e973bbc9cb44fa07b125e551d7e1a48a39922022100d5e51b3c923cf4905f78d849bf92fcefa2599fc1063be97025f7888a796ab001","ecP1363":"ee335c1c9ccf4d1939514fced69ba44a950d1e1b1d87292f8718d5f7a48488e3072163ab49a5abf036374059344e64ac7e0c8774d543d97febf37baf09921f27","ec384":"MGQCMHtl2XNmDV5WNzVjYO8AyUlV2zDKfI1ZVT3MzyrkdhEztw+qVunoiWPszxQk4xEAVgIwCvYKad95PjAqur3TGA4ZbD4BPuZLiUAPfxU0uJo1z9D9QxjD1QElakPWMlXPg57h","pssMax":"oqU/5/dAn6k91d5+5pkcHxqppCcr3TcuUlyrct9APIefgfaOJG3sT19XCHZ0DY+tKCnA+8uH86WNh5SsGeLHb96sOGrkE0LlF4M+3XmEtfDSwcE5o4QmZpcFivreQ/FggHGuI03mZuc1X1JkDwSBQIx9oai0p6QcS5ppLc0NFEHFGoszAdbbpTFeAvk9q7t0L61wSgxyr5ZIWL3GzN81ctrIcQDJ7Wdgn79Ic1lsifbwMJKTmZoOQcXEJBVu/ZUPCA8HIAk1ovG5jDrMHaSDOYDiEmCz4WFlOUdC1kRAO/NMVUXByfjEvPmqDSQbL+xH1pkoW3HCCu3Jok4/VGPbpA==","pssDigest":"JcKhiPEcr75BpWzGAx0Ie08qybVFc/kWgpRKx13C9o8AaIQcWzLGiCEtMuuw1Cuz4/ioATznTE0nz+7pJ40HisXGFeVI3g7PNWx9r6wBVP1eTt4gzLaKjtPE61uK/v1gBOo6Zyj3U6NiCIjmpSCGje6+rvvhqKrnhErUY/vrxIUPp/P1I9OnB3rniKmqCVOy+uhcMn2uFGUp0CDaCSQrOue848dvcmig3SJ52QrBpYSKCEVfPP5IwwvnXzmlkEFYRSHjdYCf7Hz3KNmq7xIjPF+jeud/R8ls9Ty3Cx1z4EdFXvjnY2OIlzex6M7QypOKTcS1w6UI+68aeExuyH+iYw==","pss0":"sR57foaTHy83q0SEvqIQLJMZf+IS0eEnhgvvRy5q9Q7Q/BqYNRZdUKd26HbmgDuDviLvpxEy0jCiGadi4kbkYbMTTp36yIGTguCOZFK0ScJB1z1+oiYM3Cf5hwsFCGQvSc+z6QxaLlN7U/U1VmY16Vaf9I/pAf3kmO/eHQU8gOGpCCQUAkSH+e4RppuFzu5XrRubMSWajtyvc1AHAj2LtNGqr3CwrNv2Yf/G5fbr3/iclBwbcTaEjon/ljlBQ49kkYy/TaolxjisL0Zs9TuExh1ybJrLTXPTaEkR68IOiE10js/2FjOTENpCvQmiIIMPqzcNmnqI86lDmWX9EJeIdw==","pss10":"OtWyVqrDZ64dLeWFWeE3eOawOaTGQ2FSWpvYYY3PM7MJ0Fmuo1jWwpiNvsyJ214g72khTu3jP3XnK+il1BQDDyFEoDFrGSAM6oeIptSdpOYZgRbuDYtHpasJyW4RF+A074Oo5g0DBeYlbT1EAr/3ygG81si5mOmPGpLRGvDN0UkAqiSbRemLwyZh9mvWjzu+sIM61MO2JbSp5V6dn/wTfSxxydeu5KmrwrznCn+AHhqwb/t3douPTj+5JszyO9n2oaarcbdrLdYWTPmCVlkwZDoIh4R/hPSasB8VO6uH0WbUoEB4Dj6SUUbWO9rWaCf/0G6Yi519fzFqQnxVzjA59w=="};
const t = (name, f) => {
  try {
    console.log(name, f());
  } catch (e) {
    console.log(name, e.name, e.code, e.message);
  }
};
const message = Buffer.from('hooks payload');
const rsa = crypto.createPrivateKey(RSA_PKCS1);
const rsaPublic = crypto.createPublicKey(rsa);
const ec = crypto.createPrivateKey(EC_SEC1);
const ecPublic = crypto.createPublicKey(ec);
const ec384 = crypto.createPrivateKey(EC384_PKCS8);
const spkiPem = rsaPublic.export({ format: 'pem', type: 'spki' });

for (const alg of ['sha256', 'SHA384', 'RSA-SHA512', 'sha1', 'md5', 'sha256WithRSAEncryption']) {
  console.log(alg, crypto.sign(alg, message, rsa).toString('base64').slice(0, 40));
}
console.log(crypto.sign(null, message, rsa).equals(crypto.sign('sha256', message, rsa)));
const signer = crypto.createSign('RSA-SHA256');
signer.update('hooks ').update(Buffer.from('pay')).update('6c6f6164', 'hex');
const signature = signer.sign(RSA_PKCS1, 'base64');
console.log(signature === crypto.sign('sha256', message, rsa).toString('base64'));
console.log(crypto.createVerify('sha256').update(message).verify(spkiPem, signature, 'base64'));
console.log(crypto.createVerify('sha256').update(message).verify(RSA_PKCS1, signature, 'base64'));
console.log(crypto.createVerify('sha256').update('other').verify(rsaPublic, signature, 'base64'));
console.log(crypto.verify('sha256', message, rsaPublic, Buffer.from(signature, 'base64')), crypto.verify('sha256', message, rsa, Buffer.from(signature, 'base64')));
console.log(crypto.verify('sha256', message, { key: spkiPem }, Buffer.from(signature, 'base64')));
console.log(crypto.createSign('sha256').update(message).sign({ key: rsa }, 'hex').slice(0, 32), crypto.createSign('sha256').update(message).sign(rsa).length);
console.log(crypto.sign('sha256', 'hooks payload', rsa).equals(crypto.sign('sha256', message, rsa)));

console.log('ecdsa der', crypto.verify('sha256', message, ecPublic, Buffer.from(NODE.ecDer, 'hex')));
console.log('ecdsa p1363', crypto.verify('sha256', message, { key: ecPublic, dsaEncoding: 'ieee-p1363' }, Buffer.from(NODE.ecP1363, 'hex')));
console.log('ecdsa p1363 as der', crypto.verify('sha256', message, ecPublic, Buffer.from(NODE.ecP1363, 'hex')));
console.log('ecdsa 384', crypto.verify('sha384', message, crypto.createPublicKey(ec384), Buffer.from(NODE.ec384, 'base64')));
console.log('ecdsa tampered', crypto.verify('sha256', Buffer.from('hooks payloaD'), ecPublic, Buffer.from(NODE.ecDer, 'hex')));
const ours = crypto.sign('sha256', message, ec);
console.log('ecdsa round trip', ours[0] === 0x30, crypto.verify('sha256', message, ecPublic, ours), crypto.verify(null, message, ec, crypto.sign(null, message, ec)));
const ours1363 = crypto.sign('sha256', message, { key: ec, dsaEncoding: 'ieee-p1363' });
console.log('ecdsa p1363 round trip', ours1363.length, crypto.verify('sha256', message, { key: ecPublic, dsaEncoding: 'ieee-p1363' }, ours1363));
console.log('ecdsa 384 round trip', crypto.sign('sha384', message, { key: ec384, dsaEncoding: 'ieee-p1363' }).length,
  crypto.createVerify('sha384').update(message).verify(ec384, crypto.createSign('sha384').update(message).sign(ec384)));

const PSS = crypto.constants.RSA_PKCS1_PSS_PADDING;
console.log('pss max', crypto.verify('sha256', message, { key: rsaPublic, padding: PSS }, Buffer.from(NODE.pssMax, 'base64')));
console.log('pss max as digest', crypto.verify('sha256', message, { key: rsaPublic, padding: PSS, saltLength: 32 }, Buffer.from(NODE.pssMax, 'base64')));
console.log('pss max exact', crypto.verify('sha256', message, { key: rsaPublic, padding: PSS, saltLength: 222 }, Buffer.from(NODE.pssMax, 'base64')));
console.log('pss digest', crypto.verify('sha256', message, { key: rsaPublic, padding: PSS, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST }, Buffer.from(NODE.pssDigest, 'base64')));
console.log('pss 0', crypto.verify('sha512', message, { key: rsaPublic, padding: PSS }, Buffer.from(NODE.pss0, 'base64')));
console.log('pss 10', crypto.verify('sha1', message, { key: rsaPublic, padding: PSS, saltLength: 10 }, Buffer.from(NODE.pss10, 'base64')));
console.log('pss as pkcs1', crypto.verify('sha256', message, rsaPublic, Buffer.from(NODE.pssMax, 'base64')));
for (const saltLength of [undefined, -1, 0, 20, 222]) {
  const s = crypto.sign('sha256', message, { key: rsa, padding: PSS, saltLength });
  console.log('pss round trip', saltLength, s.length, crypto.verify('sha256', message, { key: rsaPublic, padding: PSS, saltLength }, s),
    crypto.verify('sha256', message, { key: rsaPublic, padding: PSS }, s), s.equals(crypto.sign('sha256', message, { key: rsa, padding: PSS, saltLength })));
}
console.log(crypto.createSign('sha512').update(message).sign({ key: rsa, padding: PSS, saltLength: 5 }).length);

let async = null;
// Node's thread pool finishes callbacks in any order: the verify starts once the sign has called back.
crypto.sign('sha256', message, rsa, (err, sig) => {
  async = [err, sig.length];
  console.log('async sign', err, sig.length);
  crypto.verify('sha256', message, rsaPublic, sig, (error, ok) => {
    console.log('async verify', error, ok);
    crypto.generateKeyPair('ec', { namedCurve: 'secp256k1' }, (e, publicKey, privateKey) =>
      console.log('async pair', e, publicKey.type, privateKey.type, crypto.verify('sha256', message, publicKey, crypto.sign('sha256', message, privateKey))));
  });
});
console.log('async pending', async);

const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
console.log(pair.privateKey.asymmetricKeyDetails.modulusLength, crypto.verify('sha256', message, pair.publicKey, crypto.sign('sha256', message, pair.privateKey)));
const pemPair = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
console.log(pemPair.publicKey.split('\n')[0], pemPair.privateKey.split('\n')[0], crypto.verify('sha256', message, pemPair.publicKey, crypto.sign('sha256', message, pemPair.privateKey)));
const derPair = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'der' } });
console.log(Buffer.isBuffer(derPair.privateKey), derPair.publicKey.asymmetricKeyDetails.namedCurve);

t('invalid digest createSign', () => crypto.createSign('foo'));
t('invalid digest sign', () => crypto.sign('foo', message, rsa));
t('public key signs', () => crypto.sign('sha256', message, rsaPublic));
t('secret key signs', () => crypto.sign('sha256', message, crypto.createSecretKey(Buffer.from('a'))));
t('number key', () => crypto.sign('sha256', message, 5));
t('bad dsaEncoding', () => crypto.sign('sha256', message, { key: ec, dsaEncoding: 'foo' }));
t('salt too long', () => crypto.sign('sha256', message, { key: rsa, padding: PSS, saltLength: 1000 }));
t('bad padding', () => crypto.sign('sha256', message, { key: rsa, padding: 99 }));
t('sign twice', () => { const s = crypto.createSign('sha256'); s.update('a'); s.sign(rsa); return s.sign(rsa); });
t('update after sign', () => { const s = crypto.createSign('sha256'); s.sign(rsa); return s.update('a'); });
t('short signature', () => crypto.verify('sha256', message, rsaPublic, Buffer.from('abc')));
t('short ec signature', () => crypto.verify('sha256', message, ecPublic, Buffer.from('abc')));
t('generate unknown', () => crypto.generateKeyPairSync('foo', {}));
t('generate ec without curve', () => crypto.generateKeyPairSync('ec', {}));
t('generate bad curve', () => crypto.generateKeyPairSync('ec', { namedCurve: 'nope' }));
t('generate rsa without length', () => crypto.generateKeyPairSync('rsa', {}));
module.exports = function (cb) { cb(); };
