// Node's legacy `url.parse`/`url.format`/`url.resolve` (the pre-WHATWG `Url` object), kept lenient as Node keeps
// it: no validation beyond Node's own, hostnames cut at the first character a hostname may not hold.
(function (require) {
  'use strict';
  return function (require, whatwg) {
    var errors = require('internal/errors');
    var querystring = require('querystring');

    var hostlessProtocol = { 'javascript': true, 'javascript:': true };
    var unsafeProtocol = hostlessProtocol;
    var slashedProtocol = {
      'http': true, 'http:': true, 'https': true, 'https:': true, 'ftp': true, 'ftp:': true,
      'gopher': true, 'gopher:': true, 'file': true, 'file:': true, 'ws': true, 'ws:': true, 'wss': true, 'wss:': true,
    };
    var autoEscape = {
      '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', '\'': '%27', '<': '%3C', '>': '%3E',
      '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D',
    };
    var simplePath = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
    var protocolPattern = /^[a-z0-9.+-]+:/i;
    var warnedInvalid = false;

    function Url() {
      this.protocol = null;
      this.slashes = null;
      this.auth = null;
      this.host = null;
      this.port = null;
      this.hostname = null;
      this.hash = null;
      this.search = null;
      this.query = null;
      this.pathname = null;
      this.path = null;
      this.href = null;
    }

    function urlParse(url, parseQueryString, slashesDenoteHost) {
      if (url instanceof Url) return url;
      var u = new Url();
      u.parse(url, parseQueryString, slashesDenoteHost);
      return u;
    }

    Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
      errors.validateString(url, 'url');
      // Backslashes before the query or hash become slashes; surrounding whitespace goes.
      var rest = url.trim();
      var split = rest.search(/[?#]/);
      if (split < 0) split = rest.length;
      rest = rest.slice(0, split).replace(/\\/g, '/') + rest.slice(split);

      if (!slashesDenoteHost && url.indexOf('#') < 0) {
        var simple = simplePath.exec(rest);
        if (simple) {
          this.path = rest;
          this.href = rest;
          this.pathname = simple[1];
          if (simple[2]) {
            this.search = simple[2];
            this.query = parseQueryString ? querystring.parse(this.search.slice(1)) : this.search.slice(1);
          } else if (parseQueryString) {
            this.search = null;
            this.query = Object.create(null);
          }
          return this;
        }
      }

      var proto = protocolPattern.exec(rest);
      var lowerProto;
      if (proto) {
        proto = proto[0];
        lowerProto = proto.toLowerCase();
        this.protocol = lowerProto;
        rest = rest.slice(proto.length);
      }

      var slashes;
      if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
        slashes = rest.slice(0, 2) === '//';
        if (slashes && !(proto && hostlessProtocol[lowerProto])) {
          rest = rest.slice(2);
          this.slashes = true;
        }
      }

      if (!hostlessProtocol[lowerProto] && (slashes || (proto && !slashedProtocol[proto]))) {
        // The host ends at the first '/', '?' or '#'; the last '@' before it ends the credentials; a character no
        // host holds ends the host early.
        var atSign = -1, nonHost = -1;
        for (var i = 0; i < rest.length; i++) {
          var ch = rest[i];
          if ('\t\n\r "%\';<>\\^`{|}'.indexOf(ch) >= 0) {
            if (nonHost === -1) nonHost = i;
          } else if (ch === '#' || ch === '/' || ch === '?') {
            if (nonHost === -1) nonHost = i;
            break;
          } else if (ch === '@') {
            atSign = i;
            nonHost = -1;
          }
        }
        var start = 0;
        if (atSign !== -1) {
          this.auth = safeDecode(rest.slice(0, atSign));
          start = atSign + 1;
        }
        if (nonHost === -1) {
          this.host = rest.slice(start);
          rest = '';
        } else {
          this.host = rest.slice(start, nonHost);
          rest = rest.slice(nonHost);
        }

        this.parseHost();
        if (typeof this.hostname !== 'string') this.hostname = '';
        var hostname = this.hostname;
        var ipv6 = hostname[0] === '[' && hostname[hostname.length - 1] === ']';
        if (!ipv6) {
          // Node 20 cuts the hostname at a character that ends a host (what is left becomes the path), and warns
          // once (DEP0170) that such a URL will be refused in the future.
          for (var j = 0; j < hostname.length; j++) {
            if ('/\\#?:'.indexOf(hostname[j]) >= 0) {
              rest = '/' + hostname.slice(j) + rest;
              this.hostname = hostname.slice(0, j);
              if (!warnedInvalid) {
                warnedInvalid = true;
                require('process').emitWarning('The URL ' + url + ' is invalid. Future versions of Node.js will throw an error.', 'DeprecationWarning', 'DEP0170');
              }
              break;
            }
          }
        }
        if (this.hostname.length > 255) this.hostname = '';
        else this.hostname = this.hostname.toLowerCase();
        if (!ipv6 && this.hostname !== '' && /[^\u0000-\u007F]/.test(this.hostname)) {
          this.hostname = whatwg.domainToASCII(this.hostname) || this.hostname;
        }
        var p = this.port ? ':' + this.port : '';
        this.host = (this.hostname || '') + p;
        if (ipv6) {
          this.hostname = this.hostname.slice(1, -1);
          if (rest[0] !== '/') rest = '/' + rest;
        }
      }

      if (!unsafeProtocol[lowerProto]) {
        rest = rest.replace(/[\t\n\r "'<>\\^`{|}]/g, function (c) { return autoEscape[c]; });
      }

      var hash = rest.indexOf('#');
      if (hash !== -1) {
        this.hash = rest.slice(hash);
        rest = rest.slice(0, hash);
      }
      var question = rest.indexOf('?');
      if (question !== -1) {
        this.search = rest.slice(question);
        this.query = rest.slice(question + 1);
        if (parseQueryString) this.query = querystring.parse(this.query);
        rest = rest.slice(0, question);
      } else if (parseQueryString) {
        this.search = null;
        this.query = Object.create(null);
      }
      if (rest) this.pathname = rest;
      if (slashedProtocol[lowerProto] && this.hostname && !this.pathname) this.pathname = '/';
      if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '');
      this.href = this.format();
      return this;
    };

    Url.prototype.parseHost = function parseHost() {
      var host = this.host;
      var port = /:[0-9]*$/.exec(host);
      if (port) {
        port = port[0];
        if (port !== ':') this.port = port.slice(1);
        host = host.slice(0, host.length - port.length);
      }
      if (host) this.hostname = host;
    };

    function safeDecode(s) {
      try {
        return decodeURIComponent(s);
      } catch (e) {
        return querystring.unescape(s);
      }
    }

    Url.prototype.format = function format() {
      var auth = this.auth || '';
      if (auth) auth = encodeURIComponent(auth).replace(/%3A/i, ':') + '@';
      var protocol = this.protocol || '';
      var pathname = this.pathname || '';
      var hash = this.hash || '';
      var host = '';
      var query = '';
      if (this.host) {
        host = auth + this.host;
      } else if (this.hostname) {
        host = auth + (this.hostname.indexOf(':') >= 0 && this.hostname[0] !== '[' ? '[' + this.hostname + ']' : this.hostname);
        if (this.port) host += ':' + this.port;
      }
      if (this.query !== null && typeof this.query === 'object') query = querystring.stringify(this.query);
      var search = this.search || (query && '?' + query) || '';
      if (protocol && protocol[protocol.length - 1] !== ':') protocol += ':';
      pathname = pathname.replace(/[#?]/g, function (c) { return c === '#' ? '%23' : '%3F'; });
      if (this.slashes || slashedProtocol[protocol]) {
        if (this.slashes || host) {
          if (pathname && pathname[0] !== '/') pathname = '/' + pathname;
          host = '//' + host;
        } else if (protocol === 'file:' && pathname[0] === '/' && pathname[1] === '/') {
          host = '//';
        }
      }
      search = search.replace(/#/g, '%23');
      if (hash && hash[0] !== '#') hash = '#' + hash;
      if (search && search[0] !== '?') search = '?' + search;
      return protocol + host + pathname + search + hash;
    };

    function urlFormat(urlObject, options) {
      if (typeof urlObject === 'string') {
        urlObject = urlParse(urlObject);
      } else if (typeof urlObject !== 'object' || urlObject === null) {
        throw errors.invalidArgType('urlObject', ['object', 'string'], urlObject);
      } else if (whatwg.isURL(urlObject)) {
        return formatWhatwg(urlObject, options);
      }
      return Url.prototype.format.call(urlObject);
    }

    // url.format(URL, { auth, fragment, search, unicode }).
    function formatWhatwg(url, options) {
      var auth = true, fragment = true, search = true, unicode = false;
      if (options !== undefined) {
        errors.validateObject(options, 'options');
        if (options.auth != null) auth = Boolean(options.auth);
        if (options.fragment != null) fragment = Boolean(options.fragment);
        if (options.search != null) search = Boolean(options.search);
        if (options.unicode != null) unicode = Boolean(options.unicode);
      }
      var out = url.protocol;
      if (url.host !== '' || url.href.slice(url.protocol.length, url.protocol.length + 2) === '//') {
        out += '//';
        if (auth && (url.username || url.password)) out += url.username + (url.password ? ':' + url.password : '') + '@';
        out += unicode ? whatwg.domainToUnicode(url.hostname) + (url.port ? ':' + url.port : '') : url.host;
      }
      out += url.pathname;
      if (search) out += url.search;
      if (fragment) out += url.hash;
      return out;
    }

    Url.prototype.resolve = function resolve(relative) {
      return this.resolveObject(urlParse(relative, false, true)).format();
    };

    function urlResolve(source, relative) {
      return urlParse(source, false, true).resolve(relative);
    }

    function urlResolveObject(source, relative) {
      if (!source) return relative;
      return urlParse(source, false, true).resolveObject(relative);
    }

    function splitAuthInHost(result) {
      var authInHost = result.host && result.host.indexOf('@') > 0 ? result.host.split('@') : false;
      if (authInHost) {
        result.auth = authInHost.shift();
        result.host = result.hostname = authInHost.shift();
      }
    }

    Url.prototype.resolveObject = function resolveObject(relative) {
      if (typeof relative === 'string') {
        var rel = new Url();
        rel.parse(relative, false, true);
        relative = rel;
      }
      var result = new Url();
      Object.keys(this).forEach(function (k) { result[k] = this[k]; }, this);
      result.hash = relative.hash;
      if (relative.href === '') {
        result.href = result.format();
        return result;
      }

      if (relative.slashes && !relative.protocol) {
        Object.keys(relative).forEach(function (k) { if (k !== 'protocol') result[k] = relative[k]; });
        if (slashedProtocol[result.protocol] && result.hostname && !result.pathname) result.path = result.pathname = '/';
        result.href = result.format();
        return result;
      }

      if (relative.protocol && relative.protocol !== result.protocol) {
        if (!slashedProtocol[relative.protocol]) {
          Object.keys(relative).forEach(function (k) { result[k] = relative[k]; });
          result.href = result.format();
          return result;
        }
        result.protocol = relative.protocol;
        if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostlessProtocol[relative.protocol]) {
          var rp = (relative.pathname || '').split('/');
          while (rp.length && !(relative.host = rp.shift()));
          if (!relative.host) relative.host = '';
          if (!relative.hostname) relative.hostname = '';
          if (rp[0] !== '') rp.unshift('');
          if (rp.length < 2) rp.unshift('');
          result.pathname = rp.join('/');
        } else {
          result.pathname = relative.pathname;
        }
        result.search = relative.search;
        result.query = relative.query;
        result.host = relative.host || '';
        result.auth = relative.auth;
        result.hostname = relative.hostname || relative.host;
        result.port = relative.port;
        if (result.pathname || result.search) result.path = (result.pathname || '') + (result.search || '');
        result.slashes = result.slashes || relative.slashes;
        result.href = result.format();
        return result;
      }

      var isSourceAbs = result.pathname && result.pathname[0] === '/';
      var isRelAbs = relative.host || (relative.pathname && relative.pathname[0] === '/');
      var mustEndAbs = isRelAbs || isSourceAbs || (result.host && relative.pathname);
      var removeAllDots = mustEndAbs;
      var srcPath = (result.pathname && result.pathname.split('/')) || [];
      var relPath = (relative.pathname && relative.pathname.split('/')) || [];
      var noLeadingSlashes = result.protocol && !slashedProtocol[result.protocol];

      if (noLeadingSlashes) {
        result.hostname = '';
        result.port = null;
        if (result.host) {
          if (srcPath[0] === '') srcPath[0] = result.host; else srcPath.unshift(result.host);
        }
        result.host = '';
        if (relative.protocol) {
          relative.hostname = null;
          relative.port = null;
          if (relative.host) {
            if (relPath[0] === '') relPath[0] = relative.host; else relPath.unshift(relative.host);
          }
          relative.host = null;
        }
        mustEndAbs = mustEndAbs && (relPath[0] === '' || srcPath[0] === '');
      }

      if (isRelAbs) {
        if (relative.host || relative.host === '') {
          if (result.host !== relative.host) result.auth = null;
          result.host = relative.host;
          result.port = relative.port;
        }
        if (relative.hostname || relative.hostname === '') {
          if (result.hostname !== relative.hostname) result.auth = null;
          result.hostname = relative.hostname;
        }
        result.search = relative.search;
        result.query = relative.query;
        srcPath = relPath;
      } else if (relPath.length) {
        srcPath.pop();
        srcPath = srcPath.concat(relPath);
        result.search = relative.search;
        result.query = relative.query;
      } else if (relative.search !== null && relative.search !== undefined) {
        if (noLeadingSlashes) {
          result.hostname = result.host = srcPath.shift();
          splitAuthInHost(result);
        }
        result.search = relative.search;
        result.query = relative.query;
        if (result.pathname !== null || result.search !== null) result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
        result.href = result.format();
        return result;
      }

      if (!srcPath.length) {
        result.pathname = null;
        result.path = result.search ? '/' + result.search : null;
        result.href = result.format();
        return result;
      }

      var last = srcPath[srcPath.length - 1];
      var hasTrailingSlash = ((result.host || relative.host || srcPath.length > 1) && (last === '.' || last === '..')) || last === '';
      var up = 0;
      for (var i = srcPath.length - 1; i >= 0; i--) {
        last = srcPath[i];
        if (last === '.') {
          srcPath.splice(i, 1);
        } else if (last === '..') {
          srcPath.splice(i, 1);
          up++;
        } else if (up) {
          srcPath.splice(i, 1);
          up--;
        }
      }
      if (!mustEndAbs && !removeAllDots) {
        while (up--) srcPath.unshift('..');
      }
      if (mustEndAbs && srcPath[0] !== '' && (!srcPath[0] || srcPath[0][0] !== '/')) srcPath.unshift('');
      if (hasTrailingSlash && srcPath.join('/').slice(-1) !== '/') srcPath.push('');

      var isAbsolute = srcPath[0] === '' || (srcPath[0] && srcPath[0][0] === '/');
      if (noLeadingSlashes) {
        result.hostname = result.host = isAbsolute ? '' : srcPath.length ? srcPath.shift() : '';
        splitAuthInHost(result);
      }
      mustEndAbs = mustEndAbs || (result.host && srcPath.length);
      if (mustEndAbs && !isAbsolute) srcPath.unshift('');
      if (srcPath.length > 0) {
        result.pathname = srcPath.join('/');
      } else {
        result.pathname = null;
        result.path = null;
      }
      if (result.pathname !== null || result.search !== null) result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
      result.auth = relative.auth || result.auth;
      result.slashes = result.slashes || relative.slashes;
      result.href = result.format();
      return result;
    };

    return { Url: Url, parse: urlParse, format: urlFormat, resolve: urlResolve, resolveObject: urlResolveObject };
  };
})
