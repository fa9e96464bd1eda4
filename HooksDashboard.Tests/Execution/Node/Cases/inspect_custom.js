// util.inspect.custom: a string result printed as is (re-indented when nested), another value inspected instead,
// the (depth, options, inspect) arguments; class instances without keys beyond the depth limit.
const util = require('util');
class Money {
  constructor(amount) { this.amount = amount; }
  [util.inspect.custom](depth, options, inspect) {
    return `Money<${inspect(this.amount, options)}> depth=${depth} break=${options.breakLength} ${typeof inspect}`;
  }
}
class Multi { [Symbol.for('nodejs.util.inspect.custom')]() { return 'line one\nline two'; } }
class Swap { [util.inspect.custom]() { return { swapped: [1, 2] }; } }
class Empty {}
console.log(new Money(5), [new Money('x')], { a: { b: new Money(1) } });
console.log({ nested: new Multi() }, [new Swap()], util.inspect(new Money(2), { depth: 0 }));
console.log({ a: { b: { c: new Empty(), d: {} } } }, util.format('%O', new Swap()));
module.exports = function (cb) { cb(); };
