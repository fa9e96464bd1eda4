// Node's `querystring`: parse (repeated keys become arrays, '+' is a space, malformed escapes kept as written),
// stringify, escape, unescape.
(function (require) {
  'use strict';

  function unescapeBuffer(s, decodeSpaces) {
    var bytes = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c === 43 && decodeSpaces) {
        bytes.push(32);
      } else if (c === 37 && i + 2 < s.length + 0 && /^[0-9a-fA-F]{2}$/.test(s.substr(i + 1, 2))) {
        bytes.push(parseInt(s.substr(i + 1, 2), 16));
        i += 2;
      } else if (c < 0x80) {
        bytes.push(c);
      } else {
        var encoded = new (require('util').TextEncoder)().encode(s[i] + (c >= 0xD800 && c < 0xDC00 && i + 1 < s.length ? s[++i] : ''));
        for (var j = 0; j < encoded.length; j++) bytes.push(encoded[j]);
      }
    }
    return new (require('util').TextDecoder)().decode(new Uint8Array(bytes));
  }

  function qsUnescape(s, decodeSpaces) {
    try {
      return decodeURIComponent(s);
    } catch (e) {
      return unescapeBuffer(s, decodeSpaces);
    }
  }

  function qsEscape(str) {
    if (typeof str !== 'string') {
      if (typeof str === 'object') str = String(str);
      else str += '';
    }
    try {
      return encodeURIComponent(str);
    } catch (e) {
      var error = new URIError('URI malformed');
      error.code = 'ERR_INVALID_URI';
      throw error;
    }
  }

  function stringifyPrimitive(v) {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && isFinite(v)) return '' + v;
    if (typeof v === 'bigint') return '' + v;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return '';
  }

  function stringify(obj, sep, eq, options) {
    sep = sep || '&';
    eq = eq || '=';
    var encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : exports.escape;
    if (obj !== null && typeof obj === 'object') {
      var keys = Object.keys(obj);
      var fields = [];
      for (var i = 0; i < keys.length; i++) {
        var k = keys[i];
        var v = obj[k];
        var ks = encode(stringifyPrimitive(k)) + eq;
        if (Array.isArray(v)) {
          for (var j = 0; j < v.length; j++) fields.push(ks + encode(stringifyPrimitive(v[j])));
        } else {
          fields.push(ks + encode(stringifyPrimitive(v)));
        }
      }
      return fields.join(sep);
    }
    return '';
  }

  function parse(qs, sep, eq, options) {
    var obj = Object.create(null);
    if (typeof qs !== 'string' || qs.length === 0) return obj;
    sep = sep ? String(sep) : '&';
    eq = eq ? String(eq) : '=';
    var maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
    var decode = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : exports.unescape;
    var pairs = qs.split(sep);
    if (maxKeys > 0 && pairs.length > maxKeys) pairs = pairs.slice(0, maxKeys);
    for (var i = 0; i < pairs.length; i++) {
      var pair = pairs[i];
      if (pair.length === 0 && pairs.length > 1) continue;
      var idx = pair.indexOf(eq);
      var k = idx >= 0 ? pair.slice(0, idx) : pair;
      var v = idx >= 0 ? pair.slice(idx + eq.length) : '';
      k = decodeStr(k.replace(/\+/g, ' '), decode);
      v = decodeStr(v.replace(/\+/g, ' '), decode);
      if (!(k in obj)) obj[k] = v;
      else if (Array.isArray(obj[k])) obj[k].push(v);
      else obj[k] = [obj[k], v];
    }
    return obj;
  }

  function decodeStr(s, decoder) {
    try {
      return decoder(s);
    } catch (e) {
      return exports.unescape(s, true);
    }
  }

  var exports = {
    unescapeBuffer: function (s, decodeSpaces) { return new (require('util').TextEncoder)().encode(unescapeBuffer(s, decodeSpaces)); },
    unescape: qsUnescape,
    escape: qsEscape,
    stringify: stringify,
    encode: stringify,
    parse: parse,
    decode: parse,
  };
  return exports;
})
