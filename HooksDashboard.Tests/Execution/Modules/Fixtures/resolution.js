// Node's resolution of package requests: main, extensions, index files, exports, scopes, nested dependencies, built-ins.
function attempt(id) {
  try {
    var value = require(id);
    console.log(id, '->', typeof value === 'string' ? value : typeof value === 'function' ? 'function ' + value.name : JSON.stringify(value).slice(0, 70));
  } catch (e) {
    console.log(id, '!!', e.name, e.code, e.message.split('\n')[0]);
  }
}
[
  'main-field', 'main-field/', 'main-field/dir', 'main-field/dir/', 'main-field/idx', 'main-field/lib/entry', 'main-field/lib/entry.js',
  'main-field/both', 'main-field/both/', 'main-field/other.ext', 'main-field/missing', 'bad-main', 'no-main',
  'exports-map', 'exports-map/feature', 'exports-map/deflt', 'exports-map/nested', 'exports-map/utils/a', 'exports-map/utils/deep/b',
  'exports-map/utils/internal/secret', 'exports-map/utils/notes.txt', 'exports-map/package.json', 'exports-map/fallback',
  'exports-map/invalid-fallback', 'exports-map/bad-target', 'exports-map/not-relative', 'exports-map/missing', 'exports-map/excluded',
  'exports-map/legacy.js', 'exports-map/cjs.js', 'exports-map/utils/../cjs', 'exports-sugar', 'exports-sugar/main.js', 'exports-mixed', 'dual',
  '@scope/pkg', '@scope/pkg/sub', '@scope/pkg/sub.js', '@scope', '@scope/', '@scope/missing',
  'events', 'node:events', 'events/', 'events/index', 'dep-user', 'dep-lib', 'self-ref', 'not-installed', 'not-installed/sub',
  './relative', '../up', '/absolute', 'bad-json/broken.json', 'bad-json/trailing.json', 'needs-missing', 'node:nope',
].forEach(attempt);
try { require('needs-missing'); } catch (e) { console.log(e.message, e.requireStack.join(' ')); }
try { require('not-installed'); } catch (e) { console.log(e.message, e.requireStack.join(' '), Object.keys(e)); }
try { require('no-main'); } catch (e) { console.log(e.message, e.path, e.requestPath, Object.keys(e)); }
try { require('exports-map/missing'); } catch (e) { console.log(e.message, e.path, Object.keys(e)); }
try { require(42); } catch (e) { console.log(e.code, e.message); }
module.exports = function (cb) { cb(); };
