// Node's error shapes for the built-in modules: ERR_* codes, the `name [code]` stack header, and the
// "Received ..." description of a wrong argument (Node's determineSpecificType).
(function (require) {
  'use strict';

  function describe(value) {
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return 'function ' + value.name;
    if (typeof value === 'object') {
      var ctor = value.constructor;
      if (ctor && ctor.name) return 'an instance of ' + ctor.name;
      return '[Object: null prototype] {}';
    }
    var inspected = primitive(value);
    if (inspected.length > 28) inspected = inspected.slice(0, 25) + '...';
    return 'type ' + typeof value + ' (' + inspected + ')';
  }

  // util.inspect of a primitive, without loading util.
  function primitive(value) {
    if (typeof value === 'string') {
      var quote = value.indexOf("'") < 0 ? "'" : value.indexOf('"') < 0 ? '"' : value.indexOf('`') < 0 ? '`' : "'";
      return quote + value.replace(/\n/g, '\\n') + quote;
    }
    if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
    if (typeof value === 'bigint') return value + 'n';
    return String(value);
  }

  function make(Base, code, message) {
    var error = new Base(message);
    Object.defineProperty(error, 'code', { value: code, enumerable: true, writable: true, configurable: true });
    return error;
  }

  // The "must be of type" message, with Node's wording for one or several expected types.
  function invalidArgType(name, expected, actual) {
    var types = Array.isArray(expected) ? expected : [expected];
    var classes = [];
    var plain = [];
    for (var i = 0; i < types.length; i++) {
      if (/^[A-Z]/.test(types[i])) classes.push(types[i]); else plain.push(types[i]);
    }
    var what = name.endsWith(' argument') ? name : (name.indexOf('.') >= 0 ? 'The "' + name + '" property' : 'The "' + name + '" argument');
    var msg = what + ' must be ';
    var parts = [];
    if (plain.length > 0) parts.push((plain.length > 1 ? 'one of type ' : 'of type ') + list(plain));
    if (classes.length > 0) parts.push((classes.length > 1 ? 'an instance of ' : 'an instance of ') + list(classes));
    msg += parts.join(' or ') + '. Received ' + describe(actual);
    return make(TypeError, 'ERR_INVALID_ARG_TYPE', msg);
  }

  function list(items) {
    if (items.length === 1) return items[0];
    if (items.length === 2) return items[0] + ' or ' + items[1];
    return items.slice(0, -1).join(', ') + ', or ' + items[items.length - 1];
  }

  function validateFunction(value, name) {
    if (typeof value !== 'function') throw invalidArgType(name, 'function', value);
  }

  function validateString(value, name) {
    if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
  }

  function validateObject(value, name) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'Object', value);
  }

  function validateNumber(value, name) {
    if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  }

  function outOfRange(name, range, value) {
    var shown = primitive(value);
    return make(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + shown);
  }

  var ERRNO = { ECONNREFUSED: -111, ECONNRESET: -104, ETIMEDOUT: -110, ENOTFOUND: -3008, EHOSTUNREACH: -113, ENETUNREACH: -101, ECONNABORTED: -103, EPIPE: -32 };

  // A failure as Node's net/dns layer reports it (fetch's cause, http's 'error'): code, errno, syscall,
  // address/hostname, port.
  function network(code, message, syscall, address, port) {
    var error = new Error(message);
    if (ERRNO[code] !== undefined) error.errno = ERRNO[code];
    error.code = code;
    if (syscall) error.syscall = syscall;
    if (address && syscall === 'getaddrinfo') error.hostname = address;
    else if (address) error.address = address;
    if (port) error.port = port;
    return error;
  }

  return {
    describe: describe,
    network: network,
    primitive: primitive,
    make: make,
    invalidArgType: invalidArgType,
    outOfRange: outOfRange,
    validateFunction: validateFunction,
    validateString: validateString,
    validateObject: validateObject,
    validateNumber: validateNumber,
  };
})
