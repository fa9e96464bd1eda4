// Node's `url`: the WHATWG URL Standard's parser (state machine, host parser with IPv4 number forms and IPv6
// compression, percent-encode sets) behind `URL` and `URLSearchParams`, plus the legacy parse/format/resolve.
// Non-ASCII domains go through the host's IDNA mapping (binding.toASCII / binding.toUnicode).
(function (require, binding) {
  'use strict';
  var errors = require('internal/errors');
  var customInspect = Symbol.for('nodejs.util.inspect.custom');

  var SPECIAL = { 'ftp': 21, 'file': null, 'http': 80, 'https': 443, 'ws': 80, 'wss': 443 };
  function isSpecialScheme(s) { return Object.prototype.hasOwnProperty.call(SPECIAL, s); }

  // ---- UTF-8 and percent-encoding ----

  function utf8Bytes(str) {
    var out = [];
    for (var i = 0; i < str.length; i++) {
      var c = str.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < str.length) {
        var d = str.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00); i++; }
        else c = 0xFFFD;
      } else if (c >= 0xD800 && c <= 0xDFFF) {
        c = 0xFFFD;
      }
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xC0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xE0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xF0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  function utf8Decode(bytes) {
    return new (require('util').TextDecoder)().decode(new Uint8Array(bytes));
  }

  function toUSV(value) {
    var s = String(value);
    return s.toWellFormed ? s.toWellFormed() : s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g, function (m, p) {
      return (p === undefined ? '' : p) + '\uFFFD';
    });
  }

  var HEX = '0123456789ABCDEF';
  function pct(b) { return '%' + HEX[b >> 4] + HEX[b & 15]; }

  function inC0(c) { return c < 0x20 || c > 0x7E; }
  function inFragment(c) { return inC0(c) || c === 0x20 || c === 0x22 || c === 0x3C || c === 0x3E || c === 0x60; }
  function inQuery(c) { return inC0(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3C || c === 0x3E; }
  function inSpecialQuery(c) { return inQuery(c) || c === 0x27; }
  function inPath(c) { return inQuery(c) || c === 0x3F || c === 0x60 || c === 0x7B || c === 0x7D; }
  function inUserinfo(c) {
    return inPath(c) || c === 0x2F || c === 0x3A || c === 0x3B || c === 0x3D || c === 0x40 || (c >= 0x5B && c <= 0x5E) || c === 0x7C;
  }

  // Percent-encodes one code point (as a string) with the given set.
  function encodeCodePoint(cp, inSet) {
    var c = cp.codePointAt(0);
    if (c < 0x80 && !inSet(c)) return cp;
    var bytes = utf8Bytes(cp);
    var out = '';
    for (var i = 0; i < bytes.length; i++) out += inSet(bytes[i]) || bytes[i] >= 0x80 ? pct(bytes[i]) : String.fromCharCode(bytes[i]);
    return out;
  }

  function encodeString(s, inSet) {
    var out = '';
    for (var cp of s) out += encodeCodePoint(cp, inSet);
    return out;
  }

  function isHex(c) { return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66); }

  function percentDecodeBytes(bytes) {
    var out = [];
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
        i += 2;
      } else {
        out.push(bytes[i]);
      }
    }
    return out;
  }

  // ---- hosts ----

  var FORBIDDEN_HOST = /[\u0000\u0009\u000A\u000D #/:<>?@[\\\]^|]/;
  var FORBIDDEN_DOMAIN = /[\u0000-\u001F #%/:<>?@[\\\]^|\u007F]/;

  function parseIPv4Number(s) {
    if (s === '') return NaN;
    var radix = 10;
    if (s.length >= 2 && (s.slice(0, 2) === '0x' || s.slice(0, 2) === '0X')) { radix = 16; s = s.slice(2); }
    else if (s.length >= 2 && s[0] === '0') { radix = 8; s = s.slice(1); }
    if (s === '') return 0;
    var valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
    if (!valid.test(s)) return NaN;
    return parseInt(s, radix);
  }

  function endsInNumber(s) {
    var parts = s.split('.');
    if (parts[parts.length - 1] === '') {
      if (parts.length === 1) return false;
      parts.pop();
    }
    var last = parts[parts.length - 1];
    if (last !== '' && /^[0-9]+$/.test(last)) return true;
    return !isNaN(parseIPv4Number(last));
  }

  function parseIPv4(s) {
    var parts = s.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    var numbers = [];
    for (var i = 0; i < parts.length; i++) {
      var n = parseIPv4Number(parts[i]);
      if (isNaN(n)) return null;
      numbers.push(n);
    }
    for (var j = 0; j < numbers.length - 1; j++) if (numbers[j] > 255) return null;
    if (numbers[numbers.length - 1] >= Math.pow(256, 5 - numbers.length)) return null;
    var ipv4 = numbers[numbers.length - 1];
    for (var k = 0; k < numbers.length - 1; k++) ipv4 += numbers[k] * Math.pow(256, 3 - k);
    var out = [];
    for (var m = 0; m < 4; m++) { out.unshift(String(ipv4 % 256)); ipv4 = Math.floor(ipv4 / 256); }
    return out.join('.');
  }

  function parseIPv6(input) {
    var address = [0, 0, 0, 0, 0, 0, 0, 0];
    var pieceIndex = 0, compress = null, p = 0;
    var c = function () { return p < input.length ? input.charCodeAt(p) : -1; };
    var hex = function (x) { return isHex(x); };
    if (c() === 0x3A) {
      if (input.charCodeAt(p + 1) !== 0x3A) return null;
      p += 2; pieceIndex++; compress = pieceIndex;
    }
    while (c() !== -1) {
      if (pieceIndex === 8) return null;
      if (c() === 0x3A) {
        if (compress !== null) return null;
        p++; pieceIndex++; compress = pieceIndex; continue;
      }
      var value = 0, length = 0;
      while (length < 4 && hex(c())) { value = value * 16 + parseInt(input[p], 16); p++; length++; }
      if (c() === 0x2E) {
        if (length === 0) return null;
        p -= length;
        if (pieceIndex > 6) return null;
        var numbersSeen = 0;
        while (c() !== -1) {
          var ipv4Piece = null;
          if (numbersSeen > 0) {
            if (c() === 0x2E && numbersSeen < 4) p++; else return null;
          }
          if (!(c() >= 0x30 && c() <= 0x39)) return null;
          while (c() >= 0x30 && c() <= 0x39) {
            var number = c() - 0x30;
            if (ipv4Piece === null) ipv4Piece = number;
            else if (ipv4Piece === 0) return null;
            else ipv4Piece = ipv4Piece * 10 + number;
            if (ipv4Piece > 255) return null;
            p++;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
        }
        if (numbersSeen !== 4) return null;
        break;
      } else if (c() === 0x3A) {
        p++;
        if (c() === -1) return null;
      } else if (c() !== -1) {
        return null;
      }
      address[pieceIndex] = value;
      pieceIndex++;
    }
    if (compress !== null) {
      var swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex !== 0 && swaps > 0) {
        var t = address[pieceIndex]; address[pieceIndex] = address[compress + swaps - 1]; address[compress + swaps - 1] = t;
        pieceIndex--; swaps--;
      }
    } else if (pieceIndex !== 8) {
      return null;
    }
    return address;
  }

  function serializeIPv6(address) {
    var bestStart = -1, bestLen = 1;
    for (var i = 0; i < 8;) {
      if (address[i] !== 0) { i++; continue; }
      var j = i;
      while (j < 8 && address[j] === 0) j++;
      if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
      i = j;
    }
    var out = '', ignore0 = false;
    for (var k = 0; k < 8; k++) {
      if (ignore0 && address[k] === 0) continue;
      ignore0 = false;
      if (bestStart === k) { out += k === 0 ? '::' : ':'; ignore0 = true; continue; }
      out += address[k].toString(16);
      if (k !== 7) out += ':';
    }
    return out;
  }

  // Returns the serialized host, or null on failure.
  function parseHost(input, isOpaque) {
    if (input[0] === '[') {
      if (input[input.length - 1] !== ']') return null;
      var address = parseIPv6(input.slice(1, -1));
      return address === null ? null : '[' + serializeIPv6(address) + ']';
    }
    if (isOpaque) {
      if (FORBIDDEN_HOST.test(input)) return null;
      return encodeString(input, inC0);
    }
    var domain = utf8Decode(percentDecodeBytes(utf8Bytes(input)));
    var ascii;
    if (/^[\u0000-\u007F]*$/.test(domain) && !/(^|\.)xn--/i.test(domain)) {
      ascii = domain.toLowerCase();
    } else {
      ascii = binding.toASCII(domain);
      if (ascii === null || ascii === '') return null;
    }
    if (FORBIDDEN_DOMAIN.test(ascii)) return null;
    if (endsInNumber(ascii)) return parseIPv4(ascii);
    return ascii;
  }

  // ---- the URL parser ----

  function isWindowsDriveLetter(s, normalized) {
    return s.length === 2 && /[A-Za-z]/.test(s[0]) && (s[1] === ':' || (!normalized && s[1] === '|'));
  }

  function startsWithWindowsDriveLetter(cps, p) {
    if (cps.length - p < 2) return false;
    if (!isWindowsDriveLetter(cps[p] + cps[p + 1], false)) return false;
    if (cps.length - p === 2) return true;
    var third = cps[p + 2];
    return third === '/' || third === '\\' || third === '?' || third === '#';
  }

  function isSingleDot(s) { return s === '.' || s.toLowerCase() === '%2e'; }
  function isDoubleDot(s) {
    s = s.toLowerCase();
    return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e';
  }

  function shortenPath(url) {
    if (url.scheme === 'file' && url.path.length === 1 && isWindowsDriveLetter(url.path[0], true)) return;
    url.path.pop();
  }

  function newRecord() {
    return { scheme: '', username: '', password: '', host: null, port: null, path: [], query: null, fragment: null };
  }

  function hasCredentials(url) { return url.username !== '' || url.password !== ''; }
  function cannotHaveCredentials(url) { return url.host === null || url.host === '' || url.scheme === 'file'; }

  var FAILURE = {};

  // The basic URL parser. With `url` and `override` it runs as a setter (state override); returns the record, or
  // FAILURE.
  function basicParse(input, base, url, override) {
    if (!url) {
      url = newRecord();
      input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
    }
    input = input.replace(/[\t\n\r]/g, '');
    var state = override || 'scheme start';
    var buffer = '';
    var atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
    var cps = Array.from(input);
    for (var p = 0; ; p++) {
      var c = p < cps.length ? cps[p] : undefined; // undefined is EOF
      var special = isSpecialScheme(url.scheme);
      switch (state) {
        case 'scheme start':
          if (c !== undefined && /[A-Za-z]/.test(c)) { buffer += c.toLowerCase(); state = 'scheme'; }
          else if (!override) { state = 'no scheme'; p--; }
          else return FAILURE;
          break;
        case 'scheme':
          if (c !== undefined && /[A-Za-z0-9+\-.]/.test(c)) {
            buffer += c.toLowerCase();
          } else if (c === ':') {
            if (override) {
              if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
              if ((hasCredentials(url) || url.port !== null) && buffer === 'file') return url;
              if (url.scheme === 'file' && url.host === '') return url;
            }
            url.scheme = buffer;
            if (override) {
              if (url.port === SPECIAL[url.scheme]) url.port = null;
              return url;
            }
            buffer = '';
            if (url.scheme === 'file') {
              state = 'file';
            } else if (isSpecialScheme(url.scheme) && base && base.scheme === url.scheme) {
              state = 'special relative or authority';
            } else if (isSpecialScheme(url.scheme)) {
              state = 'special authority slashes';
            } else if (cps[p + 1] === '/') {
              state = 'path or authority'; p++;
            } else {
              url.path = ''; state = 'opaque path';
            }
          } else if (!override) {
            buffer = ''; state = 'no scheme'; p = -1;
          } else {
            return FAILURE;
          }
          break;
        case 'no scheme':
          if (!base || (typeof base.path === 'string' && c !== '#')) return FAILURE;
          if (typeof base.path === 'string' && c === '#') {
            url.scheme = base.scheme; url.path = base.path; url.query = base.query; url.fragment = ''; state = 'fragment';
          } else if (base.scheme !== 'file') {
            state = 'relative'; p--;
          } else {
            state = 'file'; p--;
          }
          break;
        case 'special relative or authority':
          if (c === '/' && cps[p + 1] === '/') { state = 'special authority ignore slashes'; p++; }
          else { state = 'relative'; p--; }
          break;
        case 'path or authority':
          if (c === '/') state = 'authority';
          else { state = 'path'; p--; }
          break;
        case 'relative':
          url.scheme = base.scheme;
          special = isSpecialScheme(url.scheme);
          if (c === '/' || (special && c === '\\')) {
            state = 'relative slash';
          } else {
            url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port;
            url.path = base.path.slice(); url.query = base.query;
            if (c === '?') { url.query = ''; state = 'query'; }
            else if (c === '#') { url.fragment = ''; state = 'fragment'; }
            else if (c !== undefined) { url.query = null; shortenPath(url); state = 'path'; p--; }
          }
          break;
        case 'relative slash':
          if (special && (c === '/' || c === '\\')) {
            state = 'special authority ignore slashes';
          } else if (c === '/') {
            state = 'authority';
          } else {
            url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port;
            state = 'path'; p--;
          }
          break;
        case 'special authority slashes':
          if (c === '/' && cps[p + 1] === '/') { state = 'special authority ignore slashes'; p++; }
          else { state = 'special authority ignore slashes'; p--; }
          break;
        case 'special authority ignore slashes':
          if (c !== '/' && c !== '\\') { state = 'authority'; p--; }
          break;
        case 'authority':
          if (c === '@') {
            if (atSignSeen) buffer = '%40' + buffer;
            atSignSeen = true;
            for (var cp of buffer) {
              if (cp === ':' && !passwordTokenSeen) { passwordTokenSeen = true; continue; }
              var encoded = encodeCodePoint(cp, inUserinfo);
              if (passwordTokenSeen) url.password += encoded; else url.username += encoded;
            }
            buffer = '';
          } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special && c === '\\')) {
            if (atSignSeen && buffer === '') return FAILURE;
            p -= Array.from(buffer).length + 1;
            buffer = '';
            state = 'host';
          } else {
            buffer += c;
          }
          break;
        case 'host':
        case 'hostname':
          if (override && url.scheme === 'file') {
            p--; state = 'file host';
          } else if (c === ':' && !insideBrackets) {
            if (buffer === '') return FAILURE;
            if (override === 'hostname') return FAILURE;
            var host = parseHost(buffer, !special);
            if (host === null) return FAILURE;
            url.host = host; buffer = ''; state = 'port';
          } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special && c === '\\')) {
            p--;
            if (special && buffer === '') return FAILURE;
            if (override && buffer === '' && (hasCredentials(url) || url.port !== null)) return FAILURE;
            var host2 = parseHost(buffer, !special);
            if (host2 === null) return FAILURE;
            url.host = host2; buffer = ''; state = 'path start';
            if (override) return url;
          } else {
            if (c === '[') insideBrackets = true;
            if (c === ']') insideBrackets = false;
            buffer += c;
          }
          break;
        case 'port':
          if (c !== undefined && /[0-9]/.test(c)) {
            buffer += c;
          } else if (c === undefined || c === '/' || c === '?' || c === '#' || (special && c === '\\') || override) {
            if (buffer !== '') {
              var port = parseInt(buffer, 10);
              if (port > 65535) return FAILURE;
              url.port = SPECIAL[url.scheme] === port ? null : port;
              buffer = '';
            }
            if (override) return url;
            state = 'path start'; p--;
          } else {
            return FAILURE;
          }
          break;
        case 'file':
          url.scheme = 'file';
          url.host = '';
          if (c === '/' || c === '\\') {
            state = 'file slash';
          } else if (base && base.scheme === 'file') {
            url.host = base.host; url.path = base.path.slice(); url.query = base.query;
            if (c === '?') { url.query = ''; state = 'query'; }
            else if (c === '#') { url.fragment = ''; state = 'fragment'; }
            else if (c !== undefined) {
              url.query = null;
              if (!startsWithWindowsDriveLetter(cps, p)) shortenPath(url); else url.path = [];
              state = 'path'; p--;
            }
          } else {
            state = 'path'; p--;
          }
          break;
        case 'file slash':
          if (c === '/' || c === '\\') {
            state = 'file host';
          } else {
            if (base && base.scheme === 'file') {
              url.host = base.host;
              if (!startsWithWindowsDriveLetter(cps, p) && base.path.length > 0 && isWindowsDriveLetter(base.path[0], true)) url.path.push(base.path[0]);
            }
            state = 'path'; p--;
          }
          break;
        case 'file host':
          if (c === undefined || c === '/' || c === '\\' || c === '?' || c === '#') {
            p--;
            if (!override && isWindowsDriveLetter(buffer, false)) {
              state = 'path';
            } else if (buffer === '') {
              url.host = '';
              if (override) return url;
              state = 'path start';
            } else {
              var fhost = parseHost(buffer, !special);
              if (fhost === null) return FAILURE;
              url.host = fhost === 'localhost' ? '' : fhost;
              if (override) return url;
              buffer = ''; state = 'path start';
            }
          } else {
            buffer += c;
          }
          break;
        case 'path start':
          if (special) {
            state = 'path';
            if (c !== '/' && c !== '\\') p--;
          } else if (!override && c === '?') {
            url.query = ''; state = 'query';
          } else if (!override && c === '#') {
            url.fragment = ''; state = 'fragment';
          } else if (c !== undefined) {
            state = 'path';
            if (c !== '/') p--;
          } else if (override && url.host === null) {
            url.path.push('');
          }
          break;
        case 'path':
          if (c === undefined || c === '/' || (special && c === '\\') || (!override && (c === '?' || c === '#'))) {
            var slash = c === '/' || (special && c === '\\');
            if (isDoubleDot(buffer)) {
              // Node 20 (ada) leaves a non-special URL's path empty when a last '..' has nothing left to remove
              // ('foo://h/..' is 'foo://h'); the Standard would keep one empty segment.
              var hadSegments = url.path.length > 0;
              shortenPath(url);
              if (!slash && (special || hadSegments)) url.path.push('');
            } else if (isSingleDot(buffer) && !slash) {
              url.path.push('');
            } else if (!isSingleDot(buffer)) {
              if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(buffer, false)) buffer = buffer[0] + ':';
              url.path.push(buffer);
            }
            buffer = '';
            if (c === '?') { url.query = ''; state = 'query'; }
            if (c === '#') { url.fragment = ''; state = 'fragment'; }
          } else {
            buffer += encodeCodePoint(c, inPath);
          }
          break;
        case 'opaque path':
          if (c === '?') { url.query = ''; state = 'query'; }
          else if (c === '#') { url.fragment = ''; state = 'fragment'; }
          else if (c !== undefined) url.path += encodeCodePoint(c, inC0);
          break;
        case 'query':
          if ((!override && c === '#') || c === undefined) {
            url.query += encodeString(buffer, special ? inSpecialQuery : inQuery);
            buffer = '';
            if (c === '#') { url.fragment = ''; state = 'fragment'; }
          } else {
            buffer += c;
          }
          break;
        case 'fragment':
          if (c !== undefined) url.fragment += encodeCodePoint(c, inFragment);
          break;
      }
      // A state that steps back at the end of input sees the end again; the loop ends once it is consumed.
      if (c === undefined && p >= cps.length) break;
    }
    return url;
  }

  function serializePath(url) {
    if (typeof url.path === 'string') return url.path;
    var out = '';
    for (var i = 0; i < url.path.length; i++) out += '/' + url.path[i];
    return out;
  }

  function serialize(url, excludeFragment) {
    var out = url.scheme + ':';
    if (url.host !== null) {
      out += '//';
      if (hasCredentials(url)) {
        out += url.username;
        if (url.password !== '') out += ':' + url.password;
        out += '@';
      }
      out += url.host;
      if (url.port !== null) out += ':' + url.port;
    } else if (typeof url.path !== 'string' && url.path.length > 1 && url.path[0] === '') {
      out += '/.';
    }
    out += serializePath(url);
    if (url.query !== null) out += '?' + url.query;
    if (!excludeFragment && url.fragment !== null) out += '#' + url.fragment;
    return out;
  }

  function origin(url) {
    if (url.scheme === 'blob') {
      var inner = basicParse(serializePath(url));
      if (inner !== FAILURE && (inner.scheme === 'http' || inner.scheme === 'https')) return origin(inner);
      return 'null';
    }
    if (url.scheme === 'file' || !isSpecialScheme(url.scheme)) return 'null';
    return url.scheme + '://' + url.host + (url.port !== null ? ':' + url.port : '');
  }

  // ---- URLSearchParams ----

  var paramsState = new WeakMap();
  var urlState = new WeakMap();

  function parseFormUrlencoded(input) {
    var list = [];
    var sequences = input.split('&');
    for (var i = 0; i < sequences.length; i++) {
      var bytes = sequences[i];
      if (bytes === '') continue;
      var eq = bytes.indexOf('=');
      var name = eq >= 0 ? bytes.slice(0, eq) : bytes;
      var value = eq >= 0 ? bytes.slice(eq + 1) : '';
      list.push([decodeForm(name), decodeForm(value)]);
    }
    return list;
  }

  function decodeForm(s) {
    s = s.replace(/\+/g, ' ');
    if (s.indexOf('%') < 0) return s;
    return utf8Decode(percentDecodeBytes(utf8Bytes(s)));
  }

  function encodeForm(s) {
    var bytes = utf8Bytes(s);
    var out = '';
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      if (b === 0x20) out += '+';
      else if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b === 0x2A || b === 0x2D || b === 0x2E || b === 0x5F) {
        out += String.fromCharCode(b);
      } else {
        out += pct(b);
      }
    }
    return out;
  }

  function serializeForm(list) {
    var out = [];
    for (var i = 0; i < list.length; i++) out.push(encodeForm(list[i][0]) + '=' + encodeForm(list[i][1]));
    return out.join('&');
  }

  function params(self) {
    var state = paramsState.get(self);
    if (!state) throw errors.make(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParams');
    return state;
  }

  function update(state) {
    if (!state.url) return;
    var serialized = serializeForm(state.list);
    state.url.query = serialized === '' ? null : serialized;
  }

  function missingArgs(names) {
    var text = names.length === 1 ? 'The "' + names[0] + '" argument must be specified'
      : 'The "' + names[0] + '" and "' + names[1] + '" arguments must be specified';
    return errors.make(TypeError, 'ERR_MISSING_ARGS', text);
  }

  function URLSearchParams(init) {
    if (!new.target) throw errors.make(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', "Class constructor URLSearchParams cannot be invoked without 'new'");
    var list = [];
    if (init === undefined || init === null) {
      // empty
    } else if (typeof init === 'object' || typeof init === 'function') {
      var iterator = init[Symbol.iterator];
      if (iterator !== undefined && iterator !== null) {
        if (typeof iterator !== 'function') throw errors.make(TypeError, 'ERR_ARG_NOT_ITERABLE', 'Query pairs must be iterable');
        for (var pair of init) {
          if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null || typeof pair[Symbol.iterator] !== 'function') {
            throw errors.make(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          }
          var items = Array.from(pair);
          if (items.length !== 2) throw errors.make(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          list.push([toUSV(items[0]), toUSV(items[1])]);
        }
      } else {
        var keys = Reflect.ownKeys(init);
        for (var i = 0; i < keys.length; i++) {
          var key = keys[i];
          if (typeof key !== 'string') continue;
          var desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc !== undefined && desc.enumerable) list.push([toUSV(key), toUSV(init[key])]);
        }
      }
    } else {
      var text = toUSV(init);
      list = parseFormUrlencoded(text[0] === '?' ? text.slice(1) : text);
    }
    paramsState.set(this, { list: list, url: null });
  }

  Object.defineProperties(URLSearchParams.prototype, {
    size: { get: function () { return params(this).list.length; }, enumerable: true, configurable: true },
  });

  var paramsMethods = {
    append: function append(name, value) {
      var state = params(this);
      if (arguments.length < 2) throw missingArgs(['name', 'value']);
      state.list.push([toUSV(name), toUSV(value)]);
      update(state);
    },
    delete: function (name, value) {
      var state = params(this);
      if (arguments.length < 1) throw missingArgs(['name']);
      name = toUSV(name);
      if (value !== undefined) value = toUSV(value);
      state.list = state.list.filter(function (e) { return !(e[0] === name && (value === undefined || e[1] === value)); });
      update(state);
    },
    get: function get(name) {
      var state = params(this);
      if (arguments.length < 1) throw missingArgs(['name']);
      name = toUSV(name);
      for (var i = 0; i < state.list.length; i++) if (state.list[i][0] === name) return state.list[i][1];
      return null;
    },
    getAll: function getAll(name) {
      var state = params(this);
      if (arguments.length < 1) throw missingArgs(['name']);
      name = toUSV(name);
      return state.list.filter(function (e) { return e[0] === name; }).map(function (e) { return e[1]; });
    },
    has: function has(name, value) {
      var state = params(this);
      if (arguments.length < 1) throw missingArgs(['name']);
      name = toUSV(name);
      if (value !== undefined) value = toUSV(value);
      return state.list.some(function (e) { return e[0] === name && (value === undefined || e[1] === value); });
    },
    set: function set(name, value) {
      var state = params(this);
      if (arguments.length < 2) throw missingArgs(['name', 'value']);
      name = toUSV(name); value = toUSV(value);
      var found = false;
      state.list = state.list.filter(function (e) {
        if (e[0] !== name) return true;
        if (found) return false;
        found = true; e[1] = value; return true;
      });
      if (!found) state.list.push([name, value]);
      update(state);
    },
    sort: function sort() {
      var state = params(this);
      var indexed = state.list.map(function (e, i) { return [e, i]; });
      indexed.sort(function (a, b) {
        if (a[0][0] < b[0][0]) return -1;
        if (a[0][0] > b[0][0]) return 1;
        return a[1] - b[1];
      });
      state.list = indexed.map(function (x) { return x[0]; });
      update(state);
    },
    forEach: function forEach(callback, thisArg) {
      var state = params(this);
      errors.validateFunction(callback, 'callback');
      for (var i = 0; i < state.list.length; i++) callback.call(thisArg, state.list[i][1], state.list[i][0], this);
    },
    entries: function entries() { return iterate(params(this), 'key+value'); },
    keys: function keys() { return iterate(params(this), 'key'); },
    values: function values() { return iterate(params(this), 'value'); },
    toString: function toString() { return serializeForm(params(this).list); },
  };
  Object.keys(paramsMethods).forEach(function (name) {
    Object.defineProperty(URLSearchParams.prototype, name, { value: paramsMethods[name], writable: true, enumerable: true, configurable: true });
  });
  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, { value: paramsMethods.entries, writable: true, configurable: true });
  Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

  var IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  var iteratorState = new WeakMap();

  function iteratorItem(entry, kind) {
    return kind === 'key' ? entry[0] : kind === 'value' ? entry[1] : [entry[0], entry[1]];
  }

  var ParamsIteratorPrototype = Object.create(IteratorPrototype, {
    next: {
      value: function next() {
        var it = iteratorState.get(this);
        if (!it) throw errors.make(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParamsIterator');
        var entry = it.state.list[it.index];
        if (entry === undefined) return { value: undefined, done: true };
        it.index++;
        return { value: iteratorItem(entry, it.kind), done: false };
      },
      writable: true, configurable: true,
    },
    [Symbol.toStringTag]: { value: 'URLSearchParams Iterator', configurable: true },
    // Node prints the entries still to come: URLSearchParams Iterator { [ 'a', '1' ] }.
    [customInspect]: {
      value: function (recurseTimes, ctx, inspect) {
        var it = iteratorState.get(this);
        var opts = { depth: recurseTimes === Infinity ? null : recurseTimes - 1, breakLength: ctx.breakLength };
        var items = it.state.list.slice(it.index).map(function (e) { return iteratorItem(e, it.kind); });
        var strings = items.map(function (item) { return inspect(item, opts); });
        var text = inspect(items, opts).indexOf('\n') >= 0 ? '\n  ' + strings.join(',\n  ') : ' ' + strings.join(', ');
        return 'URLSearchParams Iterator {' + text + ' }';
      },
      writable: true, configurable: true,
    },
  });

  function iterate(state, kind) {
    var it = Object.create(ParamsIteratorPrototype);
    iteratorState.set(it, { state: state, kind: kind, index: 0 });
    return it;
  }

  Object.defineProperty(URLSearchParams.prototype, customInspect, {
    value: function (recurseTimes, ctx, inspect) {
      if (typeof recurseTimes === 'number' && recurseTimes < 0) return '[Object]';
      var opts = { depth: recurseTimes === Infinity ? null : recurseTimes - 1, breakLength: ctx.breakLength };
      var list = params(this).list;
      var output = list.map(function (e) { return inspect(e[0], opts) + ' => ' + inspect(e[1], opts); });
      var length = output.reduce(function (prev, cur) { return prev + cur.length + 2; }, -2);
      var name = this.constructor.name;
      if (length > ctx.breakLength) return name + ' {\n  ' + output.join(',\n  ') + ' }';
      if (output.length) return name + ' { ' + output.join(', ') + ' }';
      return name + ' {}';
    },
    writable: true, configurable: true,
  });

  // ---- URL ----

  function invalidUrl(input, base) {
    var error = errors.make(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
    error.input = input;
    if (base !== undefined) error.base = base;
    return error;
  }

  function record(self) {
    var state = urlState.get(self);
    if (!state) throw errors.make(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URL');
    return state;
  }

  function parseOrNull(input, base) {
    var baseRecord = null;
    if (base !== undefined) {
      baseRecord = basicParse(toUSV(base));
      if (baseRecord === FAILURE) return null;
    }
    var url = basicParse(toUSV(input), baseRecord);
    return url === FAILURE ? null : url;
  }

  // One declared parameter (URL.length is 1, as Node's `constructor(input, base = undefined)`).
  function URL(input) {
    var base = arguments[1];
    if (!new.target) throw new TypeError("Class constructor URL cannot be invoked without 'new'");
    if (arguments.length === 0) throw missingArgs(['url']);
    var text = toUSV(input);
    var baseText = base === undefined ? undefined : toUSV(base);
    var url = parseOrNull(text, baseText);
    if (url === null) throw invalidUrl(text, baseText);
    var query = new URLSearchParams(url.query || '');
    params(query).url = url;
    urlState.set(this, { url: url, searchParams: query });
  }

  function resetParams(state) {
    params(state.searchParams).list = state.url.query ? parseFormUrlencoded(state.url.query) : [];
  }

  function trySet(state, value, override) {
    var copy = Object.assign({}, state.url);
    copy.path = typeof copy.path === 'string' ? copy.path : copy.path.slice();
    var result = basicParse(value, null, copy, override);
    if (result !== FAILURE) Object.assign(state.url, result);
  }

  var accessors = {
    href: [function () { return serialize(record(this).url); }, function (value) {
      var state = record(this);
      var text = toUSV(value);
      var url = basicParse(text);
      if (url === FAILURE) throw invalidUrl(text);
      state.url = url;
      params(state.searchParams).url = url;
      resetParams(state);
    }],
    origin: [function () { return origin(record(this).url); }],
    protocol: [function () { return record(this).url.scheme + ':'; }, function (value) {
      trySet(record(this), toUSV(value) + ':', 'scheme start');
    }],
    username: [function () { return record(this).url.username; }, function (value) {
      var url = record(this).url;
      if (!cannotHaveCredentials(url)) url.username = encodeString(toUSV(value), inUserinfo);
    }],
    password: [function () { return record(this).url.password; }, function (value) {
      var url = record(this).url;
      if (!cannotHaveCredentials(url)) url.password = encodeString(toUSV(value), inUserinfo);
    }],
    host: [function () {
      var url = record(this).url;
      if (url.host === null) return '';
      return url.port === null ? url.host : url.host + ':' + url.port;
    }, function (value) {
      var state = record(this);
      if (typeof state.url.path !== 'string') trySet(state, toUSV(value), 'host');
    }],
    hostname: [function () { var host = record(this).url.host; return host === null ? '' : host; }, function (value) {
      var state = record(this);
      if (typeof state.url.path !== 'string') trySet(state, toUSV(value), 'hostname');
    }],
    port: [function () { var port = record(this).url.port; return port === null ? '' : String(port); }, function (value) {
      var state = record(this);
      if (cannotHaveCredentials(state.url)) return;
      var text = toUSV(value);
      if (text === '') state.url.port = null; else trySet(state, text, 'port');
    }],
    pathname: [function () { return serializePath(record(this).url); }, function (value) {
      var state = record(this);
      if (typeof state.url.path === 'string') return;
      var copy = Object.assign({}, state.url, { path: [] });
      var result = basicParse(toUSV(value), null, copy, 'path start');
      if (result !== FAILURE) state.url.path = result.path;
    }],
    search: [function () { var q = record(this).url.query; return q === null || q === '' ? '' : '?' + q; }, function (value) {
      var state = record(this);
      var text = toUSV(value);
      if (text === '') {
        state.url.query = null;
      } else {
        if (text[0] === '?') text = text.slice(1);
        state.url.query = '';
        basicParse(text, null, state.url, 'query');
      }
      resetParams(state);
    }],
    searchParams: [function () { return record(this).searchParams; }],
    hash: [function () { var f = record(this).url.fragment; return f === null || f === '' ? '' : '#' + f; }, function (value) {
      var state = record(this);
      var text = toUSV(value);
      if (text === '') { state.url.fragment = null; return; }
      if (text[0] === '#') text = text.slice(1);
      state.url.fragment = '';
      basicParse(text, null, state.url, 'fragment');
    }],
  };
  Object.keys(accessors).forEach(function (name) {
    Object.defineProperty(URL.prototype, name, { get: accessors[name][0], set: accessors[name][1], enumerable: true, configurable: true });
  });
  Object.defineProperty(URL.prototype, 'toString', {
    value: function toString() { return serialize(record(this).url); }, writable: true, enumerable: true, configurable: true,
  });
  Object.defineProperty(URL.prototype, 'toJSON', {
    value: function toJSON() { return serialize(record(this).url); }, writable: true, enumerable: true, configurable: true,
  });
  Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
  Object.defineProperty(URL.prototype, customInspect, {
    value: function (depth) {
      if (typeof depth === 'number' && depth < 0) return this;
      var obj = Object.create({ constructor: URL });
      ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash']
        .forEach(function (key) { obj[key] = this[key]; }, this);
      return obj;
    },
    writable: true, configurable: true,
  });
  URL.canParse = function canParse(input, base) {
    if (arguments.length === 0) throw missingArgs(['url']);
    return parseOrNull(toUSV(input), base === undefined ? undefined : toUSV(base)) !== null;
  };

  // ---- the legacy API ----

  function fileURLToPath(path) {
    var url = path;
    if (typeof path === 'string') url = new URL(path);
    else if (!urlState.has(path)) throw errors.invalidArgType('path', ['string', 'URL'], path);
    if (url.protocol !== 'file:') throw errors.make(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    if (url.hostname !== '') throw errors.make(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
    var pathname = url.pathname;
    if (/%2f/i.test(pathname)) throw errors.make(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
    return decodeURIComponent(pathname);
  }

  function pathToFileURL(filepath) {
    errors.validateString(filepath, 'path');
    var resolved = require('path').resolve(filepath);
    if (filepath[filepath.length - 1] === '/' && resolved[resolved.length - 1] !== '/') resolved += '/';
    var encoded = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
    var url = new URL('file://');
    url.pathname = encoded;
    return url;
  }

  function domainToASCII(domain) {
    if (arguments.length === 0) throw missingArgs(['domain']);
    var host = parseHost(String(domain), false);
    return host === null ? '' : host;
  }

  function domainToUnicode(domain) {
    if (arguments.length === 0) throw missingArgs(['domain']);
    var host = parseHost(String(domain), false);
    if (host === null) return '';
    return /(^|\.)xn--/.test(host) ? binding.toUnicode(host) : host;
  }

  function urlToHttpOptions(url) {
    var options = {
      __proto__: null,
      protocol: url.protocol,
      hostname: typeof url.hostname === 'string' && url.hostname[0] === '[' ? url.hostname.slice(1, -1) : url.hostname,
      hash: url.hash, search: url.search, pathname: url.pathname, path: (url.pathname || '') + (url.search || ''), href: url.href,
    };
    if (url.port !== '') options.port = Number(url.port);
    if (url.username || url.password) options.auth = decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password);
    return options;
  }

  var legacy = require('internal/url_legacy')(require, { URL: URL, isURL: function (v) { return urlState.has(v); }, domainToASCII: domainToASCII,
    domainToUnicode: domainToUnicode });

  return {
    Url: legacy.Url,
    parse: legacy.parse,
    resolve: legacy.resolve,
    resolveObject: legacy.resolveObject,
    format: legacy.format,
    URL: URL,
    URLSearchParams: URLSearchParams,
    domainToASCII: domainToASCII,
    domainToUnicode: domainToUnicode,
    pathToFileURL: pathToFileURL,
    fileURLToPath: fileURLToPath,
    urlToHttpOptions: urlToHttpOptions,
  };
})
