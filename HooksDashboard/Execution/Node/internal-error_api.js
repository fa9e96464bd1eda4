// V8's Error.captureStackTrace and Error.stackTraceLimit, which Jint lacks and many packages call (got, axios'
// dependencies, http-errors...): installed on the engine's Error when the first package module loads. The stack is
// the target's `name: message` header and the frames of the call, as V8 gives them.
(function () {
  'use strict';
  var E = Error;
  if (typeof E.captureStackTrace !== 'function') {
    Object.defineProperty(E, 'captureStackTrace', {
      value: function captureStackTrace(target) {
        if (target === null || (typeof target !== 'object' && typeof target !== 'function')) {
          throw new TypeError('invalid_argument'); // V8's text
        }
        var frames = new E().stack || '';
        var newline = frames.indexOf('\n');
        var head;
        try { head = E.prototype.toString.call(target); } catch (e) { head = 'Error'; }
        Object.defineProperty(target, 'stack', { value: head + (newline >= 0 ? frames.slice(newline) : ''), writable: true, configurable: true });
      },
      writable: true, configurable: true,
    });
  }
  if (E.stackTraceLimit === undefined) E.stackTraceLimit = 10;
  return {};
})
