// `dns` as packages see it (the hook's own require('dns') is refused): address literals are answered as Node answers
// them without a query; names are looked up by the host (`binding.lookup`, Execution/Http/HttpSession.Sockets.cs) under
// the egress policy — only addresses the hook could connect to are answered, none is ENOTFOUND — for `lookup`,
// `resolve4`, `resolve6` and `resolve(name, 'A' | 'AAAA')` (nodemailer resolves before it connects). Other record
// types (MX, TXT, SRV, ...) and reverse lookups are refused with ERR_HOOKS_DNS_REFUSED.
(function (require, binding) {
  'use strict';
  var errors = require('internal/errors');
  var process = require('process');
  var net = require('net');
  var refusal = require('internal/refusal').refusal;
  var reason = "hooks may not query the server's resolver for this record type (names resolve to addresses through the egress policy)";

  // Node's resolver error: "getaddrinfo ENOTFOUND name" (errno from getaddrinfo), "queryA EAI_AGAIN name" (none).
  function resolverError(code, syscall, hostname) {
    var error = new Error(syscall + ' ' + code + ' ' + hostname);
    error.errno = syscall === 'getaddrinfo' ? (code === 'EAI_AGAIN' ? -3001 : -3008) : undefined;
    error.code = code;
    error.syscall = syscall;
    error.hostname = hostname;
    return error;
  }

  // The host's answer as [{ address, family }], or an error in Node's terms.
  function resolveNames(hostname, family, syscall, callback) {
    try {
      binding.lookup(hostname, family, function (code, answer) {
        if (code !== null) return callback(code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? resolverError(code, syscall, hostname) : errors.make(Error, code, answer));
        var list = [];
        for (var i = 0; i + 1 < answer.length; i += 2) list.push({ address: answer[i + 1], family: +answer[i] });
        callback(null, list);
      });
    } catch (error) {
      process.nextTick(callback, error);
    }
  }

  function lookupOptions(options) {
    if (typeof options === 'number') return { family: options };
    if (options === undefined || options === null) return {};
    if (typeof options !== 'object') throw errors.invalidArgType('options', ['integer', 'Object'], options);
    return options;
  }

  function familyOf(options) {
    var family = options.family;
    if (family === null || family === undefined) return 0;
    if (family === 'IPv4') return 4;
    if (family === 'IPv6') return 6;
    if (family !== undefined && family !== 0 && family !== 4 && family !== 6) {
      throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options.family' must be one of: 0, 4, 6. Received " + errors.primitive(family));
    }
    return family || 0;
  }

  var warnedInvalidHostname = false;

  function lookup(hostname, options, callback) {
    if (typeof options === 'function') { callback = options; options = {}; }
    if (typeof hostname !== 'string' && hostname != null) throw errors.invalidArgType('hostname', 'string', hostname);
    errors.validateFunction(callback, 'callback');
    options = lookupOptions(options);
    var family = familyOf(options);
    if (!hostname) {
      if (!warnedInvalidHostname) {
        warnedInvalidHostname = true;
        process.emitWarning('The provided hostname "' + hostname + '" is not a valid hostname, and is supported in the dns module solely for compatibility.', 'DeprecationWarning', 'DEP0118');
      }
      hostname = '';
    }
    var literal = net.isIP(hostname);
    if (literal !== 0 || hostname === '') {
      process.nextTick(function () {
        var address = literal !== 0 ? hostname : null;
        var addressFamily = literal !== 0 ? literal : (family || 4);
        if (options.all) callback(null, address === null ? [] : [{ address: address, family: addressFamily }]);
        else callback(null, address, addressFamily);
      });
      return {};
    }
    resolveNames(hostname, family, 'getaddrinfo', function (error, list) {
      if (error) return callback(error);
      if (options.all) callback(null, list);
      else callback(null, list[0].address, list[0].family);
    });
    return {};
  }

  function resolveFamily(family) {
    var syscall = family === 4 ? 'queryA' : 'queryAaaa';
    return function (hostname, options, callback) {
      if (typeof options === 'function') { callback = options; options = {}; }
      errors.validateString(hostname, 'name');
      errors.validateFunction(callback, 'callback');
      resolveNames(hostname, family, syscall, function (error, list) {
        if (error) return callback(error);
        callback(null, list.map(function (entry) { return options && options.ttl ? { address: entry.address, ttl: 0 } : entry.address; }));
      });
      return {};
    };
  }
  var resolve4 = resolveFamily(4);
  var resolve6 = resolveFamily(6);

  function queryRefused(name) {
    return { [name]: function () {
      var callback = arguments[arguments.length - 1];
      errors.validateFunction(callback, 'callback');
      var error = refusal('dns.' + name + "('" + arguments[0] + "')", reason, 'ERR_HOOKS_DNS_REFUSED');
      process.nextTick(callback, error);
      return {};
    } }[name];
  }

  var RRTYPES = ['A', 'AAAA', 'ANY', 'CAA', 'CNAME', 'MX', 'NAPTR', 'NS', 'PTR', 'SOA', 'SRV', 'TXT'];
  function resolve(hostname, rrtype, callback) {
    if (typeof rrtype === 'function') { callback = rrtype; rrtype = 'A'; }
    if (typeof rrtype !== 'string') throw errors.invalidArgType('rrtype', 'string', rrtype);
    if (RRTYPES.indexOf(rrtype) < 0) throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'rrtype' is invalid. Received " + errors.primitive(rrtype));
    if (rrtype === 'A') return resolve4(hostname, callback);
    if (rrtype === 'AAAA') return resolve6(hostname, callback);
    return queryRefused('resolve' + (typeof rrtype === 'string' ? rrtype[0] + rrtype.slice(1).toLowerCase() : ''))(hostname, callback);
  }

  function promised(fn) {
    return function () {
      var args = Array.prototype.slice.call(arguments);
      return new Promise(function (resolve, reject) {
        fn.apply(null, args.concat([function (error, a, b) {
          if (error) reject(error);
          else resolve(b === undefined ? a : { address: a, family: b });
        }]));
      });
    };
  }

  var queries = ['lookupService', 'resolveAny', 'resolveCaa', 'resolveCname',
    'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];
  var dns = { lookup: lookup, resolve: resolve, resolve4: resolve4, resolve6: resolve6 };
  var customPromisifyArgs = require('internal/util').customPromisifyArgs;
  Object.defineProperty(lookup, customPromisifyArgs, { value: ['address', 'family'], enumerable: false });
  var promises = {
    lookup: function lookup(hostname, options) {
      return new Promise(function (resolve, reject) {
        dns.lookup(hostname, options, function (error, address, family) {
          if (error) reject(error);
          else resolve(Array.isArray(address) ? address : { address: address, family: family });
        });
      });
    },
    resolve: promised(resolve), resolve4: promised(resolve4), resolve6: promised(resolve6),
  };
  queries.forEach(function (q) {
    dns[q] = queryRefused(q);
    if (q === 'lookupService') Object.defineProperty(dns[q], customPromisifyArgs, { value: ['hostname', 'service'], enumerable: false });
    promises[q] = { [q]: function (name) { return Promise.reject(refusal('dns.' + q + "('" + name + "')", reason, 'ERR_HOOKS_DNS_REFUSED')); } }[q];
  });
  queries.push('resolve', 'resolve4', 'resolve6');
  function Resolver() {}
  function PromisesResolver() {}
  queries.forEach(function (q) { Resolver.prototype[q] = dns[q]; PromisesResolver.prototype[q] = promises[q]; });
  [Resolver, PromisesResolver].forEach(function (R) {
    R.prototype.cancel = function () {};
    R.prototype.getServers = function () { return []; };
    R.prototype.setServers = function () {};
    R.prototype.setLocalAddress = function () {};
  });
  var order = 'verbatim';
  var codes = { NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP',
    REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP',
    CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT', EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM', DESTRUCTION: 'EDESTRUCTION',
    BADSTR: 'EBADSTR', BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS', NOTINITIALIZED: 'ENOTINITIALIZED',
    LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS', CANCELLED: 'ECANCELLED' };
  Object.assign(dns, codes, {
    Resolver: Resolver, ADDRCONFIG: 32, ALL: 16, V4MAPPED: 8,
    getDefaultResultOrder: function getDefaultResultOrder() { return order; },
    setDefaultResultOrder: function setDefaultResultOrder(value) { order = value; },
    getServers: function getServers() { return []; },
    setServers: function setServers() {},
  });
  Object.assign(promises, codes, { Resolver: PromisesResolver, getServers: dns.getServers, setServers: dns.setServers,
    getDefaultResultOrder: dns.getDefaultResultOrder, setDefaultResultOrder: dns.setDefaultResultOrder });
  dns.promises = promises;
  return dns;
})
