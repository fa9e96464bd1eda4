// Node's `string_decoder` over Uint8Array/ArrayBuffer views (Buffer is not provided yet): multi-byte characters
// split across writes are kept until complete; end() flushes what is left (an incomplete UTF-8 character as U+FFFD).
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var util = require('util');
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

  var base64Chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  function base64(bytes, url) {
    var out = '';
    for (var i = 0; i < bytes.length; i += 3) {
      var n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      out += base64Chars[(n >> 18) & 63] + base64Chars[(n >> 12) & 63];
      out += i + 1 < bytes.length ? base64Chars[(n >> 6) & 63] : (url ? '' : '=');
      out += i + 2 < bytes.length ? base64Chars[n & 63] : (url ? '' : '=');
    }
    return url ? out.replace(/\+/g, '-').replace(/\//g, '_') : out;
  }

  function decodeAll(encoding, bytes) {
    var out = '';
    var i;
    switch (encoding) {
      case 'latin1':
        for (i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
        return out;
      case 'ascii':
        for (i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i] & 0x7f);
        return out;
      case 'hex':
        for (i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
        return out;
      case 'base64':
      case 'base64url':
        return base64(bytes, encoding === 'base64url');
      case 'utf16le':
        for (i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
        return out;
      default:
        return new util.TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    }
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
    this._pending = new Uint8Array(0);
  }

  StringDecoder.prototype.write = function write(buf) {
    var bytes = bytesOf(buf);
    if (typeof bytes === 'string') return bytes;
    if (this._pending.length > 0) {
      var joined = new Uint8Array(this._pending.length + bytes.length);
      joined.set(this._pending, 0);
      joined.set(bytes, this._pending.length);
      bytes = joined;
    }
    var keep = incomplete(this.encoding, bytes);
    this._pending = bytes.slice(bytes.length - keep);
    return decodeAll(this.encoding, bytes.subarray(0, bytes.length - keep));
  };

  StringDecoder.prototype.end = function end(buf) {
    var out = buf === undefined ? '' : this.write(buf);
    if (this._pending.length > 0) {
      out += this.encoding === 'utf8' ? '\ufffd' : decodeAll(this.encoding, this._pending);
      this._pending = new Uint8Array(0);
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
