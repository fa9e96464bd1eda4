// url: WHATWG parsing corner cases (hosts, IPv4/IPv6 forms, IDNA, dot segments, file and opaque URLs, relative
// resolution, setters) as Node 20 parses them.
const inputs = [
  'http://example.com/a%2fb', 'http://EXAMPLE.COM:0080/', 'http://h:0/', 'https://h:443@x/', 'http://a:b@c:d@e/', 'http://@h/', 'http://:@h/',
  'http://h/ä?ä#ä', 'http://h/?%zz%41', 'http://h/#%zz', 'http://0/', 'http://0x/', 'http://0x100000000/', 'http://4294967295/', 'http://4294967296/',
  'http://1.2.3.09/', 'http://1.2.3.0x/', 'http://foo.09/', 'http://foo.0x4/', 'http://[::]/', 'http://[1:0:0:2::3:0]/', 'http://[0:0:1:0:0:0:0:0]/',
  'http://[::127.0.0.1]/', 'http://[1:2:3:4:5:6:7:8:9]/', 'http://[::1.2.3]/', 'http://[:1]/', 'http://[1:]/', 'http://[G::]/', 'http://[::1]x/',
  'http://faß.de/', 'http://ＥＸＡＭＰＬＥ.com/', 'http://a\u00ADb/', 'http://xn--/', 'http://a..b/', 'http://.a/', 'http://%zz/', 'http://a%00b/',
  'http://h/a/%2e%2e/b', 'http://h/a/.%2E/b', 'http://h/.', 'http://h/./', 'http://h/..', 'http://h//a//b/', 'http://h/a?b/../c', 'http://h/a#b/../c',
  'file://h/a', 'file://localhost', 'file:///C:/a/../../..', 'file:c:/x', 'file:///./C:/x', 'file://[::1]/', 'file:', 'file:?q#f', 'file://C:/a',
  'ws:', 'http:', 'http://', 'http:///h', 'https:h', 'foo:', 'foo:/', 'foo://h/../..', 'foo:///x', 'foo://[::1]:1/', 'foo://a b/', 'foo:a b?c d#e f',
  'foo:// /', 'a+b.c-d://x', '1a:b', 'javascript:/../x', 'urn:isbn:123', 'blob:null/x', 'blob:ftp://h/', 'data:,', 'http://h/\u0000\u001f\u007f',
  'http://h/?\'"<>`{}|\\^', 'foo://h/?\'"', 'http://user:pass@h/?#', 'http://h:65535/', 'http://h:/', 'http://h:99999999999999999999/', 'http://h?x', 'http://h#x',
];
const bases = [[ 'g', 'http://a/b/c/d;p?q' ], ['./g', 'http://a/b/c/d;p?q'], ['g/', 'http://a/b/c/d;p?q'], ['/g', 'http://a/b/c/d;p?q'], ['../../../g', 'http://a/b/c/d;p?q'],
  ['g;x?y#s', 'http://a/b/c/d;p?q'], ['', 'http://a/b/c/d;p?q#f'], ['http:g', 'http://a/b/c/d;p?q'], ['http:g', 'https://a/b'], ['\\\\x\\y', 'http://a/b'], ['a', 'file:///C:/b/c'],
  ['/a', 'file:///C:/b/c'], ['//h/p', 'file:///x'], ['..', 'foo://h/a/b'], ['x', 'foo:/a'], ['?x', 'sc:opaque'], ['#x', 'sc:opaque?y']];
for (const s of inputs) {
  try { const u = new URL(s); console.log(JSON.stringify(s), u.href, u.origin, JSON.stringify([u.host, u.pathname, u.search, u.hash, u.username, u.password])); }
  catch (e) { console.log(JSON.stringify(s), 'invalid', e.code); }
}
for (const [s, b] of bases) {
  try { console.log(JSON.stringify([s, b]), new URL(s, b).href); } catch (e) { console.log(JSON.stringify([s, b]), 'invalid'); }
}
const setters = [['protocol', 'https'], ['protocol', 'file'], ['protocol', 'ht tp'], ['host', 'x:1'], ['host', ''], ['host', 'a b'], ['hostname', 'x:9'], ['hostname', '[::2]'],
  ['port', '8080abc'], ['port', 'abc'], ['port', '443'], ['pathname', '/a?b#c'], ['pathname', 'ä/%'], ['search', '??x=#'], ['hash', '##x y'], ['username', 'ü:@'], ['password', '']];
for (const [k, v] of setters) { const u = new URL('https://u:p@h:1/p?q#f'); u[k] = v; console.log(k, JSON.stringify(v), u.href); }
const f = new URL('file:///x'); f.username = 'a'; f.port = '1'; f.host = 'h'; console.log(f.href);
const o = new URL('mailto:x'); o.pathname = 'y'; o.host = 'h'; o.hash = 'z'; console.log(o.href);
for (const s of ['foo://h/..?x','foo://h/..#x','http://h/a/../..','foo:/..', 'foo:/a/../..', 'foo:///..', 'foo://h/../a', 'foo://h/../..//', 'foo://h/a/..', 'http://h/..', 'file:///..', 'file:///C:/..']) console.log(s, new URL(s).href, JSON.stringify(new URL(s).pathname));
module.exports = function (cb) { cb(); };
