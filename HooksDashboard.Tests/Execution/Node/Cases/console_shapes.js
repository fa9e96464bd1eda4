// console.log's shapes of sparse arrays, functions by kind (with their own properties), classes and arguments.
const sparse = [1, , 3];
sparse[10] = 4;
const huge = [];
huge[1e9] = 'far';
console.log(sparse, [, ], new Array(3), huge);
console.log({ nested: [, 'a', , ] }, Array.from({ length: 120 }).map((_, i) => i).filter((i) => i % 2));
function plain() {}
plain.extra = 1;
plain.more = { deep: [1] };
async function asyncFn() {}
function* gen() {}
async function* asyncGen() {}
class Base {}
class Derived extends Base {}
const anonymous = [function () {}, () => {}, class {}];
console.log(plain, asyncFn, gen, asyncGen);
console.log(Base, Derived, anonymous, [plain]);
console.log(Map, Math.max, plain.bind(null));
console.log((function () { return arguments; })(1, 'two'));
module.exports = function (cb) { cb(); };
