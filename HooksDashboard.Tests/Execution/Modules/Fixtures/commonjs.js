// CommonJS semantics of required package files: the wrapper's arguments, module objects, the cache, cycles.
var basics = require('cjs-basics');
// Paths are printed as strings: inspect's line breaking depends on their length, which differs from node's real folder.
Object.keys(basics.info).forEach(function (key) { var v = basics.info[key]; console.log(key, Array.isArray(v) ? v.join(' ') : v); });
console.log(require('cjs-basics') === basics, require('cjs-basics/index') === basics, require('cjs-basics/index.js') === basics);
var counter = require('cjs-basics/lib/counter');
counter.inc();
console.log(require('cjs-basics/lib/counter.js').count, counter === require('cjs-basics/lib/counter'));
console.log(require('cjs-basics/replaced')(), require('cjs-basics/replaced').lost);
console.log(require('cjs-basics/data.json'), require('cjs-basics/data') === require('cjs-basics/data.json'));
console.log(require('cjs-basics/hashbang'), require('cjs-basics/strict'));
var loaded = require('cjs-basics/loaded');
console.log(loaded.atLoad, loaded.later());
console.log(require('cycle'));
console.log(require.resolve('cjs-basics'), require.resolve('cjs-basics/data'), require.resolve('events'), require.resolve('node:path'));
console.log(require.resolve.paths('events'), require.resolve.paths('cjs-basics').includes(require('path').dirname(require.resolve('cjs-basics')).replace(/\/cjs-basics$/, '')));
console.log(Object.keys(require.cache).filter(function (k) { return k.includes('node_modules'); }).map(function (k) { return k.slice(k.indexOf('node_modules')); }).join('\n'));
var cachedKey = require.resolve('cjs-basics/lib/counter');
delete require.cache[cachedKey];
console.log(require('cjs-basics/lib/counter').count, require('cjs-basics/lib/counter') !== counter);
try { require('throws'); } catch (e) { console.log('first:', e.message); }
console.log('second:', require('throws'));
// DEP0005: not for a package's new Buffer(), once for the hook's own (the warning comes on a later tick).
console.log(require('old-buffer')('ab'), require('old-buffer')('c'));
console.log(Buffer('d').toString(), new Buffer(1).length);
module.exports = function (cb) { cb(); };
