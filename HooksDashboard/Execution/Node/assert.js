// Node's `assert` (legacy and strict): AssertionError with Node's shape (name, code 'ERR_ASSERTION', actual,
// expected, operator, generatedMessage) and messages.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var comparisons = require('internal/comparisons');
  var util = require('util');

  function inspect(value) {
    return util.inspect(value);
  }

  function inspectLines(value) {
    return util.inspect(value, { depth: 1000, breakLength: 0 }).split('\n');
  }

  // A line diff (longest common subsequence) of the two values' multi-line inspections, as Node prints it.
  function diff(actual, expected) {
    var a = inspectLines(actual);
    var b = inspectLines(expected);
    var table = [];
    for (var i = 0; i <= a.length; i++) {
      table.push(new Array(b.length + 1).fill(0));
    }
    for (var x = a.length - 1; x >= 0; x--) {
      for (var y = b.length - 1; y >= 0; y--) {
        table[x][y] = a[x] === b[y] ? table[x + 1][y + 1] + 1 : Math.max(table[x + 1][y], table[x][y + 1]);
      }
    }
    var out = [];
    var p = 0;
    var q = 0;
    while (p < a.length || q < b.length) {
      if (p < a.length && q < b.length && a[p] === b[q]) {
        out.push('  ' + a[p]);
        p++;
        q++;
      } else if (q >= b.length || (p < a.length && table[p + 1][q] >= table[p][q + 1])) {
        out.push('+ ' + a[p]);
        p++;
      } else {
        out.push('- ' + b[q]);
        q++;
      }
    }
    return out.join('\n');
  }

  function AssertionError(options) {
    errors.validateObject(options, 'options');
    var message = options.message;
    var generated = message === undefined || message === null;
    if (generated) message = generateMessage(options);
    var error = new Error(String(message));
    Object.setPrototypeOf(error, AssertionError.prototype);
    Object.defineProperty(error, 'name', { value: 'AssertionError', enumerable: false, writable: true, configurable: true });
    error.generatedMessage = generated;
    error.code = 'ERR_ASSERTION';
    error.actual = options.actual;
    error.expected = options.expected;
    error.operator = options.operator;
    return error;
  }
  AssertionError.prototype = Object.create(Error.prototype, {
    constructor: { value: AssertionError, writable: true, configurable: true },
  });
  Object.defineProperty(AssertionError.prototype, 'name', { value: 'AssertionError', writable: true, configurable: true });

  function generateMessage(options) {
    var actual = options.actual;
    var expected = options.expected;
    switch (options.operator) {
      case 'strictEqual':
      case 'deepStrictEqual':
      case 'deepEqual': {
        var header = options.operator === 'strictEqual' ? 'Expected values to be strictly equal:'
          : options.operator === 'deepStrictEqual' ? 'Expected values to be strictly deep-equal:' : 'Expected values to be loosely deep-equal:';
        var a = inspect(actual);
        var b = inspect(expected);
        if (options.operator === 'strictEqual' && a.indexOf('\n') < 0 && b.indexOf('\n') < 0 &&
            (actual === null || typeof actual !== 'object') && (expected === null || typeof expected !== 'object')) {
          return header + '\n\n' + a + ' !== ' + b + '\n';
        }
        if (options.operator === 'deepEqual') return header + '\n\n' + a + '\n\nshould loosely deep-equal\n\n' + b;
        return header + '\n+ actual - expected\n\n' + diff(actual, expected);
      }
      case 'notStrictEqual':
        return 'Expected "actual" to be strictly unequal to: ' + inspect(expected);
      case 'notDeepStrictEqual':
        return 'Expected "actual" not to be strictly deep-equal to: ' + inspect(expected);
      case 'fail':
        return 'Failed';
      default:
        return inspect(actual) + ' ' + options.operator + ' ' + inspect(expected);
    }
  }

  function innerFail(options) {
    if (options.message instanceof Error) throw options.message;
    var error = new AssertionError(options);
    // Node 20 follows a custom strictEqual message with the values that differ.
    if (options.operator === 'strictEqual' && typeof options.message === 'string' &&
        (options.actual === null || typeof options.actual !== 'object') && (options.expected === null || typeof options.expected !== 'object')) {
      error.message = options.message + '\n\n' + inspect(options.actual) + ' !== ' + inspect(options.expected) + '\n';
    }
    throw error;
  }

  function ok(value, message) {
    if (arguments.length === 0) {
      var missing = new AssertionError({ actual: undefined, expected: true, operator: '==', message: 'No value argument passed to `assert.ok()`' });
      missing.generatedMessage = true;
      throw missing;
    }
    if (!value) {
      var error = new AssertionError({
        actual: value, expected: true, operator: '==',
        message: message !== undefined ? message : 'The expression evaluated to a falsy value:\n\n  assert.ok(' + inspect(value) + ')\n',
      });
      if (message === undefined) error.generatedMessage = true;
      if (message instanceof Error) throw message;
      throw error;
    }
  }

  function assert() {
    ok.apply(undefined, arguments);
  }

  function check(pass, actual, expected, operator, message) {
    if (!pass) innerFail({ actual: actual, expected: expected, operator: operator, message: message });
  }

  function getActual(fn) {
    errors.validateFunction(fn, 'fn');
    try {
      fn();
    } catch (e) {
      return { threw: true, error: e };
    }
    return { threw: false };
  }

  function matches(actual, expected, message, fnName) {
    if (expected === undefined) return;
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && actual instanceof expected) return;
      if (Error.isPrototypeOf(expected) || expected === Error) {
        innerFail({
          actual: actual, expected: expected, operator: fnName,
          message: message || 'The error is expected to be an instance of "' + expected.name + '". Received "' +
            (actual && actual.constructor && actual.constructor.name) + '"\n\nError message:\n\n' + (actual && actual.message),
        });
      }
      if (expected.call({}, actual) === true) return;
      innerFail({ actual: actual, expected: expected, operator: fnName, message: message || 'The ' + (fnName === 'rejects' ? 'rejection' : 'error') + ' validation function is expected to return "true". Received false' });
    }
    if (expected instanceof RegExp) {
      if (expected.test(String(actual))) return;
      innerFail({ actual: actual, expected: expected, operator: fnName, message: message || 'The input did not match the regular expression ' + inspect(expected) + '. Input:\n\n' + inspect(String(actual)) + '\n' });
    }
    if (expected !== null && typeof expected === 'object') {
      var keys = Object.keys(expected);
      if (expected instanceof Error) keys.push('name', 'message');
      for (var i = 0; i < keys.length; i++) {
        var key = keys[i];
        var want = expected[key];
        var got = actual !== null && actual !== undefined ? actual[key] : undefined;
        var pass = want instanceof RegExp && typeof got === 'string' ? want.test(got) : comparisons.isDeepStrictEqual(got, want);
        if (!pass) {
          innerFail({ actual: actual, expected: expected, operator: fnName, message: message || 'Expected values to be strictly deep-equal:\n+ actual - expected\n\n' + diff(got, want) });
        }
      }
    }
  }

  function throws(fn, expected, message) {
    if (typeof expected === 'string') {
      message = expected;
      expected = undefined;
    }
    var result = getActual(fn);
    if (!result.threw) {
      var name = expected && expected.name ? ' (' + expected.name + ')' : '';
      innerFail({ actual: undefined, expected: expected, operator: 'throws', message: 'Missing expected exception' + name + (message ? ': ' + message : '.') });
    }
    matches(result.error, expected, message, 'throws');
  }

  function doesNotThrow(fn, expected, message) {
    var result = getActual(fn);
    if (result.threw) {
      innerFail({ actual: result.error, expected: expected, operator: 'doesNotThrow', message: 'Got unwanted exception' + (typeof expected === 'string' ? ': ' + expected : '.') + '\nActual message: "' + (result.error && result.error.message) + '"' });
    }
  }

  function waitFor(promiseFn) {
    var promise;
    if (typeof promiseFn === 'function') {
      promise = promiseFn();
      if (!promise || typeof promise.then !== 'function') {
        throw errors.make(TypeError, 'ERR_INVALID_RETURN_VALUE', 'Expected instance of Promise to be returned from the "promiseFn" function but got ' + errors.describe(promise) + '.');
      }
    } else if (promiseFn && typeof promiseFn.then === 'function') {
      promise = promiseFn;
    } else {
      throw errors.invalidArgType('promiseFn', ['Function', 'Promise'], promiseFn);
    }
    return promise;
  }

  function rejects(promiseFn, expected, message) {
    return new Promise(function (resolve) { resolve(waitFor(promiseFn)); }).then(function () {
      if (typeof expected === 'string') {
        message = expected;
        expected = undefined;
      }
      var name = expected && expected.name ? ' (' + expected.name + ')' : '';
      innerFail({ actual: undefined, expected: expected, operator: 'rejects', message: 'Missing expected rejection' + name + (message ? ': ' + message : '.') });
    }, function (error) {
      if (typeof expected === 'string') {
        message = expected;
        expected = undefined;
      }
      matches(error, expected, message, 'rejects');
    });
  }

  function doesNotReject(promiseFn, expected, message) {
    return new Promise(function (resolve) { resolve(waitFor(promiseFn)); }).then(function () {}, function (error) {
      innerFail({ actual: error, expected: expected, operator: 'doesNotReject', message: 'Got unwanted rejection.\nActual message: "' + (error && error.message) + '"' });
    });
  }

  assert.ok = ok;
  assert.AssertionError = AssertionError;
  assert.fail = function fail(message) {
    if (message instanceof Error) throw message;
    var error = new AssertionError({ operator: 'fail', message: message === undefined ? 'Failed' : message });
    error.generatedMessage = message === undefined;
    throw error;
  };
  assert.equal = function equal(actual, expected, message) {
    // eslint-disable-next-line eqeqeq
    check(actual == expected || (actual !== actual && expected !== expected), actual, expected, '==', message);
  };
  assert.notEqual = function notEqual(actual, expected, message) {
    // eslint-disable-next-line eqeqeq
    check(!(actual == expected || (actual !== actual && expected !== expected)), actual, expected, '!=', message);
  };
  assert.strictEqual = function strictEqual(actual, expected, message) {
    check(Object.is(actual, expected), actual, expected, 'strictEqual', message);
  };
  assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
    check(!Object.is(actual, expected), actual, expected, 'notStrictEqual', message);
  };
  assert.deepEqual = function deepEqual(actual, expected, message) {
    check(comparisons.isDeepEqual(actual, expected), actual, expected, 'deepEqual', message);
  };
  assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
    check(!comparisons.isDeepEqual(actual, expected), actual, expected, 'notDeepEqual', message);
  };
  assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
    check(comparisons.isDeepStrictEqual(actual, expected), actual, expected, 'deepStrictEqual', message);
  };
  assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
    check(!comparisons.isDeepStrictEqual(actual, expected), actual, expected, 'notDeepStrictEqual', message);
  };
  assert.throws = throws;
  assert.doesNotThrow = doesNotThrow;
  assert.rejects = rejects;
  assert.doesNotReject = doesNotReject;
  assert.ifError = function ifError(err) {
    if (err !== null && err !== undefined) {
      var message = 'ifError got unwanted exception: ' + (err && typeof err === 'object' && typeof err.message === 'string' ? err.message : inspect(err));
      innerFail({ actual: err, expected: null, operator: 'ifError', message: message });
    }
  };
  assert.match = function match(string, regexp, message) {
    if (!(regexp instanceof RegExp)) throw errors.invalidArgType('regexp', 'RegExp', regexp);
    if (typeof string !== 'string' || !regexp.test(string)) {
      innerFail({ actual: string, expected: regexp, operator: 'match', message: message || (typeof string !== 'string'
        ? 'The "string" argument must be of type string. Received type ' + typeof string + ' (' + inspect(string) + ')'
        : 'The input did not match the regular expression ' + inspect(regexp) + '. Input:\n\n' + inspect(string) + '\n') });
    }
  };
  assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
    if (!(regexp instanceof RegExp)) throw errors.invalidArgType('regexp', 'RegExp', regexp);
    if (typeof string !== 'string' || regexp.test(string)) {
      innerFail({ actual: string, expected: regexp, operator: 'doesNotMatch', message: message || 'The input was expected to not match the regular expression ' + inspect(regexp) + '. Input:\n\n' + inspect(string) + '\n' });
    }
  };

  // assert.strict: the same functions with the strict comparisons under the legacy names.
  function strict() {
    ok.apply(undefined, arguments);
  }
  Object.keys(assert).forEach(function (key) { strict[key] = assert[key]; });
  strict.equal = assert.strictEqual;
  strict.notEqual = assert.notStrictEqual;
  strict.deepEqual = assert.deepStrictEqual;
  strict.notDeepEqual = assert.notDeepStrictEqual;
  strict.strict = strict;
  assert.strict = strict;
  return assert;
})
