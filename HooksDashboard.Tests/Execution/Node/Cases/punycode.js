// punycode: RFC 3492 encode/decode, IDNA labels, ucs2 helpers and its errors (Node 20 prints no warning on require).
const punycode = require('punycode');
console.log(punycode.version, Object.keys(punycode).sort());
for (const s of ['mañana', 'bücher', '☃-⌘', 'abc', '', 'ü', '他们为什么不说中文', 'Pročprostěnemluvíčesky', '💩']) {
  const e = punycode.encode(s);
  console.log(JSON.stringify(s), e, punycode.decode(e) === s);
}
console.log(punycode.toASCII('mañana.com'), punycode.toASCII('☃.net'), punycode.toASCII('user@bücher.example'), punycode.toASCII('example.com'));
console.log(punycode.toUnicode('xn--maana-pta.com'), punycode.toUnicode('xn--n3h.net'), punycode.toUnicode('XN--BCHER-KVA.example'), punycode.toUnicode('plain.org'));
console.log(punycode.toASCII('a\u3002b\uFF0Ec\uFF61d'));
console.log(punycode.ucs2.decode('a💩b'), punycode.ucs2.encode([97, 0x1F4A9, 98]), punycode.ucs2.decode('\uD800x'));
for (const bad of ['\u0100-abc', 'abc-!', 'zzzzzzzzzzzzz']) {
  try { console.log(punycode.decode(bad)); } catch (e) { console.log(e.name, e.message); }
}
console.log(require('node:punycode') === punycode);
module.exports = function (cb) { cb(); };
