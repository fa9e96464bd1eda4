// `dns` for hooks and their packages. Address literals are answered as Node answers them without a query. Names are
// looked up by the host under the egress policy (`binding.lookup`, Execution/Http/HttpSession.Dns.cs): only addresses the
// hook could connect to are answered, none is ENOTFOUND — for `lookup`, and for `resolve4`/`resolve6` with the system's
// servers. Record queries (`resolveMx`, `resolveTxt`, `resolveSrv`, `resolveNs`, `resolveCname`, `resolvePtr`,
// `resolveSoa`, `resolveCaa`, `resolveNaptr`, `resolveAny`, `reverse`, and `resolve4`/`resolve6` once a resolver has its
// own servers) go to DNS servers (`binding.query`: the system's, or those `setServers` gave, each judged by the egress
// policy) and answer in Node's shapes and with Node's error codes. `lookupService` is refused.
(function (require, binding) {
  'use strict';
  var errors = require('internal/errors');
  var process = require('process');
  var net = require('net');
  var refusal = require('internal/refusal').refusal;
  var reason = "hooks may not ask the server's resolver for an address's host and service names (getnameinfo); dns.reverse gives an address's names";

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

  function queryRefused(name) {
    return { [name]: function () {
      var callback = arguments[arguments.length - 1];
      errors.validateFunction(callback, 'callback');
      var error = refusal('dns.' + name + "('" + arguments[0] + "')", reason, 'ERR_HOOKS_DNS_REFUSED');
      process.nextTick(callback, error);
      return {};
    } }[name];
  }

  // Node's error for a query: "queryMx ENODATA example.com" (no errno), with the name as given.
  function queryError(code, syscall, hostname, errno) {
    var error = new Error(syscall + ' ' + code + (hostname ? ' ' + hostname : ''));
    error.errno = errno;
    error.code = code;
    error.syscall = syscall;
    error.hostname = hostname;
    return error;
  }

  function asciiName(name) {
    return /[^\x00-\x7f]/.test(name) ? (require('url').domainToASCII(name) || name) : name;
  }

  var pendingByResolver = new WeakMap();

  // One record query of `resolver` (null servers: the system's); `callback(error, value)` once, unless cancelled first.
  function startQuery(resolver, syscall, rrtype, hostname, ttl, callback) {
    var reverseOf = '';
    var name = hostname;
    if (syscall === 'getHostByAddr') {
      if (net.isIP(hostname) === 0) throw queryError('EINVAL', syscall, hostname, -22);
      reverseOf = hostname;
    } else {
      name = asciiName(hostname);
    }
    var pending = pendingByResolver.get(resolver);
    if (!pending) { pending = new Set(); pendingByResolver.set(resolver, pending); }
    var request = { cancel: null };
    var servers = resolver._servers === null ? null : [].concat.apply([], resolver._servers.map(function (s) { return [s[0], s[1]]; }));
    var done = false;
    function finish(error, value) {
      if (done) return;
      done = true;
      pending.delete(request);
      callback(error, value);
    }
    request.cancel = function () { process.nextTick(finish, queryError('ECANCELLED', syscall, hostname)); };
    pending.add(request);
    binding.query(name, rrtype, servers, resolver._timeout, !!ttl, syscall, reverseOf, function (code, answer) {
      if (code !== null) {
        if (/^E[A-Z]+$/.test(code) || code === 'UNKNOWN_ARES_ERROR') return finish(queryError(code, syscall, hostname));
        return finish(errors.make(Error, code, answer));
      }
      finish(null, JSON.parse(answer[0]));
    });
    return request;
  }

  function checkOptions(options) {
    var timeout = options && options.timeout !== undefined ? options.timeout : -1;
    var tries = options && options.tries !== undefined ? options.tries : 4;
    validateInt32(timeout, 'options.timeout', -1);
    validateInt32(tries, 'options.tries', 1);
    return timeout;
  }

  function validateInt32(value, name, min) {
    if (typeof value !== 'number') throw errors.invalidArgType(name, 'number', value);
    if (!Number.isInteger(value)) throw errors.make(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be an integer. Received ' + errors.primitive(value));
    if (value < min || value > 2147483647) throw errors.outOfRange(name, '>= ' + min + ' && <= 2147483647', value);
  }

  // Node's setServers: an array of "address", "address:port", "[v6]" or "[v6]:port".
  function parseServers(servers) {
    if (!Array.isArray(servers)) throw errors.invalidArgType('servers', 'Array', servers);
    var parsed = [];
    servers.forEach(function (server, index) {
      errors.validateString(server, 'servers[' + index + ']');
      var version = net.isIP(server);
      if (version !== 0) return parsed.push([server, 53]);
      var bracketed = /^\[([^[\]]*)\]/.exec(server);
      if (bracketed && net.isIP(bracketed[1]) !== 0) {
        var port = parseInt(server.replace(/(^.+?)(?::(\d+))?$/, '$2')) || 53;
        return parsed.push([bracketed[1], port]);
      }
      var split = /(^.+?)(?::(\d+))?$/.exec(server);
      if (split && net.isIP(split[1]) !== 0) return parsed.push([split[1], parseInt(split[2] || 53)]);
      throw errors.make(TypeError, 'ERR_INVALID_IP_ADDRESS', 'Invalid IP address: ' + server);
    });
    return parsed;
  }

  function describeServer(server) {
    if (!server[1] || server[1] === 53) return server[0];
    return (net.isIP(server[0]) === 6 ? '[' + server[0] + ']' : server[0]) + ':' + server[1];
  }

  function ResolverBase(options) {
    this._timeout = checkOptions(options);
    this._servers = null;
  }
  ResolverBase.prototype.cancel = function cancel() {
    var pending = pendingByResolver.get(this);
    if (pending) pending.forEach(function (request) { request.cancel(); });
  };
  ResolverBase.prototype.getServers = function getServers() {
    return this._servers === null ? binding.systemServers() : this._servers.map(describeServer);
  };
  ResolverBase.prototype.setServers = function setServers(servers) {
    this._servers = parseServers(servers);
  };
  ResolverBase.prototype.setLocalAddress = function setLocalAddress(ipv4, ipv6) {
    errors.validateString(ipv4, 'ipv4');
    if (ipv6 !== undefined) errors.validateString(ipv6, 'ipv6');
  };

  // The callback form of one query: `resolveMx(name[, options], callback)`.
  function callbackQuery(syscall, rrtype) {
    var name = 'query' === syscall.slice(0, 5) ? syscall : 'getHostByAddr';
    return { [name]: function (hostname, options, callback) {
      if (arguments.length <= 2) { callback = options; options = undefined; }
      errors.validateString(hostname, 'name');
      errors.validateFunction(callback, 'callback');
      var ttl = !!(options && options.ttl);
      if ((rrtype === 'A' || rrtype === 'AAAA') && this._servers === null) {
        // The system's servers: answered by the server's resolver, as lookups are.
        resolveFamily(rrtype === 'A' ? 4 : 6)(hostname, { ttl: ttl }, callback);
        return {};
      }
      return startQuery(this, syscall, rrtype, hostname, ttl, callback);
    } }[name];
  }

  // The promise form: `resolveMx(name[, options])`.
  function promiseQuery(syscall, rrtype) {
    var callbackForm = callbackQuery(syscall, rrtype);
    var name = 'query' === syscall.slice(0, 5) ? syscall : 'getHostByAddr';
    return { [name]: function (hostname, options) {
      errors.validateString(hostname, 'name');
      var self = this;
      return new Promise(function (resolve, reject) {
        try {
          callbackForm.call(self, hostname, options, function (error, value) { if (error) reject(error); else resolve(value); });
        } catch (error) {
          reject(error);
        }
      });
    } }[name];
  }

  var QUERIES = [
    ['resolveAny', 'queryAny', 'ANY'], ['resolve4', 'queryA', 'A'], ['resolve6', 'queryAaaa', 'AAAA'], ['resolveCaa', 'queryCaa', 'CAA'],
    ['resolveCname', 'queryCname', 'CNAME'], ['resolveMx', 'queryMx', 'MX'], ['resolveNs', 'queryNs', 'NS'], ['resolveTxt', 'queryTxt', 'TXT'],
    ['resolveSrv', 'querySrv', 'SRV'], ['resolvePtr', 'queryPtr', 'PTR'], ['resolveNaptr', 'queryNaptr', 'NAPTR'], ['resolveSoa', 'querySoa', 'SOA'],
    ['reverse', 'getHostByAddr', 'PTR'],
  ];

  function resolverClass(form) {
    var byType = Object.create(null);
    function Resolver(options) { ResolverBase.call(this, options); }
    Resolver.prototype = Object.create(ResolverBase.prototype, { constructor: { value: Resolver, writable: true, configurable: true } });
    QUERIES.forEach(function (q) {
      var fn = form(q[1], q[2]);
      Object.defineProperty(Resolver.prototype, q[0], { value: fn, writable: true, configurable: true });
      if (q[0] !== 'reverse') byType[q[2]] = fn;
    });
    Object.defineProperty(Resolver.prototype, 'resolve', { value: function resolve(hostname, rrtype, callback) {
      if (typeof rrtype === 'function') { callback = rrtype; rrtype = 'A'; }
      else if (rrtype === undefined && form === promiseQuery) rrtype = 'A';
      if (typeof rrtype !== 'string') throw errors.invalidArgType('rrtype', 'string', rrtype);
      var fn = byType[rrtype];
      if (!fn) throw errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'rrtype' is invalid. Received " + errors.primitive(rrtype));
      return form === promiseQuery ? fn.call(this, hostname) : fn.call(this, hostname, callback);
    }, writable: true, configurable: true });
    return Resolver;
  }

  var Resolver = resolverClass(callbackQuery);
  var PromisesResolver = resolverClass(promiseQuery);
  var defaultResolver = new Resolver();
  var defaultPromisesResolver = new PromisesResolver();

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

  var dns = { lookup: lookup };
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
  };
  dns.lookupService = queryRefused('lookupService');
  Object.defineProperty(dns.lookupService, customPromisifyArgs, { value: ['hostname', 'service'], enumerable: false });
  promises.lookupService = function lookupService(address) {
    return Promise.reject(refusal("dns.lookupService('" + address + "')", reason, 'ERR_HOOKS_DNS_REFUSED'));
  };
  ['getServers', 'resolve'].concat(QUERIES.map(function (q) { return q[0]; })).forEach(function (key) {
    dns[key] = Resolver.prototype[key].bind(defaultResolver);
    promises[key] = PromisesResolver.prototype[key].bind(defaultPromisesResolver);
  });
  var order = 'verbatim';
  var codes = { NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP',
    REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP',
    CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT', EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM', DESTRUCTION: 'EDESTRUCTION',
    BADSTR: 'EBADSTR', BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS', NOTINITIALIZED: 'ENOTINITIALIZED',
    LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS', CANCELLED: 'ECANCELLED' };
  // As in Node, dns.setServers sets the servers of both forms, dns.promises.setServers those of the promises only.
  function setServers(servers) {
    defaultResolver.setServers(servers);
    defaultPromisesResolver._servers = defaultResolver._servers;
  }
  function setPromisesServers(servers) { defaultPromisesResolver.setServers(servers); }
  Object.assign(dns, codes, {
    Resolver: Resolver, ADDRCONFIG: 32, ALL: 16, V4MAPPED: 8,
    getDefaultResultOrder: function getDefaultResultOrder() { return order; },
    setDefaultResultOrder: function setDefaultResultOrder(value) { order = value; },
    setServers: setServers,
  });
  Object.assign(promises, codes, { Resolver: PromisesResolver, setServers: setPromisesServers,
    getDefaultResultOrder: dns.getDefaultResultOrder, setDefaultResultOrder: dns.setDefaultResultOrder });
  dns.promises = promises;
  return dns;
})
