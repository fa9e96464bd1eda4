// V8's stack trace API: Error.prepareStackTrace(error, callSites) makes the stack, and the CallSite objects answer
// where each frame is. depd (body-parser, http-errors), @hapi/pinpoint (joi), pino and callsites read their callers'
// files this way. Frames below the top one differ between engines, so only the top frames are printed.
'use strict';
// The case's own file is hook.js in the executor.
const base = (file) => (file || '').replace(/[^ (]*\.js/, 'case.js');
function show(label, f) { try { console.log(label, f()); } catch (e) { console.log(label, 'threw', e.constructor.name, e.message); } }
// Reading call sites the first time runs no promise job early (depd does it at load).
Promise.resolve().then(() => console.log('job after the synchronous code'));
const original = Error.prepareStackTrace;
console.log(typeof original);

function sites() {
  Error.prepareStackTrace = (error, stack) => stack;
  try { return new Error('probe').stack; } finally { Error.prepareStackTrace = original; }
}
function named() { return sites(); }
const stack = named();
const top = stack[0];
console.log(Array.isArray(stack), stack.length > 1, typeof top, Object.prototype.toString.call(top), top.constructor.name);
console.log(Object.getOwnPropertyNames(Object.getPrototypeOf(top)).sort().join(','));
console.log(Object.keys(top), base(top.getFileName()), top.getLineNumber(), top.getColumnNumber(), top.getFunctionName(), base(top.getScriptNameOrSourceURL()));
console.log(top.getThis(), top.getFunction(), top.isNative(), top.isEval(), top.isAsync(), top.isPromiseAll(), top.getPromiseIndex());
console.log(base(String(top)), stack[1].getLineNumber(), top.isToplevel());
// An anonymous function's frame still has its file and position.
const viaAnonymous = (function () { return sites(); })();
console.log(base(viaAnonymous[1].getFileName()), viaAnonymous[1].getLineNumber(), viaAnonymous[1].getColumnNumber(), viaAnonymous[1].getFunctionName());
// Node's own function formats what it is given: the error's line, then a line per call site.
console.log(original.name, original.length, original({ name: 'N', message: 'm' }, []), original(new RangeError('r'), [top]).split('\n').map(base));
console.log(Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace').enumerable, Object.keys(Error));
show('CallSite()', () => top.constructor());
show('method on another object', () => top.getFileName.call({}));

// The stack is the function's value, whatever it is; the error is its first argument.
Error.prepareStackTrace = (error, frames) => 'custom: ' + error.message + ' ' + (frames.length > 0);
console.log(new Error('one').stack);
const target = { message: 'plain object' };
Error.captureStackTrace(target);
console.log(target.stack, Object.getOwnPropertyDescriptor(target, 'stack').enumerable);
Error.prepareStackTrace = () => ({ structured: true });
console.log(new TypeError('t').stack);
// Made on the first read with the function set then; kept after.
Error.prepareStackTrace = original;
const later = new Error('read later');
Error.prepareStackTrace = () => 'from the function at the read';
console.log(later.stack);
Error.prepareStackTrace = original;
console.log(later.stack);
Error.prepareStackTrace = () => { throw new RangeError('thrown inside'); };
show('throwing', () => new Error('z').stack);
Error.prepareStackTrace = (error) => typeof error.stack + ' ' + error.stack.split('\n')[0];
show('stack read inside', () => new Error('inner').stack);
Error.prepareStackTrace = 'not a function';
console.log(new Error('default').stack.split('\n')[0]);
Error.prepareStackTrace = (error, frames) => frames.length;
Error.stackTraceLimit = 1;
console.log(new Error('limit 1').stack);
Error.stackTraceLimit = 0;
console.log(new Error('limit 0').stack);
Error.stackTraceLimit = 10;
Error.prepareStackTrace = original;
console.log(new Error('restored').stack.split('\n')[0]);

// captureStackTrace with a function: the frames from its caller on (pinpoint, depd).
function location() {
  const saved = Error.prepareStackTrace;
  Error.prepareStackTrace = (ignore, frames) => frames;
  const capture = {};
  Error.captureStackTrace(capture, location);
  const line = capture.stack[0];
  Error.prepareStackTrace = saved;
  return { file: base(line.getFileName()), line: line.getLineNumber() };
}
function caller() { return location(); }
console.log(caller());

module.exports = function (cb) { cb(); };
