// Node's `module` built-in: createRequire (path, file URL string, URL object, a folder), builtinModules, isBuiltin,
// Node's argument errors, and import.meta (url, resolve, dirname, filename) in a package's ES module. The hook's own
// folder is /hook (here: this folder in node), so its packages are /hook/node_modules/<name>.
const Module = require('module');
const { createRequire, builtinModules, isBuiltin } = Module;
const base = typeof __dirname === 'string' ? __dirname : '/hook';
const log = (...args) => console.log(...args);

log(typeof Module, Module === require('node:module'), Module.Module === Module, typeof createRequire);
log(builtinModules.length, builtinModules.includes('zlib'), builtinModules.includes('node:zlib'), builtinModules[0]);
log(['fs', 'node:fs', 'node:test', 'test', 'cjs-basics', 'fs/promises', 'node:nope', 'zlib', 'module'].map((n) => isBuiltin(n)));

const fromPackage = createRequire(base + '/node_modules/cjs-basics/index.js');
log('counter', typeof fromPackage('./lib/counter').inc, fromPackage.resolve('./lib/counter'));
log('json', JSON.stringify(fromPackage('./data.json')));
log('same module', fromPackage('./lib/counter') === require('cjs-basics/lib/counter'));
log('file URL string', typeof createRequire('file://' + base + '/node_modules/cjs-basics/index.js')('./lib/counter').inc);
log('URL object', typeof createRequire(new URL('file://' + base + '/node_modules/cjs-basics/lib/')) ('./counter').inc);
log('nested', createRequire(base + '/node_modules/dep-user/index.js')('dep-lib'));
try { fromPackage('./missing'); } catch (e) { log(e.code, e.message.split('\n')[0]); }
for (const bad of ['relative.js', 5, undefined, 'http://x/y.js']) {
  try { createRequire(bad); } catch (e) { log(e.name, e.code, e.message); }
}
try { createRequire(new URL('http://example.com/a.js')); } catch (e) { log('http URL object', e.name, e.code); }

import('es-meta').then((ns) => {
  const m = ns.meta;
  log('import.meta keys', m.keys);
  log('url', m.url);
  log('dirname', m.dirname, 'filename', m.filename);
  log('resolve', m.sibling, m.builtin, m.prefixed, m.dependency, m.missing);
  log('createRequire(import.meta.url)', m.legacy);
});
module.exports = function (cb) { cb(); };
