// url: format(URL, options), domainTo*, file URL helpers, argument errors, URL.length, live searchParams after search changes.
const url = require('url');
const u = new URL('https://user:pw@xn--mnchen-3ya.de:8080/ü?q=ä#f');
console.log(url.format(u, { unicode: true }), url.format(u, { search: false, auth: false }), url.format(new URL('file:///a/b')), url.format(new URL('mailto:a@b')));
console.log(url.domainToUnicode('xn--iñvalid.com'), url.domainToASCII('xn--iñvalid.com'), url.domainToASCII('EXAMPLE.com.'), url.domainToUnicode(''), url.domainToASCII('a b'));
console.log(url.pathToFileURL('/a/b/').href, url.pathToFileURL('rel/x').href.startsWith('file:///'), url.fileURLToPath(new URL('file:///x/%C3%A4')), url.fileURLToPath('file://localhost/y'));
try { url.fileURLToPath('file:///a%2Fb'); } catch (e) { console.log(e.code, e.message); }
try { url.fileURLToPath('file://host/a'); } catch (e) { console.log(e.code, e.message); }
try { url.fileURLToPath(5); } catch (e) { console.log(e.code, e.message); }
const p = new URLSearchParams('a=1');
console.log(util = require('util').inspect(p, { breakLength: 5 }), JSON.stringify(p), JSON.stringify(new URL('http://h/')), typeof URL.canParse, URL.name, URLSearchParams.name, URL.length);
try { URL('http://x'); } catch (e) { console.log(e.name, e.message); }
try { new URL(); } catch (e) { console.log(e.name, e.code, e.message); }
try { new URLSearchParams().append('a'); } catch (e) { console.log(e.name, e.code, e.message); }
const x = new URL('http://h/?a=1');
const sp = x.searchParams; x.search = '?b=2'; console.log(sp.get('b'), sp === x.searchParams, x.searchParams.has('a'));
x.searchParams.sort(); x.hash = ''; x.search = '?'; console.log(x.href, JSON.stringify(x.search));
module.exports = function (cb) { cb(); };
