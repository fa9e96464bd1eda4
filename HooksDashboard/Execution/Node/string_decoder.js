// Node's `string_decoder` over Buffers and other ArrayBuffer views: multi-byte characters split across writes are kept
// until complete; end() flushes what is left (an incomplete UTF-8 character as U+FFFD). Decoding is Buffer's.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var Buffer = require('buffer').Buffer;
  var names = { utf8: 'utf8', 'utf-8': 'utf8', latin1: 'latin1', binary: 'latin1', ascii: 'ascii', hex: 'hex',
    base64: 'base64', base64url: 'base64url', utf16le: 'utf16le', 'utf-16le': 'utf16le', ucs2: 'utf16le', 'ucs-2': 'utf16le' };

  function normalize(encoding) {
    if (encoding === undefined || encoding === null || encoding === '') return 'utf8';
    var name = names[String(encoding).toLowerCase()];
    if (!name) throw errors.make(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
    return name;
  }

  function bytesOf(buf) {
    if (typeof buf === 'string') return buf;
    if (buf instanceof ArrayBuffer) return new Uint8Array(buf);
    if (ArrayBuffer.isView(buf)) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    throw errors.invalidArgType('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  }

  function decodeAll(encoding, bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(encoding);
  }

  // How many bytes at the end of `bytes` start a character that is not complete yet.
  function incomplete(encoding, bytes) {
    if (encoding === 'utf8') {
      for (var back = 1; back <= 3 && back <= bytes.length; back++) {
        var b = bytes[bytes.length - back];
        if ((b & 0xC0) === 0x80) continue;
        var need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
      }
      return 0;
    }
    if (encoding === 'base64' || encoding === 'base64url') return bytes.length % 3;
    if (encoding === 'utf16le') {
      var odd = bytes.length % 2;
      if (odd === 0 && bytes.length >= 2) {
        var unit = bytes[bytes.length - 2] | (bytes[bytes.length - 1] << 8);
        if (unit >= 0xD800 && unit <= 0xDBFF) return 2;
      }
      return odd;
    }
    return 0;
  }

  function StringDecoder(encoding) {
    this.encoding = normalize(encoding);
    this._pending = Buffer.alloc(0);
  }

  StringDecoder.prototype.write = function write(buf) {
    var bytes = bytesOf(buf);
    if (typeof bytes === 'string') return bytes;
    if (this._pending.length > 0) {
      bytes = Buffer.concat([this._pending, bytes]);
    }
    var keep = incomplete(this.encoding, bytes);
    this._pending = Buffer.from(bytes.subarray(bytes.length - keep));
    return decodeAll(this.encoding, bytes.subarray(0, bytes.length - keep));
  };

  StringDecoder.prototype.end = function end(buf) {
    var out = buf === undefined ? '' : this.write(buf);
    if (this._pending.length > 0) {
      out += this.encoding === 'utf8' ? '\ufffd' : decodeAll(this.encoding, this._pending);
      this._pending = Buffer.alloc(0);
    }
    return out;
  };

  StringDecoder.prototype.text = function text(buf, offset) {
    var bytes = bytesOf(buf);
    return this.write(bytes.subarray(offset || 0));
  };

  Object.defineProperty(StringDecoder.prototype, 'lastNeed', { get: function () { return this._pending.length; }, configurable: true });
  Object.defineProperty(StringDecoder.prototype, 'lastChar', { get: function () { return this._pending; }, configurable: true });

  return { StringDecoder: StringDecoder };
})
