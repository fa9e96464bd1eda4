// err.stack starts with the error's "Name: message" line, as V8 makes it on the first read; console.log(err) prints
// the stack (frames differ between engines, so only what does not depend on them is printed here).
const first = (stack) => stack.split('\n')[0];
const hasFrames = (stack) => /\n {4}at /.test(stack);
function make() { return new TypeError('bad input'); }
const e = make();
console.log(first(e.stack), hasFrames(e.stack), Object.getOwnPropertyDescriptor(e, 'stack') !== undefined);
let thrown;
try { null.x; } catch (x) { thrown = x; }
console.log(first(thrown.stack));
class ValidationError extends Error { constructor(message) { super(message); this.name = 'ValidationError'; } }
console.log(first(new ValidationError('email is required').stack));
const renamed = new Error('first');
renamed.message = 'changed before the first read';
console.log(first(renamed.stack));
const read = new Error('kept');
const before = read.stack;
read.message = 'changed after the first read';
console.log(first(read.stack) === first(before), first(new Error().stack), first(new RangeError('').stack));
const noName = new Error('only the message');
noName.name = '';
console.log(first(noName.stack));
const custom = new Error('m');
custom.stack = 'custom stack';
console.log(custom.stack);
console.log(String(custom));
function Legacy(message) { Error.captureStackTrace(this, Legacy); this.message = message; }
Legacy.prototype = Object.create(Error.prototype);
Legacy.prototype.name = 'Legacy';
console.log(first(new Legacy('old style').stack));
const logged = [];
const original = console.log;
console.log = (...args) => logged.push(require('util').format(...args));
console.log(e);
console.log(custom);
console.log = original;
console.log(first(logged[0]), hasFrames(logged[0]), logged[1]);
module.exports = function (cb) { cb(); };
