// Real hook code paths written with plain crypto APIs: a jsonwebtoken-style JWT (HS256, RS256, PS256, ES256) signed
// and verified, a jwks-rsa-style JWK/x5c to PEM conversion, AWS Signature Version 4 and Twilio request signing.
const crypto = require('crypto');
const util = require('util');
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
const b64url = (buf) => Buffer.from(buf).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const fromB64url = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

function signJwt(payload, key, alg) {
  const header = b64url(JSON.stringify({ alg, typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const input = `${header}.${body}`;
  const bits = alg.slice(2);
  let signature;
  if (alg.startsWith('HS')) signature = crypto.createHmac(`sha${bits}`, key).update(input).digest('base64');
  else if (alg.startsWith('RS')) signature = crypto.createSign(`RSA-SHA${bits}`).update(input).sign(key, 'base64');
  else if (alg.startsWith('PS')) {
    signature = crypto.createSign(`RSA-SHA${bits}`).update(input)
      .sign({ key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST }, 'base64');
  } else signature = crypto.sign(`sha${bits}`, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64');
  return `${input}.${signature.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}`;
}

function verifyJwt(token, key) {
  const [header, body, signature] = token.split('.');
  const { alg } = JSON.parse(fromB64url(header).toString());
  const input = `${header}.${body}`;
  const bits = alg.slice(2);
  let ok;
  if (alg.startsWith('HS')) {
    const expected = crypto.createHmac(`sha${bits}`, key).update(input).digest();
    const given = fromB64url(signature);
    ok = expected.length === given.length && crypto.timingSafeEqual(expected, given);
  } else if (alg.startsWith('RS')) ok = crypto.createVerify(`RSA-SHA${bits}`).update(input).verify(key, fromB64url(signature));
  else if (alg.startsWith('PS')) {
    ok = crypto.createVerify(`RSA-SHA${bits}`).update(input)
      .verify({ key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST }, fromB64url(signature));
  } else ok = crypto.verify(`sha${bits}`, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }, fromB64url(signature));
  return ok ? JSON.parse(fromB64url(body).toString()) : null;
}

const claims = { sub: 'auth0|123', aud: 'https://api.example.com', iat: 1700000000, scope: 'read:users' };
const rsa = crypto.createPrivateKey(RSA_PKCS1);
const rsaPublic = crypto.createPublicKey(rsa);
const ec = crypto.createPrivateKey(EC_SEC1);
const hs = signJwt(claims, 'shhhhh', 'HS256');
console.log(hs);
console.log(JSON.stringify(verifyJwt(hs, 'shhhhh')), verifyJwt(hs, 'wrong'));
const rs = signJwt(claims, RSA_PKCS1, 'RS256');
console.log(rs.split('.')[2].slice(0, 60), rs.length);
console.log(JSON.stringify(verifyJwt(rs, rsaPublic)), JSON.stringify(verifyJwt(rs, rsaPublic.export({ type: 'spki', format: 'pem' }))));
console.log(verifyJwt(rs.slice(0, -4) + 'AAAA', rsaPublic));
console.log(signJwt(claims, rsa, 'RS512').split('.')[2].slice(0, 40));
for (const alg of ['PS256', 'ES256', 'HS512']) {
  const key = alg.startsWith('PS') ? rsa : alg.startsWith('ES') ? ec : crypto.createSecretKey(Buffer.from('shhhhh'));
  const verifyKey = alg.startsWith('HS') ? crypto.createSecretKey(Buffer.from('shhhhh')).export() : crypto.createPublicKey(key);
  const token = signJwt(claims, key, alg);
  console.log(alg, token.split('.')[2].length, JSON.stringify(verifyJwt(token, verifyKey)));
}
console.log(util.types.isKeyObject(rsa), util.types.isKeyObject({}), util.types.isCryptoKey(rsa), rsa instanceof crypto.KeyObject);
console.log(rsa.asymmetricKeyType, rsa.asymmetricKeyDetails.modulusLength, ec.asymmetricKeyDetails.namedCurve);

// jwks-rsa: a JWKS entry to a PEM public key, by its modulus and exponent or by its x5c certificate.
const jwk = { kid: 'key-1', use: 'sig', alg: 'RS256', ...rsaPublic.export({ format: 'jwk' }) };
const fromJwk = crypto.createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
console.log(fromJwk === rsaPublic.export({ type: 'spki', format: 'pem' }));
const x5c = CERT.replace(/-----[A-Z ]+-----|\n/g, '');
const certPem = `-----BEGIN CERTIFICATE-----\n${x5c.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
console.log(crypto.createPublicKey(certPem).export({ type: 'spki', format: 'pem' }) === fromJwk, JSON.stringify(verifyJwt(rs, certPem)));

// AWS Signature Version 4 (the AWS documentation's example credentials), as aws4 and the AWS SDK compute it.
const hmac = (key, data, encoding) => crypto.createHmac('sha256', key).update(data, 'utf8').digest(encoding);
const hash = (data) => crypto.createHash('sha256').update(data, 'utf8').digest('hex');
const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const kDate = hmac('AWS4' + secret, '20150830');
const kSigning = hmac(hmac(hmac(kDate, 'us-east-1'), 'iam'), 'aws4_request');
console.log('aws signing key', kSigning.toString('hex'));
const canonical = ['GET', '/', 'Action=ListUsers&Version=2010-05-08',
  'content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n',
  'content-type;host;x-amz-date', hash('')].join('\n');
const toSign = ['AWS4-HMAC-SHA256', '20150830T123600Z', '20150830/us-east-1/iam/aws4_request', hash(canonical)].join('\n');
console.log('aws canonical', hash(canonical));
console.log('aws signature', hmac(kSigning, toSign, 'hex'));

// Twilio: base64(HMAC-SHA1(auth token, URL + each POST parameter's name and value, sorted by name)).
const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const data = Object.keys(params).sort().reduce((acc, k) => acc + k + params[k], 'https://mycompany.com/myapp.php?foo=1&bar=2');
const twilio = crypto.createHmac('sha1', '12345').update(Buffer.from(data, 'utf-8')).digest('base64');
console.log('twilio', twilio, crypto.timingSafeEqual(Buffer.from(twilio), Buffer.from(crypto.createHmac('sha1', '12345').update(data).digest('base64'))));
try {
  crypto.createHmac('sha256', ec);
} catch (e) {
  console.log(e.code, e.message);
}
module.exports = function (cb) { cb(); };
