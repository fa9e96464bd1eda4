// querystring: parse and stringify as Node's.
const qs = require('querystring');
console.log(qs.parse('a=1&b=2&a=3&c&d=&e=%20x+y&%E2%82%AC=euro&bad=%ZZ'));
console.log(qs.stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: undefined, f: {}, g: '€', h: "it's (ok)*" }));
console.log(qs.escape('a b&'), qs.unescape('%41+'), qs.parse('a:1;b:2', ';', ':'), qs.stringify({ a: 1, b: 2 }, ';', ':'));
console.log(qs.parse('a=1&a=2&a=3', null, null, { maxKeys: 1 }), qs.parse(''), qs.decode === qs.parse, qs.stringify('x'));
module.exports = function (cb) { cb(); };
