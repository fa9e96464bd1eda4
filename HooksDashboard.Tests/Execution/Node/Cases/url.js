// url: WHATWG URL and URLSearchParams (parsing, setters, live searchParams, inspection) and the legacy API.
const url = require('url');
const show = (input, base) => {
  try {
    const u = base === undefined ? new URL(input) : new URL(input, base);
    console.log(JSON.stringify(input), '->', u.href, '|', u.origin, u.host, u.pathname, u.search, u.hash);
  } catch (e) {
    console.log(JSON.stringify(input), 'throws', e.name, e.code, e.message, e.input, e.base);
  }
};
[
  'HTTP://User:Pa ss@EXAMPLE.com:80/a/./b/../c?q=1 2&r=\'x\'#frag ment',
  'https://example.com:443/', 'https://example.com:8443', 'ws://h:80/', 'ftp://h:21/x',
  'http://0x7f.1/', 'http://0300.0250.0.1/', 'http://2130706433/', 'http://1.2.3.4.5/', 'http://999.1.1.1/', 'http://1.2.3/',
  'http://[::1]:8080/', 'http://[2001:db8:0:0:1:0:0:1]/', 'http://[0:0:0:0:0:0:13.1.68.3]/', 'http://[::ffff:192.168.0.1]/', 'http://[1::2::3]/',
  'http://ex%41mple.com/', 'http://exa mple.com/', 'http://a<b/', 'http://münchen.de/straße?ä=ö#ü', 'http://xn--mnchen-3ya.de/',
  'http://a.b.c./', 'http://host/%2e%2E/x/%2e/y', 'http://h/a/b/..', 'http:\\\\h\\a\\b', 'http:/h/p', 'http:h/p',
  'file:///etc/passwd', 'file://localhost/x', 'file:///C|/a/../..', 'file:/a/b', 'mailto:Someone@Example.com',
  'javascript:alert(1)', 'data:text/plain,hi there', 'blob:https://a.com/uuid', 'foo://Host:99/p?q#f', 'foo:/a/../b', 'foo://',
  'sc://ñ.com/', 'non-special://[1:2::3]:80/', 'http://u@/', 'http://:80/', 'http://h:65536/', 'http://h:8a/', 'noscheme', '',
  '  \t http://tabs\n.example/\r ', 'http://h/?a=<b>&c="d"#`e`', 'http://h/p{}|^`/',
].forEach((s) => show(s));
show('../x?y#z', 'http://h/a/b/c');
show('//other/p', 'https://h/a');
show('?q', 'http://h/a?b#c');
show('#f', 'mailto:x');
show('x', 'mailto:y');
show('/p', 'not a url');
show('C:/x', 'file:///D:/y/z');

const u = new URL('https://user:pw@example.com:8080/p/a/t/h?query=string#hash');
console.log(u);
console.log(String(u), JSON.stringify({ u }), u.toJSON(), Object.keys(u), u instanceof URL, Object.prototype.toString.call(u));
u.protocol = 'http'; u.username = 'a b'; u.password = 'p@ss'; u.hostname = 'EXAMPLE.org'; u.port = '80';
console.log(u.href);
u.port = '99999'; u.protocol = 'foo'; u.host = 'h:81'; u.pathname = 'x y/../z'; u.search = 'a=1&b=2'; u.hash = 'top';
console.log(u.href, u.searchParams.get('b'));
u.searchParams.append('c', 'x y&z');
u.searchParams.delete('a');
console.log(u.search, u.href);
u.search = '';
console.log(u.searchParams.toString(), u.searchParams.size, u.href);
u.href = 'http://new.example/?k=v';
console.log(u.searchParams.get('k'), u.host);
try { u.href = 'nope'; } catch (e) { console.log(e.code, e.message); }
console.log(URL.canParse('http://x'), URL.canParse('x'), URL.canParse('x', 'http://y/'));
console.log({ nested: { deeper: { url: new URL('http://a') } } }, [new URL('http://b/?x=1')]);

const p = new URLSearchParams('?a=1&b=2+3&a=%E2%82%AC&c&=d&e=%zz');
console.log(p, p.toString(), p.get('a'), p.getAll('a'), p.get('zz'), p.has('c'), p.has('a', '1'), p.has('a', '9'), p.size);
p.set('a', 'one'); p.append('b', '4'); p.sort();
console.log([...p], [...p.keys()], [...p.values()], p.toString());
p.delete('b', '4');
p.forEach((value, key, self) => console.log(key, value, self === p));
console.log(new URLSearchParams({ x: 1, y: [2, 3], z: 'a b+c' }).toString());
console.log(new URLSearchParams([['k', 'v'], ['k', 'w']]).toString(), new URLSearchParams(new Map([['m', 'n']])).toString());
console.log(new URLSearchParams('q=%F0%9F%98%80&s=~!*()\'').toString(), new URLSearchParams(), String(new URLSearchParams('a=b')));
try { new URLSearchParams([['a']]); } catch (e) { console.log(e.name, e.code, e.message); }
try { p.get(); } catch (e) { console.log(e.name, e.code, e.message); }
const long = new URLSearchParams();
for (let i = 0; i < 8; i++) long.append('key' + i, 'value number ' + i);
console.log(long);
const iter = long.entries();
iter.next();
console.log(iter, new URLSearchParams('a=1&b=2').keys(), new URLSearchParams('a=1').values(), new URLSearchParams().entries());
console.log(Object.prototype.toString.call(iter), [...new URLSearchParams('x=1&y=2')[Symbol.iterator]()]);

console.log(url.URL === URL, url.URLSearchParams === URLSearchParams);
console.log(url.parse('HTTP://user:pw@Example.COM:8080/p/a/t/h?query=string&a=1#hash'));
console.log(url.parse('/a?x=1&x=2', true), url.parse('//foo/bar', false, true), url.parse('mailto:a@b.c'));
console.log(url.parse('http://ex ample.com/a b'), url.parse('http://[::1]:3000/x').hostname, url.parse('http://a.com', true).query);
console.log(url.format({ protocol: 'https', hostname: 'a.com', pathname: '/x', query: { a: 1, b: [2, 3] } }));
console.log(url.format({ protocol: 'http:', host: 'h:1', pathname: 'p#?', search: 's', hash: 'h', auth: 'u:p w' }));
console.log(url.format(new URL('http://u:p@a.com/x?y#z'), { auth: false, fragment: false }), url.format('http://A.com/x'));
console.log(url.resolve('http://a.com/b/c', '../d'), url.resolve('/one/two/three', 'four'), url.resolve('http://example.com/', '/one'));
console.log(url.resolve('http://example.com/one', '/two'), url.resolve('http://a/b/c/d;p?q', 'g?y#s'), url.resolve('http://a/b/c', '//x/y'));
console.log(url.resolve('http://a/b/c', 'https://z'), url.resolve('mailto:a@b', 'c'), url.resolve('http://a/b/', '../../../g'));
console.log(url.fileURLToPath('file:///tmp/a%20b.txt'), url.pathToFileURL('/tmp/a b#c.txt').href, url.domainToASCII('español.com'), url.domainToUnicode('xn--espaol-zwa.com'));
try { url.fileURLToPath('http://x/'); } catch (e) { console.log(e.code, e.message); }
try { url.parse(5); } catch (e) { console.log(e.code, e.message); }
try { url.format(5); } catch (e) { console.log(e.code, e.message); }
console.log(url.urlToHttpOptions(new URL('https://u:p@[::1]:8443/a?b')));
module.exports = function (cb) { cb(); };
