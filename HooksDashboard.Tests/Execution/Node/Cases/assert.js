// assert: AssertionError's shape and Node's messages.
const assert = require('assert');
const show = (f) => {
  try { f(); console.log('no throw'); } catch (e) {
    console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message, actual: e.actual, expected: e.expected, operator: e.operator, generated: e.generatedMessage }), e instanceof assert.AssertionError, e instanceof Error);
  }
};
show(() => assert.ok(0));
show(() => assert.ok());
show(() => assert(false, 'custom'));
show(() => assert(true));
show(() => assert.equal(1, 2));
show(() => assert.equal(1, '1'));
show(() => assert.notEqual(1, '1'));
show(() => assert.strictEqual(1, 2));
show(() => assert.strictEqual('a', 'b', 'own message'));
show(() => assert.notStrictEqual(1, 1));
show(() => assert.deepStrictEqual({ a: 1 }, { a: 2 }));
show(() => assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
show(() => assert.deepEqual({ a: 1 }, { a: '1' }));
show(() => assert.throws(() => {}));
show(() => assert.throws(() => { throw new Error('abc'); }, /abc/));
show(() => assert.throws(() => { throw new Error('abc'); }, { message: 'abc' }));
show(() => assert.throws(() => { throw new TypeError('x'); }, TypeError));
show(() => assert.fail('boom'));
show(() => assert.fail());
show(() => assert.strictEqual(1, 2, new TypeError('own error')));
show(() => assert.strict.equal(1, '1'));
show(() => assert.ifError(null));
show(() => assert.match('abc', /b/));
assert.rejects(Promise.resolve(1)).catch((e) => console.log('rejects', e.name, e.message, e.code));
assert.rejects(Promise.reject(new Error('r')), /r/).then(() => console.log('rejects matched'));
assert.doesNotReject(() => Promise.resolve()).then(() => console.log('doesNotReject ok'));
console.log(assert.strict === assert.strict.strict, require('assert/strict') === assert.strict, typeof assert.AssertionError);
module.exports = function (cb) { cb(); };
