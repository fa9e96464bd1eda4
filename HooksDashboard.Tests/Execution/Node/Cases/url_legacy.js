// url: the legacy API (parse with parseQueryString/slashesDenoteHost, format, resolve, resolveObject) as Node 20's.
const url = require('url');
const ins = ['http://münchen.de/x', 'HTTP://a.com:/x', 'http://a.com:8080', 'javascript:alert(1)', 'http://user@host', 'http://[::1]', '//x/y', 'a.com/b', 'http://a.com?x#y',
  'http://a.com\\b\\c?d\\e', ' http://a.com ', 'http://x.com/a/b?c=1#d', 'mailto:x@y.com?subject=hi', 'file:///etc/hosts', 'http://a_b.com/', 'http://a.com/ä b', 'http://A.COM/P?Q#H',
  'http://u:p%40x@h/', 'http://h/p?q=a b', 'xmpp:user@host', '/just/path?a=1#h', '?q=1', '#frag', 'http://h/{x}', 'HTTPS://H/', 'http://a.com:80/'];
for (const s of ins) { const u = url.parse(s); console.log(JSON.stringify(s), JSON.stringify(u), u.format()); }
for (const s of ins) console.log(JSON.stringify(url.parse(s, true, true)));
const rs = [['http://a/b/c/d;p?q', '..'], ['http://a/b/c/d;p?q', '../..'], ['http://a/b/c/d;p?q', '?y'], ['http://a/b/c/d;p?q', '#s'], ['http://a/b/c/d;p?q', ''],
  ['http://a/b/c/d;p?q', 'g:h'], ['http://a/b/c/d;p?q', '//g'], ['http://a/b/c/d;p?q', 'g/./h'], ['mailto:a@b', 'mailto:c@d'], ['a/b', '../c'], ['/a/b', '../../../c'],
  ['http://u:p@h/a', 'b'], ['http://u:p@h/a', '//other/b'], ['https://h/', 'http://x'], ['file:///a/b', 'c'], ['http://h', 'x'], ['foo:bar', 'baz']];
for (const [a, b] of rs) console.log(a, b, url.resolve(a, b), JSON.stringify(url.resolveObject(a, b)));
console.log(url.format({ hostname: '::1', port: 80, protocol: 'http' }), url.format({ host: 'h', pathname: 'p', slashes: true }), url.format({ protocol: 'file', pathname: '//x' }));
console.log(url.format({ protocol: 'mailto', pathname: 'a@b' }), url.format({ search: 'a=1', hash: '#x' }), url.format({ query: 'str' }), url.format({ auth: 'a:b', host: 'h' }));
for (const s of ['http://a!b.com/x', 'http://a*b/', 'http://a$b/', 'http://a~b/', 'http://a,b/', 'http://a=b/', 'http://a(b)/']) { const u = url.parse(s); console.log(s, u.host, u.hostname, u.pathname, u.href); }
module.exports = function (cb) { cb(); };
