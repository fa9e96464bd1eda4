// Node 20's `buffer`: Buffer is a Uint8Array subclass (FastBuffer) whose constructor is guarded like Uint8Array's
// (a huge size is a limit error, never an allocation). Transcoding runs in the host (`binding`, NodeBuffer.cs).
(function (require, binding) {
  'use strict';
  var errors = require('internal/errors');
  var kMaxLength = 4294967296;
  var kStringMaxLength = 536870888;
  var INSPECT_MAX_BYTES = 50;

  class FastBuffer extends Uint8Array {
    // Only the (length) and (arrayBuffer, byteOffset, length) forms are used.
    constructor(a, b, c) { super(a, b, c); }
  }

  var encodings = { utf8: 'utf8', 'utf-8': 'utf8', hex: 'hex', base64: 'base64', base64url: 'base64url',
    latin1: 'latin1', binary: 'latin1', ascii: 'ascii', ucs2: 'utf16le', 'ucs-2': 'utf16le', utf16le: 'utf16le',
    'utf-16le': 'utf16le' };

  function normalizeEncoding(encoding) {
    if (encoding === undefined || encoding === null || encoding === '' || encoding === 'utf8' || encoding === 'utf-8') return 'utf8';
    var name = encodings[('' + encoding).toLowerCase()];
    return name === undefined ? undefined : name;
  }

  function getEncoding(encoding) {
    var name = normalizeEncoding(encoding);
    if (name === undefined) throw errors.make(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
    return name;
  }

  // Node's addNumericalSeparator, used for big numbers in ERR_OUT_OF_RANGE messages.
  function separated(value) {
    var text = String(value);
    var sign = text[0] === '-' ? '-' : '';
    var digits = sign ? text.slice(1) : text;
    var out = '';
    var i = digits.length;
    for (; i >= 4; i -= 3) out = '_' + digits.slice(i - 3, i) + out;
    return sign + digits.slice(0, i) + out;
  }

  function received(value) {
    if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > 4294967296) return separated(value);
    if (typeof value === 'bigint') {
      var shown = value > 4294967296n || value < -4294967296n ? separated(value) : String(value);
      return shown + 'n';
    }
    return errors.primitive(value);
  }

  function outOfRange(name, range, value) {
    return errors.make(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + received(value));
  }

  function outOfBounds(name) {
    return errors.make(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', name ? '"' + name + '" is outside of buffer bounds' : 'Attempt to access memory outside buffer bounds');
  }

  function validateNumber(value, name, min, max) {
    if (typeof value !== 'number') throw errors.invalidArgType(name, 'number', value);
    if ((min !== undefined && value < min) || (max !== undefined && value > max) || ((min !== undefined || max !== undefined) && value !== value)) {
      throw outOfRange(name, (min !== undefined ? '>= ' + min : '') + (min !== undefined && max !== undefined ? ' && ' : '') + (max !== undefined ? '<= ' + max : ''), value);
    }
  }

  function assertSize(size) {
    validateNumber(size, 'size', 0, kMaxLength);
  }

  function isUint8Array(value) {
    return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
  }

  function isAnyArrayBuffer(value) {
    return value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer);
  }

  // A Buffer viewing the host-made bytes (no copy).
  function wrap(bytes) {
    return new FastBuffer(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  function fromString(string, encoding) {
    var name = getEncoding(encoding);
    if (string.length === 0) return new FastBuffer(0);
    return wrap(binding.encode(string, name));
  }

  function fromArrayLike(obj) {
    var length = obj.length >>> 0;
    var buf = new FastBuffer(length);
    if (length > 0) buf.set(obj, 0);
    return buf;
  }

  function fromArrayBuffer(obj, byteOffset, length) {
    if (byteOffset === undefined) {
      byteOffset = 0;
    } else {
      byteOffset = +byteOffset;
      if (byteOffset !== byteOffset) byteOffset = 0;
    }
    var maxLength = obj.byteLength - byteOffset;
    if (maxLength < 0) throw outOfBounds('offset');
    if (length === undefined) {
      length = maxLength;
    } else {
      length = +length;
      if (length > 0) {
        if (length > maxLength) throw outOfBounds('length');
      } else {
        length = 0;
      }
    }
    return new FastBuffer(obj, byteOffset, length);
  }

  var deprecationShown = false;
  var nodeModulesChecks = 0;

  // Node's isInsideNodeModules: the first frame outside the built-ins (here `node:<name>`) decides. The frames come as
  // call sites, as Node reads them (Error.prepareStackTrace set for the read, put back after).
  function structuredFrames(error, sites) { return sites; }
  function isInsideNodeModules() {
    var prepare = Error.prepareStackTrace;
    var sites;
    try {
      Error.prepareStackTrace = structuredFrames;
      sites = new Error().stack;
    } finally {
      Error.prepareStackTrace = prepare;
    }
    if (!Array.isArray(sites)) return false;
    for (var i = 1; i < sites.length; i++) {
      var file = sites[i].getFileName();
      if (!file || file.indexOf('node:') === 0) continue;
      return /[\\/]node_modules[\\/]/.test(file);
    }
    return false;
  }

  // The deprecated Buffer(...) / new Buffer(...): works, and warns once (DEP0005) as Node does for code outside
  // node_modules (a package calling it is not warned about; after 10,000 such checks Node stops checking).
  function Buffer(arg, encodingOrOffset, length) {
    if (!deprecationShown && ++nodeModulesChecks <= 10000 && !isInsideNodeModules()) {
      deprecationShown = true;
      require('process').emitWarning('Buffer() is deprecated due to security and usability issues. Please use the ' +
        'Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.', 'DeprecationWarning', 'DEP0005');
    }
    if (typeof arg === 'number') {
      if (typeof encodingOrOffset === 'string') {
        throw errors.invalidArgType('string', 'string', arg);
      }
      return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
  }

  Object.defineProperty(Buffer, Symbol.species, { get: function () { return FastBuffer; }, configurable: true, enumerable: false });

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return fromString(value, encodingOrOffset);
    if (typeof value === 'object' && value !== null) {
      if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
      var valueOf = value.valueOf && value.valueOf();
      if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
        return Buffer.from(valueOf, encodingOrOffset, length);
      }
      if (ArrayBuffer.isView(value)) {
        if (isUint8Array(value)) {
          var copy = new FastBuffer(value.length);
          copy.set(value, 0);
          return copy;
        }
        return fromArrayLike(value);
      }
      if (value.length !== undefined || isAnyArrayBuffer(value.buffer)) {
        if (typeof value.length !== 'number') return new FastBuffer(0);
        return fromArrayLike(value);
      }
      if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArrayLike(value.data);
      if (typeof value[Symbol.toPrimitive] === 'function') {
        var primitive = value[Symbol.toPrimitive]('string');
        if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
      }
    }
    throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', 'The first argument must be of type string or an instance of Buffer, ' +
      'ArrayBuffer, or Array or an Array-like Object. Received ' + errors.describe(value));
  };

  Buffer.of = function of() {
    var buf = new FastBuffer(arguments.length);
    for (var i = 0; i < arguments.length; i++) buf[i] = arguments[i];
    return buf;
  };

  Buffer.alloc = function alloc(size, fill, encoding) {
    assertSize(size);
    var buf = new FastBuffer(size);
    if (fill !== undefined && fill !== 0 && size > 0) buf.fill(fill, 0, buf.length, encoding);
    return buf;
  };

  Buffer.allocUnsafe = function allocUnsafe(size) {
    assertSize(size);
    return new FastBuffer(size);
  };

  Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
    assertSize(size);
    return new FastBuffer(size);
  };

  Buffer.isBuffer = function isBuffer(b) {
    return b instanceof Buffer;
  };

  Buffer.isEncoding = function isEncoding(encoding) {
    return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
  };

  Buffer.byteLength = function byteLength(string, encoding) {
    if (typeof string !== 'string') {
      if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
      throw errors.invalidArgType('string', ['string', 'Buffer', 'ArrayBuffer'], string);
    }
    var len = string.length;
    if (len === 0) return 0;
    switch (normalizeEncoding(encoding)) {
      case 'latin1': case 'ascii': return len;
      case 'utf16le': return len * 2;
      case 'hex': return len >>> 1;
      case 'base64': case 'base64url':
        var bytes = len;
        if (string.charCodeAt(bytes - 1) === 0x3D) bytes--;
        if (bytes > 1 && string.charCodeAt(bytes - 1) === 0x3D) bytes--;
        return (bytes * 3) >>> 2;
      default: return binding.utf8Length(string);
    }
  };

  function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
    return binding.compare(a.subarray(aStart, aEnd), b.subarray(bStart, bEnd));
  }

  function checkUint8(value, name) {
    if (!isUint8Array(value)) throw errors.invalidArgType(name, ['Buffer', 'Uint8Array'], value);
  }

  Buffer.compare = function compare(buf1, buf2) {
    checkUint8(buf1, 'buf1');
    checkUint8(buf2, 'buf2');
    if (buf1 === buf2) return 0;
    return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
  };

  Buffer.concat = function concat(list, length) {
    if (!Array.isArray(list)) throw errors.invalidArgType('list', 'Array', list);
    if (list.length === 0) return new FastBuffer(0);
    var i;
    if (length === undefined) {
      length = 0;
      for (i = 0; i < list.length; i++) {
        if (list[i].length) length += list[i].length;
      }
    } else {
      validateOffset(length, 'length');
    }
    var buffer = Buffer.allocUnsafe(length);
    var pos = 0;
    for (i = 0; i < list.length; i++) {
      var buf = list[i];
      if (!isUint8Array(buf)) throw errors.invalidArgType('list[' + i + ']', ['Buffer', 'Uint8Array'], buf);
      var take = Math.min(buf.length, length - pos);
      if (take > 0) buffer.set(take === buf.length ? buf : buf.subarray(0, take), pos);
      pos += take;
    }
    if (pos < length) buffer.fill(0, pos, length);
    return buffer;
  };

  Buffer.poolSize = 8 * 1024;

  Buffer.prototype = FastBuffer.prototype;
  Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true, enumerable: false });
  Object.setPrototypeOf(Buffer, Uint8Array);

  var proto = Buffer.prototype;

  function validateOffset(value, name, min, max) {
    if (min === undefined) min = 0;
    if (max === undefined) max = kMaxLength;
    if (typeof value !== 'number') throw errors.invalidArgType(name, 'number', value);
    if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw outOfRange(name, '>= ' + min + ' && <= ' + max, value);
  }

  // Node's argument clamping for start/end of toString, fill and friends.
  function toInteger(value, fallback) {
    if (value === undefined) return fallback;
    var n = +value;
    if (n !== n) return 0;
    return Math.trunc(n);
  }

  proto.toString = function toString(encoding, start, end) {
    if (arguments.length === 0) return binding.decode(this, 'utf8');
    var len = this.length;
    if (start <= 0) start = 0;
    else if (start >= len) return '';
    else start = Math.trunc(start) || 0;
    if (end === undefined || end > len) end = len;
    else end = Math.trunc(end) || 0;
    if (end <= start) return '';
    var name = encoding === undefined ? 'utf8' : normalizeEncoding(encoding);
    if (name === undefined) throw errors.make(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
    return binding.decode(start === 0 && end === len ? this : this.subarray(start, end), name);
  };

  proto.toLocaleString = proto.toString;

  proto.equals = function equals(otherBuffer) {
    checkUint8(otherBuffer, 'otherBuffer');
    if (this === otherBuffer) return true;
    if (this.byteLength !== otherBuffer.byteLength) return false;
    return compareBytes(this, 0, this.length, otherBuffer, 0, otherBuffer.length) === 0;
  };

  proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    checkUint8(target, 'target');
    if (targetStart === undefined) targetStart = 0; else validateOffset(targetStart, 'targetStart');
    if (targetEnd === undefined) targetEnd = target.length; else validateOffset(targetEnd, 'targetEnd', 0, target.length);
    if (sourceStart === undefined) sourceStart = 0; else validateOffset(sourceStart, 'sourceStart');
    if (sourceEnd === undefined) sourceEnd = this.length; else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
    if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
    if (targetStart >= targetEnd) return 1;
    return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
  };

  function needleBytes(value, encoding) {
    if (typeof value === 'string') return Buffer.from(value, encoding);
    if (isUint8Array(value)) return value;
    throw errors.invalidArgType('value', ['number', 'string', 'Buffer', 'Uint8Array'], value);
  }

  function search(buf, value, byteOffset, encoding, forward) {
    if (typeof byteOffset === 'string') {
      encoding = byteOffset;
      byteOffset = undefined;
    } else if (byteOffset > 0x7fffffff) {
      byteOffset = 0x7fffffff;
    } else if (byteOffset < -0x80000000) {
      byteOffset = -0x80000000;
    }
    byteOffset = +byteOffset;
    if (byteOffset !== byteOffset) byteOffset = forward ? 0 : buf.length;
    byteOffset = Math.trunc(byteOffset);
    if (byteOffset < 0) byteOffset += buf.length;
    var len = buf.length;
    if (typeof value === 'number') {
      if (!forward && byteOffset < 0) return -1;
      return binding.indexOf(buf, new Uint8Array([(value >>> 0) & 255]), byteOffset, forward);
    }
    if (typeof value === 'string' && encoding !== undefined) getEncoding(encoding);
    var needle = needleBytes(value, encoding);
    var m = needle.length;
    if (m === 0) return forward ? Math.min(Math.max(byteOffset, 0), len) : Math.min(byteOffset, len);
    if (!forward && byteOffset < 0) return -1;
    return binding.indexOf(buf, needle, byteOffset, forward);
  }

  proto.indexOf = function indexOf(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, true);
  };

  proto.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, false);
  };

  proto.includes = function includes(value, byteOffset, encoding) {
    return this.indexOf(value, byteOffset, encoding) !== -1;
  };

  proto.fill = function fill(value, offset, end, encoding) {
    if (typeof value === 'string') {
      if (typeof offset === 'string') {
        encoding = offset;
        offset = 0;
        end = this.length;
      } else if (typeof end === 'string') {
        encoding = end;
        end = this.length;
      }
      var name = getEncoding(encoding);
      if (value.length === 0) {
        value = 0;
      } else if (value.length === 1) {
        if (name === 'utf8') {
          var code = value.charCodeAt(0);
          if (code < 128) value = code;
        } else if (name === 'latin1') {
          value = value.charCodeAt(0);
        }
      }
      encoding = name;
    }
    if (offset === undefined) {
      offset = 0;
      end = this.length;
    } else {
      validateOffset(offset, 'offset');
      if (end === undefined) end = this.length; else validateOffset(end, 'end', 0, this.length);
      if (offset >= end) return this;
    }
    if (typeof value === 'number') {
      Uint8Array.prototype.fill.call(this, value & 255, offset, end);
      return this;
    }
    if (typeof value === 'boolean') {
      Uint8Array.prototype.fill.call(this, +value, offset, end);
      return this;
    }
    var bytes = typeof value === 'string' ? Buffer.from(value, encoding) : isUint8Array(value) ? value : null;
    if (bytes === null) {
      Uint8Array.prototype.fill.call(this, (value >>> 0) & 255, offset, end);
      return this;
    }
    if (bytes.length === 0) {
      throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received " + errors.primitive(value));
    }
    // The pattern once, then doubled by copying within the buffer: O(log n) calls instead of a script loop per byte.
    var first = Math.min(bytes.length, end - offset);
    this.set(first === bytes.length ? bytes : bytes.subarray(0, first), offset);
    for (var filled = first; filled < end - offset; filled *= 2) {
      this.copyWithin(offset + filled, offset, offset + Math.min(filled, end - offset - filled));
    }
    return this;
  };

  proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
    checkUint8(this, 'source');
    checkUint8(target, 'target');
    targetStart = targetStart === undefined ? 0 : toInteger(targetStart, 0);
    if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
    sourceStart = sourceStart === undefined ? 0 : toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > this.length) throw outOfRange('sourceStart', '>= 0 && <= ' + this.length, sourceStart);
    sourceEnd = sourceEnd === undefined ? this.length : toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
    if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
    if (sourceEnd > this.length) sourceEnd = this.length;
    var n = Math.min(sourceEnd - sourceStart, target.length - targetStart);
    Uint8Array.prototype.set.call(target, this.subarray(sourceStart, sourceStart + n), targetStart);
    return n;
  };

  function adjustOffset(offset, length) {
    offset = Math.trunc(offset);
    if (offset === 0 || offset !== offset) return 0;
    if (offset < 0) {
      offset += length;
      return offset > 0 ? offset : 0;
    }
    return offset < length ? offset : length;
  }

  proto.slice = function slice(start, end) {
    var len = this.length;
    start = start === undefined ? 0 : adjustOffset(start, len);
    end = end === undefined ? len : adjustOffset(end, len);
    var newLength = end > start ? end - start : 0;
    return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
  };

  proto.subarray = function subarray(start, end) {
    return proto.slice.call(this, start, end);
  };

  proto.write = function write(string, offset, length, encoding) {
    if (typeof string !== 'string') throw errors.make(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
    if (offset === undefined) {
      encoding = 'utf8';
      length = this.length;
      offset = 0;
    } else if (length === undefined && typeof offset === 'string') {
      encoding = offset;
      length = this.length;
      offset = 0;
    } else {
      validateOffset(offset, 'offset', 0, this.length);
      var remaining = this.length - offset;
      if (length === undefined) {
        length = remaining;
      } else if (typeof length === 'string') {
        encoding = length;
        length = remaining;
      } else {
        validateOffset(length, 'length', 0, this.length);
        if (length > remaining) length = remaining;
      }
    }
    var name = getEncoding(encoding);
    var bytes = binding.encode(string, name);
    var n = Math.min(bytes.length, length);
    if (name === 'utf8') {
      // Node writes only whole characters.
      while (n > 0 && n < bytes.length && (bytes[n] & 0xC0) === 0x80) n--;
    } else if (name === 'utf16le') {
      n -= n % 2;
    }
    if (n > 0) this.set(n === bytes.length ? bytes : bytes.subarray(0, n), offset);
    return n;
  };

  proto.toJSON = function toJSON() {
    var data = new Array(this.length);
    for (var i = 0; i < this.length; i++) data[i] = this[i];
    return { type: 'Buffer', data: data };
  };

  proto.swap16 = function swap16() { return swap(this, 2); };
  proto.swap32 = function swap32() { return swap(this, 4); };
  proto.swap64 = function swap64() { return swap(this, 8); };

  function swap(buf, size) {
    if (buf.length % size !== 0) {
      throw errors.make(RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of ' + (size * 8) + '-bits');
    }
    for (var i = 0; i < buf.length; i += size) {
      for (var a = i, b = i + size - 1; a < b; a++, b--) {
        var t = buf[a]; buf[a] = buf[b]; buf[b] = t;
      }
    }
    return buf;
  }

  ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'ucs2', 'utf16le'].forEach(function (enc) {
    var name = normalizeEncoding(enc);
    proto[enc + 'Slice'] = function (start, end) { return binding.decode(this.subarray(start, end), name); };
    proto[enc + 'Write'] = function (string, offset, length) { return this.write(string, offset || 0, length === undefined ? this.length - (offset || 0) : length, name); };
  });

  // Integer reads and writes: Node's offset checks, then a DataView over the same memory.
  function view(buf) {
    return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  function checkRead(buf, offset, size) {
    if (offset === undefined) offset = 0;
    if (typeof offset !== 'number') throw errors.invalidArgType('offset', 'number', offset);
    if (!Number.isInteger(offset)) throw outOfRange('offset', 'an integer', offset);
    var max = buf.length - size;
    if (max < 0) throw outOfBounds();
    if (offset < 0 || offset > max) throw outOfRange('offset', '>= 0 and <= ' + max, offset);
    return offset;
  }

  function checkValue(value, min, max, range) {
    if (typeof value === 'number' ? (value > max || value < min || value !== value) : false) {
      throw outOfRange('value', range, value);
    }
  }

  // One plain function per method (no generated closures): each function object costs the invocation memory.
  function get(buf, offset, size, method, little) {
    offset = checkRead(buf, offset, size);
    return view(buf)[method](offset, little);
  }

  function set(buf, value, offset, size, method, little, min, max) {
    value = +value;
    if (min !== undefined) checkValue(value, min, max, '>= ' + min + ' and <= ' + max);
    offset = checkRead(buf, offset, size);
    view(buf)[method](offset, value, little);
    return offset + size;
  }

  function setBig(buf, value, offset, method, little, signed) {
    if (typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
    if (signed ? value < -(2n ** 63n) || value >= 2n ** 63n : value < 0n || value >= 2n ** 64n) {
      throw outOfRange('value', signed ? '>= -(2n ** 63n) and < 2n ** 63n' : '>= 0n and < 2n ** 64n', value);
    }
    offset = checkRead(buf, offset, 8);
    view(buf)[method](offset, value, little);
    return offset + 8;
  }

  proto.readUInt8 = proto.readUint8 = function readUInt8(offset) { return get(this, offset, 1, 'getUint8'); };
  proto.readInt8 = function readInt8(offset) { return get(this, offset, 1, 'getInt8'); };
  proto.readUInt16LE = proto.readUint16LE = function readUInt16LE(offset) { return get(this, offset, 2, 'getUint16', true); };
  proto.readUInt16BE = proto.readUint16BE = function readUInt16BE(offset) { return get(this, offset, 2, 'getUint16', false); };
  proto.readInt16LE = function readInt16LE(offset) { return get(this, offset, 2, 'getInt16', true); };
  proto.readInt16BE = function readInt16BE(offset) { return get(this, offset, 2, 'getInt16', false); };
  proto.readUInt32LE = proto.readUint32LE = function readUInt32LE(offset) { return get(this, offset, 4, 'getUint32', true); };
  proto.readUInt32BE = proto.readUint32BE = function readUInt32BE(offset) { return get(this, offset, 4, 'getUint32', false); };
  proto.readInt32LE = function readInt32LE(offset) { return get(this, offset, 4, 'getInt32', true); };
  proto.readInt32BE = function readInt32BE(offset) { return get(this, offset, 4, 'getInt32', false); };
  proto.readFloatLE = function readFloatLE(offset) { return get(this, offset, 4, 'getFloat32', true); };
  proto.readFloatBE = function readFloatBE(offset) { return get(this, offset, 4, 'getFloat32', false); };
  proto.readDoubleLE = function readDoubleLE(offset) { return get(this, offset, 8, 'getFloat64', true); };
  proto.readDoubleBE = function readDoubleBE(offset) { return get(this, offset, 8, 'getFloat64', false); };
  proto.readBigUInt64LE = proto.readBigUint64LE = function readBigUInt64LE(offset) { return get(this, offset, 8, 'getBigUint64', true); };
  proto.readBigUInt64BE = proto.readBigUint64BE = function readBigUInt64BE(offset) { return get(this, offset, 8, 'getBigUint64', false); };
  proto.readBigInt64LE = function readBigInt64LE(offset) { return get(this, offset, 8, 'getBigInt64', true); };
  proto.readBigInt64BE = function readBigInt64BE(offset) { return get(this, offset, 8, 'getBigInt64', false); };

  proto.writeUInt8 = proto.writeUint8 = function writeUInt8(value, offset) { return set(this, value, offset, 1, 'setUint8', false, 0, 255); };
  proto.writeInt8 = function writeInt8(value, offset) { return set(this, value, offset, 1, 'setInt8', false, -128, 127); };
  proto.writeUInt16LE = proto.writeUint16LE = function writeUInt16LE(value, offset) { return set(this, value, offset, 2, 'setUint16', true, 0, 65535); };
  proto.writeUInt16BE = proto.writeUint16BE = function writeUInt16BE(value, offset) { return set(this, value, offset, 2, 'setUint16', false, 0, 65535); };
  proto.writeInt16LE = function writeInt16LE(value, offset) { return set(this, value, offset, 2, 'setInt16', true, -32768, 32767); };
  proto.writeInt16BE = function writeInt16BE(value, offset) { return set(this, value, offset, 2, 'setInt16', false, -32768, 32767); };
  proto.writeUInt32LE = proto.writeUint32LE = function writeUInt32LE(value, offset) { return set(this, value, offset, 4, 'setUint32', true, 0, 4294967295); };
  proto.writeUInt32BE = proto.writeUint32BE = function writeUInt32BE(value, offset) { return set(this, value, offset, 4, 'setUint32', false, 0, 4294967295); };
  proto.writeInt32LE = function writeInt32LE(value, offset) { return set(this, value, offset, 4, 'setInt32', true, -2147483648, 2147483647); };
  proto.writeInt32BE = function writeInt32BE(value, offset) { return set(this, value, offset, 4, 'setInt32', false, -2147483648, 2147483647); };
  proto.writeFloatLE = function writeFloatLE(value, offset) { return set(this, value, offset, 4, 'setFloat32', true); };
  proto.writeFloatBE = function writeFloatBE(value, offset) { return set(this, value, offset, 4, 'setFloat32', false); };
  proto.writeDoubleLE = function writeDoubleLE(value, offset) { return set(this, value, offset, 8, 'setFloat64', true); };
  proto.writeDoubleBE = function writeDoubleBE(value, offset) { return set(this, value, offset, 8, 'setFloat64', false); };
  proto.writeBigUInt64LE = proto.writeBigUint64LE = function writeBigUInt64LE(value, offset) { return setBig(this, value, offset, 'setBigUint64', true, false); };
  proto.writeBigUInt64BE = proto.writeBigUint64BE = function writeBigUInt64BE(value, offset) { return setBig(this, value, offset, 'setBigUint64', false, false); };
  proto.writeBigInt64LE = function writeBigInt64LE(value, offset) { return setBig(this, value, offset, 'setBigInt64', true, true); };
  proto.writeBigInt64BE = function writeBigInt64BE(value, offset) { return setBig(this, value, offset, 'setBigInt64', false, true); };

  // readUIntLE(offset, byteLength) and friends, for 1 to 6 bytes.
  function checkByteLength(byteLength) {
    if (typeof byteLength !== 'number') throw errors.invalidArgType('byteLength', 'number', byteLength);
    if (!Number.isInteger(byteLength)) throw outOfRange('byteLength', 'an integer', byteLength);
    if (byteLength < 1 || byteLength > 6) throw outOfRange('byteLength', '>= 1 and <= 6', byteLength);
  }

  function readVariable(buf, offset, byteLength, little, signed) {
    checkByteLength(byteLength);
    offset = checkRead(buf, offset, byteLength);
    var value = 0;
    for (var i = 0; i < byteLength; i++) {
      value = value * 256 + buf[offset + (little ? byteLength - 1 - i : i)];
    }
    var limit = Math.pow(2, 8 * byteLength);
    if (signed && value >= limit / 2) value -= limit;
    return value;
  }

  function writeVariable(buf, value, offset, byteLength, little, signed) {
    checkByteLength(byteLength);
    value = +value;
    var limit = Math.pow(2, 8 * byteLength);
    var min = signed ? -limit / 2 : 0;
    var max = signed ? limit / 2 - 1 : limit - 1;
    var range = byteLength > 4
      ? (signed ? '>= -(2 ** ' + (8 * byteLength - 1) + ') and < 2 ** ' + (8 * byteLength - 1) : '>= 0 and < 2 ** ' + (8 * byteLength))
      : '>= ' + min + ' and <= ' + max;
    checkValue(value, min, max, range);
    offset = checkRead(buf, offset, byteLength);
    var v = value < 0 ? value + limit : value;
    for (var i = 0; i < byteLength; i++) {
      var b = v % 256;
      v = Math.floor(v / 256);
      buf[offset + (little ? i : byteLength - 1 - i)] = b;
    }
    return offset + byteLength;
  }

  proto.readUIntLE = proto.readUintLE = function readUIntLE(offset, byteLength) { return readVariable(this, offset, byteLength, true, false); };
  proto.readUIntBE = proto.readUintBE = function readUIntBE(offset, byteLength) { return readVariable(this, offset, byteLength, false, false); };
  proto.readIntLE = function readIntLE(offset, byteLength) { return readVariable(this, offset, byteLength, true, true); };
  proto.readIntBE = function readIntBE(offset, byteLength) { return readVariable(this, offset, byteLength, false, true); };
  proto.writeUIntLE = proto.writeUintLE = function writeUIntLE(value, offset, byteLength) { return writeVariable(this, value, offset, byteLength, true, false); };
  proto.writeUIntBE = proto.writeUintBE = function writeUIntBE(value, offset, byteLength) { return writeVariable(this, value, offset, byteLength, false, false); };
  proto.writeIntLE = function writeIntLE(value, offset, byteLength) { return writeVariable(this, value, offset, byteLength, true, true); };
  proto.writeIntBE = function writeIntBE(value, offset, byteLength) { return writeVariable(this, value, offset, byteLength, false, true); };

  function SlowBuffer(size) {
    assertSize(size);
    return new FastBuffer(size);
  }
  SlowBuffer.prototype = Buffer.prototype;
  Object.setPrototypeOf(SlowBuffer, Uint8Array);

  function isUtf8(input) {
    var bytes = isAnyArrayBuffer(input) ? new Uint8Array(input) : input;
    if (!ArrayBuffer.isView(bytes)) throw errors.invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
    try {
      new (require('util').TextDecoder)('utf-8', { fatal: true }).decode(bytes);
      return true;
    } catch (e) {
      return false;
    }
  }

  function isAscii(input) {
    var bytes = isAnyArrayBuffer(input) ? new Uint8Array(input) : ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : null;
    if (bytes === null) throw errors.invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
    for (var i = 0; i < bytes.length; i++) if (bytes[i] > 127) return false;
    return true;
  }

  var exports = {
    Buffer: Buffer,
    SlowBuffer: SlowBuffer,
    kMaxLength: kMaxLength,
    kStringMaxLength: kStringMaxLength,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
    INSPECT_MAX_BYTES: INSPECT_MAX_BYTES,
    isUtf8: isUtf8,
    isAscii: isAscii,
    atob: binding.atob,
    btoa: binding.btoa,
  };
  // Blob and File (fetch's, the globals' own classes), loaded on first read: most hooks that need Buffer never do
  // (undici reads `require('node:buffer').Blob` at load).
  ['Blob', 'File'].forEach(function (name) {
    Object.defineProperty(exports, name, {
      configurable: true, enumerable: true,
      get: function () {
        var value = require('internal/fetch')[name];
        Object.defineProperty(exports, name, { value: value, writable: true, configurable: true, enumerable: true });
        return value;
      },
      set: function (value) { Object.defineProperty(exports, name, { value: value, writable: true, configurable: true, enumerable: true }); },
    });
  });
  return exports;
})
