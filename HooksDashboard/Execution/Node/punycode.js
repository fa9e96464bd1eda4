// Node's deprecated `punycode` (RFC 3492 Punycode and the IDNA ToASCII/ToUnicode of domain labels), written from
// the RFC. Node 20 does not warn when it is required (DEP0040 is documentation-only there), so neither does this.
(function () {
  'use strict';
  var maxInt = 2147483647;
  var base = 36;
  var tMin = 1;
  var tMax = 26;
  var skew = 38;
  var damp = 700;
  var initialBias = 72;
  var initialN = 128;
  var delimiter = '-';
  var regexPunycode = /^xn--/;
  var regexNonASCII = /[^\0-\x7F]/;
  var regexSeparators = /[\x2E\u3002\uFF0E\uFF61]/g;
  var messages = {
    'overflow': 'Overflow: input needs wider integers to process',
    'not-basic': 'Illegal input >= 0x80 (not a basic code point)',
    'invalid-input': 'Invalid input',
  };

  function error(type) {
    throw new RangeError(messages[type]);
  }

  // Applies fn to each label of a domain; an e-mail address keeps its local part.
  function mapDomain(domain, fn) {
    var parts = domain.split('@');
    var result = '';
    if (parts.length > 1) {
      result = parts[0] + '@';
      domain = parts[1];
    }
    domain = domain.replace(regexSeparators, '.');
    return result + domain.split('.').map(fn).join('.');
  }

  function ucs2decode(string) {
    var output = [];
    var counter = 0;
    var length = string.length;
    while (counter < length) {
      var value = string.charCodeAt(counter++);
      if (value >= 0xD800 && value <= 0xDBFF && counter < length) {
        var extra = string.charCodeAt(counter++);
        if ((extra & 0xFC00) === 0xDC00) {
          output.push(((value & 0x3FF) << 10) + (extra & 0x3FF) + 0x10000);
        } else {
          output.push(value);
          counter--;
        }
      } else {
        output.push(value);
      }
    }
    return output;
  }

  function ucs2encode(codePoints) {
    return String.fromCodePoint.apply(String, codePoints);
  }

  function basicToDigit(codePoint) {
    if (codePoint >= 0x30 && codePoint < 0x3A) return 26 + (codePoint - 0x30);
    if (codePoint >= 0x41 && codePoint < 0x5B) return codePoint - 0x41;
    if (codePoint >= 0x61 && codePoint < 0x7B) return codePoint - 0x61;
    return base;
  }

  function digitToBasic(digit) {
    // 0..25 map to 'a'..'z', 26..35 to '0'..'9'.
    return digit + 22 + 75 * (digit < 26 ? 1 : 0);
  }

  function adapt(delta, numPoints, firstTime) {
    var k = 0;
    delta = firstTime ? Math.floor(delta / damp) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    for (; delta > ((base - tMin) * tMax) >> 1; k += base) {
      delta = Math.floor(delta / (base - tMin));
    }
    return Math.floor(k + (base - tMin + 1) * delta / (delta + skew));
  }

  function decode(input) {
    var output = [];
    var inputLength = input.length;
    var i = 0;
    var n = initialN;
    var bias = initialBias;
    var basic = input.lastIndexOf(delimiter);
    if (basic < 0) basic = 0;
    for (var j = 0; j < basic; ++j) {
      if (input.charCodeAt(j) >= 0x80) error('not-basic');
      output.push(input.charCodeAt(j));
    }
    for (var index = basic > 0 ? basic + 1 : 0; index < inputLength;) {
      var oldi = i;
      for (var w = 1, k = base; ; k += base) {
        if (index >= inputLength) error('invalid-input');
        var digit = basicToDigit(input.charCodeAt(index++));
        if (digit >= base) error('invalid-input');
        if (digit > Math.floor((maxInt - i) / w)) error('overflow');
        i += digit * w;
        var t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias);
        if (digit < t) break;
        var baseMinusT = base - t;
        if (w > Math.floor(maxInt / baseMinusT)) error('overflow');
        w *= baseMinusT;
      }
      var out = output.length + 1;
      bias = adapt(i - oldi, out, oldi === 0);
      if (Math.floor(i / out) > maxInt - n) error('overflow');
      n += Math.floor(i / out);
      i %= out;
      output.splice(i++, 0, n);
    }
    return String.fromCodePoint.apply(String, output);
  }

  function encode(input) {
    var output = [];
    input = ucs2decode(input);
    var inputLength = input.length;
    var n = initialN;
    var delta = 0;
    var bias = initialBias;
    var i;
    for (i = 0; i < inputLength; i++) {
      if (input[i] < 0x80) output.push(String.fromCharCode(input[i]));
    }
    var basicLength = output.length;
    var handledCPCount = basicLength;
    if (basicLength) output.push(delimiter);
    while (handledCPCount < inputLength) {
      var m = maxInt;
      for (i = 0; i < inputLength; i++) {
        if (input[i] >= n && input[i] < m) m = input[i];
      }
      var handledCPCountPlusOne = handledCPCount + 1;
      if (m - n > Math.floor((maxInt - delta) / handledCPCountPlusOne)) error('overflow');
      delta += (m - n) * handledCPCountPlusOne;
      n = m;
      for (i = 0; i < inputLength; i++) {
        var currentValue = input[i];
        if (currentValue < n && ++delta > maxInt) error('overflow');
        if (currentValue === n) {
          var q = delta;
          for (var k = base; ; k += base) {
            var t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias);
            if (q < t) break;
            var qMinusT = q - t;
            var baseMinusT = base - t;
            output.push(String.fromCharCode(digitToBasic(t + qMinusT % baseMinusT)));
            q = Math.floor(qMinusT / baseMinusT);
          }
          output.push(String.fromCharCode(digitToBasic(q)));
          bias = adapt(delta, handledCPCountPlusOne, handledCPCount === basicLength);
          delta = 0;
          ++handledCPCount;
        }
      }
      ++delta;
      ++n;
    }
    return output.join('');
  }

  function toUnicode(input) {
    return mapDomain(input, function (string) {
      return regexPunycode.test(string) ? decode(string.slice(4).toLowerCase()) : string;
    });
  }

  function toASCII(input) {
    return mapDomain(input, function (string) {
      return regexNonASCII.test(string) ? 'xn--' + encode(string) : string;
    });
  }

  return {
    version: '2.1.0',
    ucs2: { decode: ucs2decode, encode: ucs2encode },
    decode: decode,
    encode: encode,
    toASCII: toASCII,
    toUnicode: toUnicode,
  };
})
