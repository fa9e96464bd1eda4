// Node's `path` (POSIX flavour: hooks run on Linux, as on Auth0). The working directory is `/`.
(function (require) {
  'use strict';
  var errors = require('internal/errors');

  function check(value, name) {
    errors.validateString(value, name);
  }

  // Resolves `.` and `..` segments; `allowAboveRoot` keeps leading `..` of a relative path.
  function normalizeString(path, allowAboveRoot) {
    var res = '';
    var lastSegmentLength = 0;
    var lastSlash = -1;
    var dots = 0;
    var code = 0;
    for (var i = 0; i <= path.length; ++i) {
      if (i < path.length) code = path.charCodeAt(i);
      else if (code === 47) break;
      else code = 47;
      if (code === 47) {
        if (lastSlash === i - 1 || dots === 1) {
          // empty segment or `.`
        } else if (dots === 2) {
          if (res.length < 2 || lastSegmentLength !== 2 || res.charCodeAt(res.length - 1) !== 46 || res.charCodeAt(res.length - 2) !== 46) {
            if (res.length > 2) {
              var lastSlashIndex = res.lastIndexOf('/');
              if (lastSlashIndex === -1) {
                res = '';
                lastSegmentLength = 0;
              } else {
                res = res.slice(0, lastSlashIndex);
                lastSegmentLength = res.length - 1 - res.lastIndexOf('/');
              }
              lastSlash = i;
              dots = 0;
              continue;
            } else if (res.length !== 0) {
              res = '';
              lastSegmentLength = 0;
              lastSlash = i;
              dots = 0;
              continue;
            }
          }
          if (allowAboveRoot) {
            res += res.length > 0 ? '/..' : '..';
            lastSegmentLength = 2;
          }
        } else {
          if (res.length > 0) res += '/' + path.slice(lastSlash + 1, i);
          else res = path.slice(lastSlash + 1, i);
          lastSegmentLength = i - lastSlash - 1;
        }
        lastSlash = i;
        dots = 0;
      } else if (code === 46 && dots !== -1) {
        ++dots;
      } else {
        dots = -1;
      }
    }
    return res;
  }

  var posix = {
    sep: '/',
    delimiter: ':',

    resolve: function resolve() {
      var resolvedPath = '';
      var resolvedAbsolute = false;
      for (var i = arguments.length - 1; i >= -1 && !resolvedAbsolute; i--) {
        var path = i >= 0 ? arguments[i] : '/';
        check(path, 'paths[' + i + ']');
        if (path.length === 0) continue;
        resolvedPath = path + '/' + resolvedPath;
        resolvedAbsolute = path.charCodeAt(0) === 47;
      }
      resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute);
      if (resolvedAbsolute) return '/' + resolvedPath;
      return resolvedPath.length > 0 ? resolvedPath : '.';
    },

    normalize: function normalize(path) {
      check(path, 'path');
      if (path.length === 0) return '.';
      var isAbsolute = path.charCodeAt(0) === 47;
      var trailingSeparator = path.charCodeAt(path.length - 1) === 47;
      path = normalizeString(path, !isAbsolute);
      if (path.length === 0) {
        if (isAbsolute) return '/';
        return trailingSeparator ? './' : '.';
      }
      if (trailingSeparator) path += '/';
      return isAbsolute ? '/' + path : path;
    },

    isAbsolute: function isAbsolute(path) {
      check(path, 'path');
      return path.length > 0 && path.charCodeAt(0) === 47;
    },

    join: function join() {
      if (arguments.length === 0) return '.';
      var joined;
      for (var i = 0; i < arguments.length; ++i) {
        var arg = arguments[i];
        check(arg, 'path');
        if (arg.length > 0) joined = joined === undefined ? arg : joined + '/' + arg;
      }
      if (joined === undefined) return '.';
      return posix.normalize(joined);
    },

    relative: function relative(from, to) {
      check(from, 'from');
      check(to, 'to');
      if (from === to) return '';
      from = posix.resolve(from);
      to = posix.resolve(to);
      if (from === to) return '';
      var fromStart = 1;
      var fromEnd = from.length;
      var fromLen = fromEnd - fromStart;
      var toStart = 1;
      var toLen = to.length - toStart;
      var length = fromLen < toLen ? fromLen : toLen;
      var lastCommonSep = -1;
      var i = 0;
      for (; i < length; i++) {
        var fromCode = from.charCodeAt(fromStart + i);
        if (fromCode !== to.charCodeAt(toStart + i)) break;
        else if (fromCode === 47) lastCommonSep = i;
      }
      if (i === length) {
        if (toLen > length) {
          if (to.charCodeAt(toStart + i) === 47) return to.slice(toStart + i + 1);
          if (i === 0) return to.slice(toStart + i);
        } else if (fromLen > length) {
          if (from.charCodeAt(fromStart + i) === 47) lastCommonSep = i;
          else if (i === 0) lastCommonSep = 0;
        }
      }
      var out = '';
      for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
        if (i === fromEnd || from.charCodeAt(i) === 47) out += out.length === 0 ? '..' : '/..';
      }
      return out + to.slice(toStart + lastCommonSep);
    },

    toNamespacedPath: function toNamespacedPath(path) {
      return path;
    },

    dirname: function dirname(path) {
      check(path, 'path');
      if (path.length === 0) return '.';
      var hasRoot = path.charCodeAt(0) === 47;
      var end = -1;
      var matchedSlash = true;
      for (var i = path.length - 1; i >= 1; --i) {
        if (path.charCodeAt(i) === 47) {
          if (!matchedSlash) {
            end = i;
            break;
          }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) return hasRoot ? '/' : '.';
      if (hasRoot && end === 1) return '//';
      return path.slice(0, end);
    },

    basename: function basename(path, suffix) {
      if (suffix !== undefined) check(suffix, 'ext');
      check(path, 'path');
      var start = 0;
      var end = -1;
      var matchedSlash = true;
      var i;
      if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
        if (suffix === path) return '';
        var extIdx = suffix.length - 1;
        var firstNonSlashEnd = -1;
        for (i = path.length - 1; i >= 0; --i) {
          var code = path.charCodeAt(i);
          if (code === 47) {
            if (!matchedSlash) {
              start = i + 1;
              break;
            }
          } else {
            if (firstNonSlashEnd === -1) {
              matchedSlash = false;
              firstNonSlashEnd = i + 1;
            }
            if (extIdx >= 0) {
              if (code === suffix.charCodeAt(extIdx)) {
                if (--extIdx === -1) end = i;
              } else {
                extIdx = -1;
                end = firstNonSlashEnd;
              }
            }
          }
        }
        if (start === end) end = firstNonSlashEnd;
        else if (end === -1) end = path.length;
        return path.slice(start, end);
      }
      for (i = path.length - 1; i >= 0; --i) {
        if (path.charCodeAt(i) === 47) {
          if (!matchedSlash) {
            start = i + 1;
            break;
          }
        } else if (end === -1) {
          matchedSlash = false;
          end = i + 1;
        }
      }
      if (end === -1) return '';
      return path.slice(start, end);
    },

    extname: function extname(path) {
      check(path, 'path');
      var last = lastPart(path, 0);
      return last.end === -1 || !last.hasExtension ? '' : path.slice(last.startDot, last.end);
    },

    format: function format(pathObject) {
      errors.validateObject(pathObject, 'pathObject');
      var dir = pathObject.dir || pathObject.root;
      var base = pathObject.base || ((pathObject.name || '') + formatExt(pathObject.ext));
      if (!dir) return base;
      return dir === pathObject.root ? dir + base : dir + '/' + base;
    },

    parse: function parse(path) {
      check(path, 'path');
      var ret = { root: '', dir: '', base: '', ext: '', name: '' };
      if (path.length === 0) return ret;
      var isAbsolute = path.charCodeAt(0) === 47;
      var start;
      if (isAbsolute) {
        ret.root = '/';
        start = 1;
      } else {
        start = 0;
      }
      var last = lastPart(path, start);
      var startPart = last.startPart;
      if (last.end !== -1) {
        var first = startPart === 0 && isAbsolute ? 1 : startPart;
        if (!last.hasExtension) {
          ret.base = ret.name = path.slice(first, last.end);
        } else {
          ret.name = path.slice(first, last.startDot);
          ret.base = path.slice(first, last.end);
          ret.ext = path.slice(last.startDot, last.end);
        }
      }
      if (startPart > 0) ret.dir = path.slice(0, startPart - 1);
      else if (isAbsolute) ret.dir = '/';
      return ret;
    },
  };

  // The last segment of path[from..]: where it starts and ends (end -1: none), where its extension's dot is, and
  // whether it has an extension at all ('.', '..' and '.name' have none), as Node's extname and parse agree.
  function lastPart(path, from) {
    var startDot = -1;
    var startPart = 0;
    var end = -1;
    var matchedSlash = true;
    var preDotState = 0;
    for (var i = path.length - 1; i >= from; --i) {
      var code = path.charCodeAt(i);
      if (code === 47) {
        if (!matchedSlash) {
          startPart = i + 1;
          break;
        }
        continue;
      }
      if (end === -1) {
        matchedSlash = false;
        end = i + 1;
      }
      if (code === 46) {
        if (startDot === -1) startDot = i;
        else if (preDotState !== 1) preDotState = 1;
      } else if (startDot !== -1) {
        preDotState = -1;
      }
    }
    var hasExtension = !(startDot === -1 || preDotState === 0 ||
      (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1));
    return { startDot: startDot, startPart: startPart, end: end, hasExtension: hasExtension };
  }

  function formatExt(ext) {
    return ext ? (ext[0] === '.' ? '' : '.') + ext : '';
  }

  posix.posix = posix;
  return posix;
})
