// crypto keys: KeyObject from PEM (PKCS#1, PKCS#8, SEC1, SPKI, certificates, encrypted PKCS#8), DER and JWK; their
// details, exports in every format (byte for byte as node writes them), equals, and Node's errors for bad input.
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
const RSA_ENCRYPTED = `-----BEGIN ENCRYPTED PRIVATE KEY-----
MIIFLTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI+podpWMd40UCAggA
MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBDiRqVvSAUFS3p48t88dF3/BIIE
0Im6PBeAZ3ciQaOc3HrbK2/sb+YikaOAczFPyd5RQFW9sIi6qFXeY2zJj5BsQjrH
L098eb19Gi/9vcN13jGMOBAZ1Xt/7GBnuo9CUvaymCxnhvDnRkaEhKXcBH/+NxWX
QAY/huk8E2B9IA5mgeMHYkIS9x6ZJeHxZAKK5Phqu/N37CZSX2k/O+xHoW78Najv
Q8Zxe0ugQVaOrkvUdrbRG+DNoAkVYrJDsxB7d3oUK7+5h4raxr9wbbsWZJhcMjUA
K+gRDRTGnPCmJasTgX5ihP14FLlJKFS4y3J0KBUi6bMinv42yBAjOn894YpJJ5x1
iOKw7K4KTB7lpUv/wmvdzlr9pHQObpxX1w4aBUupgeOt10ZFluSzp/YPNP1Xv19R
VTx+P1AoloPAHKvODZxyJvMdmg9Wejz+61RKVhElJDj4aVVtts60g1cwj2mPaBLT
rpXfxDOTfnk1QACRvy5mwMWfDZIDi9cL3RychjhKG1k/0CtlLy3IAMNEOYwckG0o
w1zkgrfyOengoUMZ+C4i6rPzVJVdWyiilvUeXi60vTa7ZhMkP1g/KJyphOagTiV5
NJzU2BJ8PtV44VqQgSe0KEz+5YQkMONBdviauVYMXMlxzl2o7KcrkeYF6tw3SafH
2J64vBJUc3EI5ggdzxRSllQYpUXN8QQ8KoZfdt40oiViPB6OJWrqNEjqV3TDGLqF
5EFiAqLU8wGqrmeFsbvF5xdZSF3NkzDs0lempD5fEAYHhhpebNCaRlKQ1hpkymbo
nJxSYB02PcikFVN3XzOVy6qG1pVXlsMfWufLEnmCncjfBT3njolMo63dQsrpdOtu
ZlQ5f9L1DSIdTFomZaYVKJMmAtTjX1dQZPt9vpu11GvtFUnZnlpohv0/iY1n0/Fy
Pcfse4yyDpq8q9DWshyS9J8l4wf/GcA63USPO0h0IwsMzB0fcl9eiW1YrScgdqoA
TV8EJHzsQBn5nBnz5SKrZLdLgkuQU3DZ3i5ZAtX+U3YfzWfWxQLhbwq5+9MGGe6/
xdGapNc0MfLUEUjoZddQW3EBsmFJ4xtX7TT9kRd8GSMYdcB07x+ID/h1IDCRkxmo
lErlfbyPl4EWEqD+3p+WI6jnQIRCfbzyvlfeNVFuVAZ9Qia+zRPxoDTrcfm0FToz
xQNq5W6PiLkppQqINWZZM2EhBLr3mJBA45KGwTCeAVMC5PynnrG87wg0GkdZS57+
KM8zVs2MyYSaXmJG+mevrT2LcluIHo4+l2p7gNrwGkeMwdnHtWw0ZnN9qHBVFrkw
9LojGIdYhbT2yrSc2CMyRGrFgFegvTFhunFb6lH8VjwZph0ygqpGl7Muextew1N6
QXoajLpywQwyJCcHpuqh0nBeuccnx+fj6YieSDb38fjfety4B9Ql0kUh+hln+Z/8
Jk27lBypMdzHBpmCdzIBJO6f5DEiYuiBOSDZMbnBKCbgV5NcSKiZG8ZC0x5C0AId
X//NMTj8e3bKJAdm9Uf7zt/Kr6eXT6/+gND3qHv+qCsAnGbldUYpZQvYnWynAJ6d
o1MSnamZ/dST2e3f2881rilqvobn1xzmDacyme5Ydiiq7AVk6YIhBEpDtWUFt+pb
8Lb5hcsuc8Nvs4pmCdzLVqzcIVwqTwDDG1+fgGF+JeMm
-----END ENCRYPTED PRIVATE KEY-----
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
const CERT = `-----BEGIN CERTIFICATE-----
MIIDCzCCAfOgAwIBAgIUOiIQFCUmcR5ZMZ97gID1KdqftFQwDQYJKoZIhvcNAQEL
BQAwFTETMBEGA1UEAwwKaG9va3MudGVzdDAeFw0yNjEyMDUxOTUyNTdaFw0zNjEy
MDIxOTUyNTdaMBUxEzARBgNVBAMMCmhvb2tzLnRlc3QwggEiMA0GCSqGSIb3DQEB
AQUAA4IBDwAwggEKAoIBAQDJvTCPvbCy7xWa1ekAivQCgOT2FWrzXbeqdEhYBymv
vxy2qnxgjv0zd4SoV0sQGkJ7sFwZnr3Uhxxbb3xYX+3tWCXtCidI/0f2Df9riayb
uZXukgskw6bB8u8bR23iSYzxpMcVNirS7dFOxhDJHh7j4LkS+BhZ+ekCL7FtCbFJ
EINSC/beO211H7vCLeSY04XDBn9EI/g0IiNKMI6di5u2UGPRe/NmVLxMtXCXXbPz
4yFCP5LSecYQVTxRTodGnsVnWOiL5pwCf0mf09t6cgCU1cXkzPGVRhjFyUDzxTTY
AU+6Mb4lhmRns2RP7MrUZB7CpFxy071/Y83Gb6WbGCF5AgMBAAGjUzBRMB0GA1Ud
DgQWBBTMhV80TEgOJYRP0w5Vk4+o3/DtGDAfBgNVHSMEGDAWgBTMhV80TEgOJYRP
0w5Vk4+o3/DtGDAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQAJ
jmG47KMFrQ6+YMXGIKrfgPegwK/4O75geUtC/a3RndOXOxiOAn0cEG76G5xK1SY3
y//JrsU0eGNk2qIZioXUQ2kIFB/MuXTyWY+ldi0syDSCp+ir5ygT/c/ZoF6ANLad
aBi74yOW9xiAKpQt2PeJYzRr2Ff5iuFAL/mhv+d6gfGMZj4sckPGSekAlGtWjJhi
qQc+QfW4MkfTiC8gPeHYf/Sloxw8j28dC68ulFYZffaWdRXz31udGA+QRpNoqUJ1
ET/RJExPCP7TuDZkodc1GNYYLPvqcaOAZDAisnJHhNkqoY/Pz0ovdnYpgQGxdSTn
fWAWPmqG3Iyut4gQxEsZ
-----END CERTIFICATE-----
`;
const t = (name, f) => {
  try {
    const r = f();
    console.log(name, typeof r === 'object' && r !== null && !Buffer.isBuffer(r) ? JSON.stringify(r) : r);
  } catch (e) {
    console.log(name, e.name, e.code, e.message);
  }
};
const sha = (x) => crypto.createHash('sha256').update(x).digest('hex').slice(0, 16);
const describe = (k) => [k.type, k.asymmetricKeyType, JSON.stringify(k.asymmetricKeyDetails, (key, v) => typeof v === 'bigint' ? v + 'n' : v), k.symmetricKeySize].join(' ');

const rsa = crypto.createPrivateKey(RSA_PKCS1);
console.log(describe(rsa), rsa instanceof crypto.KeyObject);
const pkcs8 = rsa.export({ format: 'pem', type: 'pkcs8' });
console.log(pkcs8.split('\n')[0], pkcs8.endsWith('-----END PRIVATE KEY-----\n'), sha(pkcs8));
console.log(rsa.export({ format: 'pem', type: 'pkcs1' }) === RSA_PKCS1, sha(rsa.export({ format: 'der', type: 'pkcs1' })));
console.log(sha(rsa.export({ format: 'der', type: 'pkcs8' })));
const rsaPublic = crypto.createPublicKey(RSA_PKCS1);
console.log(describe(rsaPublic));
const spki = rsaPublic.export({ format: 'pem', type: 'spki' });
console.log(spki.split('\n')[0], sha(spki), sha(rsaPublic.export({ format: 'pem', type: 'pkcs1' })), sha(rsaPublic.export({ format: 'der', type: 'spki' })));
console.log(crypto.createPublicKey(rsa).equals(rsaPublic), crypto.createPublicKey(spki).equals(rsaPublic), rsa.equals(rsaPublic));
console.log(crypto.createPrivateKey(pkcs8).equals(rsa), crypto.createPrivateKey(Buffer.from(pkcs8)).equals(rsa));
console.log(crypto.createPublicKey(rsaPublic.export({ format: 'pem', type: 'pkcs1' })).equals(rsaPublic));
console.log(crypto.createPublicKey(CERT).equals(rsaPublic), describe(crypto.createPublicKey(CERT)));
console.log(crypto.createPrivateKey({ key: RSA_ENCRYPTED, passphrase: 'top secret' }).equals(rsa));
console.log(crypto.createPrivateKey({ key: RSA_ENCRYPTED, passphrase: Buffer.from('top secret') }).equals(rsa));
console.log(crypto.createPublicKey({ key: RSA_ENCRYPTED, passphrase: 'top secret' }).equals(rsaPublic));
const derPkcs8 = rsa.export({ format: 'der', type: 'pkcs8' });
console.log(crypto.createPrivateKey({ key: derPkcs8, format: 'der', type: 'pkcs8' }).equals(rsa));
console.log(crypto.createPrivateKey({ key: rsa.export({ format: 'der', type: 'pkcs1' }), format: 'der', type: 'pkcs1' }).equals(rsa));
console.log(crypto.createPublicKey({ key: rsaPublic.export({ format: 'der', type: 'spki' }), format: 'der', type: 'spki' }).equals(rsaPublic));
console.log(crypto.createPublicKey({ key: rsaPublic.export({ format: 'der', type: 'pkcs1' }), format: 'der', type: 'pkcs1' }).equals(rsaPublic));
console.log(crypto.createPublicKey({ key: derPkcs8, format: 'der', type: 'pkcs8' }).equals(rsaPublic));
const encrypted = rsa.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-128-cbc', passphrase: 'pw' });
console.log(encrypted.split('\n')[0], crypto.createPrivateKey({ key: encrypted, passphrase: 'pw' }).equals(rsa));

const jwk = rsa.export({ format: 'jwk' });
console.log(Object.keys(jwk).join(','), sha(JSON.stringify(jwk)));
console.log(JSON.stringify(rsaPublic.export({ format: 'jwk' })) === JSON.stringify({ kty: 'RSA', n: jwk.n, e: jwk.e }));
console.log(crypto.createPrivateKey({ key: jwk, format: 'jwk' }).equals(rsa), crypto.createPublicKey({ key: jwk, format: 'jwk' }).equals(rsaPublic));
console.log(crypto.createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }).equals(rsaPublic));

const ec = crypto.createPrivateKey(EC_SEC1);
console.log(describe(ec), ec.export({ format: 'pem', type: 'sec1' }) === EC_SEC1);
const ecPkcs8 = ec.export({ format: 'pem', type: 'pkcs8' });
console.log(ecPkcs8.split('\n')[0], sha(ecPkcs8), sha(ec.export({ format: 'der', type: 'sec1' })));
const ecPublic = crypto.createPublicKey(ecPkcs8);
console.log(describe(ecPublic), sha(ecPublic.export({ format: 'pem', type: 'spki' })));
const ecJwk = ec.export({ format: 'jwk' });
console.log(Object.keys(ecJwk).join(','), ecJwk.crv, ecJwk.x.length, ecJwk.y.length, ecJwk.d.length, sha(JSON.stringify(ecJwk)));
console.log(JSON.stringify(ecPublic.export({ format: 'jwk' })) === JSON.stringify({ kty: 'EC', x: ecJwk.x, y: ecJwk.y, crv: 'P-256' }));
console.log(crypto.createPrivateKey({ key: ecJwk, format: 'jwk' }).equals(ec), crypto.createPublicKey({ key: ecJwk, format: 'jwk' }).equals(ecPublic));
console.log(crypto.createPrivateKey({ key: ec.export({ format: 'der', type: 'sec1' }), format: 'der', type: 'sec1' }).equals(ec));
const ec384 = crypto.createPrivateKey(EC384_PKCS8);
console.log(describe(ec384), ec384.export({ format: 'pem', type: 'pkcs8' }) === EC384_PKCS8, ec384.export({ format: 'jwk' }).crv);
console.log(describe(crypto.createPublicKey(ec384)), sha(crypto.createPublicKey(ec384).export({ format: 'der', type: 'spki' })));

const secret = crypto.createSecretKey(Buffer.from('hooks secret'));
console.log(describe(secret), secret.export().toString(), JSON.stringify(secret.export({ format: 'jwk' })));
console.log(crypto.createSecretKey('6869', 'hex').symmetricKeySize, crypto.createSecretKey('abc').equals(crypto.createSecretKey(Buffer.from('abc'))));
console.log(secret.equals(crypto.createSecretKey(Buffer.from('hooks secreT'))), secret.equals(rsa));

// Printed as Node prints a key whose type and details were not read yet (Node then caches them as symbols).
console.log(crypto.createSecretKey(Buffer.from('k')), crypto.createPrivateKey(RSA_PKCS1), crypto.createPublicKey(EC_SEC1));
console.log({ key: crypto.createPrivateKey(EC_SEC1) });
t('bad pem', () => crypto.createPrivateKey('not a key'));
t('public as private', () => crypto.createPrivateKey(spki));
t('certificate as private', () => crypto.createPrivateKey(CERT));
t('number', () => crypto.createPrivateKey(5));
t('key object', () => crypto.createPrivateKey(rsa));
t('public from public object', () => crypto.createPublicKey(rsaPublic));
t('no passphrase', () => crypto.createPrivateKey(RSA_ENCRYPTED));
t('wrong passphrase', () => crypto.createPrivateKey({ key: RSA_ENCRYPTED, passphrase: 'nope' }));
t('jwk missing n', () => crypto.createPublicKey({ key: { kty: 'RSA' }, format: 'jwk' }));
t('jwk kty', () => crypto.createPublicKey({ key: { kty: 'XX' }, format: 'jwk' }));
t('jwk not object', () => crypto.createPublicKey({ key: 'x', format: 'jwk' }));
t('jwk crv', () => crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-999', x: 'a', y: 'b' }, format: 'jwk' }));
t('jwk private without p', () => crypto.createPrivateKey({ key: { kty: 'RSA', n: 'AQAB', e: 'AQAB', d: 'AQAB' }, format: 'jwk' }));
t('pkcs1 for ec', () => ec.export({ format: 'pem', type: 'pkcs1' }));
t('sec1 for rsa', () => rsa.export({ format: 'pem', type: 'sec1' }));
t('no options', () => rsa.export());
t('no type', () => rsa.export({ format: 'pem' }));
t('private type for public', () => rsaPublic.export({ format: 'pem', type: 'pkcs8' }));
t('equals non key', () => rsa.equals('x'));
t('secret number', () => crypto.createSecretKey(5));
module.exports = function (cb) { cb(); };
