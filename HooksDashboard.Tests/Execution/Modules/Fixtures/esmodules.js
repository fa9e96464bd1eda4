// ES modules (Node 20.20): require() of ES modules, import() from CommonJS, ES modules importing CommonJS and built-ins.
var show = console.log;
function caught(label, f) {
  try { show(label, f()); } catch (e) { console.log(label, e.name, e.code, '|', e.message); }
}
caught('require import-only:', function () { return require('es-import-only'); });
var t = require('es-type');
show('require type:module keys:', Object.keys(t).join(','));
show('require type:module values:', [t.digest, t.formatted, t.joined, t.json, t.fromCjs, t.thisAtTop, t.__esModule].join(' | '));
show('default:', t.default);
show('same object twice:', require('es-type') === t);
show('toStringTag:', Object.prototype.toString.call(t));
show('require both:', require('es-both').flavour);
show('require module-sync:', require('es-sync').picked);
var c = require('es-cycle');
show('cycle:', [c.a, c.b, c.seen, Object.keys(c).join(',')].join(' '));
var me = require('es-module-exports');
show('module.exports export:', typeof me, me(), me.other);
var d = require('es-default');
show('default and __esModule:', Object.keys(d).join(','), d.default, d.x, JSON.stringify(Object.getOwnPropertyDescriptor(d, '__esModule')));
show('package requiring esm:', require('es-cjs-requires-esm').fromEsm);
caught('require top-level await:', function () { return require('es-tla'); });
caught('require throwing module:', function () { return require('es-bad/throws'); });
var done = (async function () {
  var ns = await import('es-import-only');
  show('import import-only keys:', Object.keys(ns).join(','));
  show('greet:', ns.default('you'));
  ns.bump();
  show('live binding:', ns.counter, ns[Symbol.toStringTag]);
  var util = await import('es-import-only/util');
  show('subpath:', util.helper());
  var cjs = await import('es-cjs');
  show('cjs names:', Object.keys(cjs).join(','));
  show('cjs default is module.exports:', cjs.default === require('es-cjs'), cjs.default.default, cjs.viaGetter, cjs.late);
  var literal = await import('es-cjs-literal');
  show('literal names:', Object.keys(literal).join(','));
  show('import both:', (await import('es-both')).flavour);
  show('import tla:', (await import('es-tla')).v);
  var crypto = await import('node:crypto');
  show('import builtin:', typeof crypto.createHash, crypto.default === require('crypto'));
  show('import from package code:', await require('es-cjs-requires-esm').importLater());
  for (var name of ['es-bad/no-ext', 'es-bad/missing-pkg', 'not-installed', 'es-bad/throws', 'es-bad/helper.js']) {
    try { await import(name); show('imported', name); } catch (e) { console.log('import', name + ':', e.name, e.code, '|', e.message); }
  }
})();
module.exports = function (cb) { done.then(function () { cb(); }, cb); };
