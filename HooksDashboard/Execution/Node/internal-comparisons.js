// Deep equality as Node's util.isDeepStrictEqual / assert.deepStrictEqual (strict) and assert.deepEqual (loose).
(function () {
  'use strict';
  var toString = Object.prototype.toString;

  function tag(v) {
    return toString.call(v);
  }

  function ownKeys(obj, strict) {
    var keys = Object.keys(obj);
    if (!strict) return keys;
    var symbols = Object.getOwnPropertySymbols(obj);
    for (var i = 0; i < symbols.length; i++) {
      if (Object.prototype.propertyIsEnumerable.call(obj, symbols[i])) keys.push(symbols[i]);
    }
    return keys;
  }

  function primitiveEqual(a, b, strict) {
    if (strict) return Object.is(a, b);
    // eslint-disable-next-line eqeqeq
    return a == b || (a !== a && b !== b);
  }

  function innerDeepEqual(a, b, strict, memos) {
    if (a === b) return a !== 0 || !strict || Object.is(a, b);
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
      if (typeof a === 'function' || typeof b === 'function') return false;
      if ((a === null || typeof a !== 'object') && (b === null || typeof b !== 'object')) return primitiveEqual(a, b, strict);
      return false;
    }
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    var aTag = tag(a);
    if (aTag !== tag(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (a instanceof Date) {
      if (!(b instanceof Date) || a.getTime() !== b.getTime()) return false;
    } else if (a instanceof RegExp) {
      if (!(b instanceof RegExp) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
    } else if (a instanceof Error) {
      if (!(b instanceof Error) || a.message !== b.message || a.name !== b.name) return false;
    } else if (ArrayBuffer.isView(a)) {
      if (!ArrayBuffer.isView(b) || a.byteLength !== b.byteLength) return false;
      for (var t = 0; t < a.length; t++) {
        if (!primitiveEqual(a[t], b[t], strict)) return false;
      }
    } else if (a instanceof Number || a instanceof String || a instanceof Boolean) {
      if (!Object.is(a.valueOf(), b.valueOf())) return false;
    }

    memos = memos || { a: [], b: [] };
    for (var m = 0; m < memos.a.length; m++) {
      if (memos.a[m] === a && memos.b[m] === b) return true;
    }
    memos.a.push(a);
    memos.b.push(b);
    try {
      var aKeys = ownKeys(a, strict);
      var bKeys = ownKeys(b, strict);
      if (aKeys.length !== bKeys.length) return false;
      for (var i = 0; i < aKeys.length; i++) {
        if (!Object.prototype.propertyIsEnumerable.call(b, aKeys[i])) return false;
      }
      if (a instanceof Map) {
        if (!(b instanceof Map) || a.size !== b.size) return false;
        var ok = true;
        a.forEach(function (value, key) {
          if (!ok) return;
          if (!b.has(key)) {
            ok = false;
            b.forEach(function (bValue, bKey) {
              if (!ok && innerDeepEqual(key, bKey, strict, memos) && innerDeepEqual(value, bValue, strict, memos)) ok = true;
            });
          } else if (!innerDeepEqual(value, b.get(key), strict, memos)) {
            ok = false;
          }
        });
        if (!ok) return false;
      } else if (a instanceof Set) {
        if (!(b instanceof Set) || a.size !== b.size) return false;
        var all = true;
        a.forEach(function (value) {
          if (!all || b.has(value)) return;
          var found = false;
          b.forEach(function (bValue) {
            if (!found && typeof bValue === 'object' && innerDeepEqual(value, bValue, strict, memos)) found = true;
          });
          if (!found) all = false;
        });
        if (!all) return false;
      }
      if (Array.isArray(a) && a.length !== b.length) return false;
      for (var k = 0; k < aKeys.length; k++) {
        if (!innerDeepEqual(a[aKeys[k]], b[aKeys[k]], strict, memos)) return false;
      }
      return true;
    } finally {
      memos.a.pop();
      memos.b.pop();
    }
  }

  return {
    isDeepStrictEqual: function (a, b) { return innerDeepEqual(a, b, true); },
    isDeepEqual: function (a, b) { return innerDeepEqual(a, b, false); },
  };
})
