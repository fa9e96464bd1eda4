// path (POSIX).
const path = require('path');
console.log(path.join('/a/b', '../c', './d.js'), path.join(''), path.join('a', '', 'b/'), path.normalize('/a//b/../c/.'), path.normalize(''));
console.log(path.resolve('/a/b', './c'), path.resolve('/a', '/b', 'c/..'), path.relative('/data/a/b', '/data/c'), path.relative('/a', '/a'));
console.log(path.dirname('/a/b/c.txt'), path.dirname('a'), path.dirname('/'), path.basename('/a/b/c.txt'), path.basename('/a/b/c.txt', '.txt'), path.basename('/a/b/'));
console.log(path.extname('x.tar.gz'), path.extname('.bashrc'), path.extname('a.'), path.extname('a'), path.isAbsolute('/x'), path.isAbsolute('x'));
console.log(path.parse('/home/u/file.txt'), path.format({ dir: '/x', name: 'f', ext: 'js' }), path.format({ root: '/', base: 'b' }));
['', '/', '//', '.', '..', '/..', 'a/..', '.bashrc', '/x/.bashrc', 'a.', 'a..', '..a', '...', 'x.tar.gz', '/a/b.c/', '/a/b.c//',
 'a/b', '/a', 'a.b.c/', '///a.b', '/.x.y'].forEach(function (p) {
  console.log(JSON.stringify(p), JSON.stringify(path.extname(p)), JSON.stringify(path.parse(p)));
});
console.log(path.sep, path.delimiter, path.posix === path);
try { path.join('a', 5); } catch (e) { console.log(e.name, '|', e.message, '|', e.code); }
module.exports = function (cb) { cb(); };
