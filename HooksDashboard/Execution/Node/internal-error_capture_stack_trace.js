// V8's Error.captureStackTrace(target[, constructorOpt]) and Error.stackTraceLimit, which Jint lacks and packages call
// unguarded in their error classes (jwks-rsa, http-errors, ...): `target.stack` becomes "<String(target)>\n<frames>",
// a non-enumerable writable property, as in Node. Installed once per invocation by the module loader. The frames are
// Jint's, from the caller on (frames above constructorOpt are not removed).
(function () {
  'use strict';
  if (typeof Error.captureStackTrace === 'function') return {};
  function captureStackTrace(target) {
    if (target === null || (typeof target !== 'object' && typeof target !== 'function')) {
      throw new TypeError('invalid_argument');
    }
    var frames = String(new Error().stack || '').split('\n').slice(2);
    var header;
    try { header = Error.prototype.toString.call(target); } catch (e) { header = 'Error'; }
    Object.defineProperty(target, 'stack', { value: [header].concat(frames).join('\n'), writable: true, enumerable: false, configurable: true });
  }
  Object.defineProperty(Error, 'captureStackTrace', { value: captureStackTrace, writable: true, enumerable: false, configurable: true });
  if (!('stackTraceLimit' in Error)) Error.stackTraceLimit = 10;
  return {};
})
