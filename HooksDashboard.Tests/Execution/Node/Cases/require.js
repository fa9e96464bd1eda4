// require of built-ins: one cached object per name, node: prefix, Node's argument errors.
console.log(require('events') === require('node:events'), require('util') === require('node:util'));
console.log(require('path') === require('path/posix'), require('util').types === require('util/types'));
console.log(typeof require('https').request, typeof require('http').get, require('http').STATUS_CODES[404]);
for (const id of ['node:nope', 5, undefined, '', null, {}]) {
  try { require(id); } catch (e) { console.log(e.name, '|', e.message, '|', e.code); }
}
module.exports = function (cb) { cb(); };
