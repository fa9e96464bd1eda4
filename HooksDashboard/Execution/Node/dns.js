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

  // Node's error for a query: "queryMx ENODATA example.com" (errno undefined but present, hostname when there is one).
  function queryError(code, syscall, hostname, errno) {
    var error = new Error(syscall + ' ' + code + (hostname ? ' ' + hostname : ''));
    error.errno = errno;
    error.code = code;
    error.syscall = syscall;
    if (hostname) error.hostname = hostname;
    return error;
  }

  function asciiName(name) {
    return /[^\x00-\x7f]/.test(name) ? (require('url').domainToASCII(name) || name) : name;
  }

  function setImmediate(fn, arg) { require('timers').setImmediate(fn, arg); }

  // One record query of `resolver` (servers null: the system's); `callback(error, value)` once, unless cancelled first.
  function startQuery(resolver, syscall, rrtype, hostname, ttl, callback) {
    var handle = resolver._handle;
    var reverseOf = '';
    var name = hostname;
    if (syscall === 'getHostByAddr') {
      if (net.isIP(hostname) === 0) throw queryError('EINVAL', syscall, hostname, -22);
      reverseOf = hostname;
    } else {
      name = asciiName(hostname);
    }
    var request = { id: 0, done: false };
    function finish(error, value) {
      if (request.done) return;
      request.done = true;
      handle.pending.delete(request);
      callback(error, value);
    }
    request.cancel = function () {
      if (request.done) return;
      // No longer pending from here (setServers may follow at once, as in Node); called back as an immediate.
      handle.pending.delete(request);
      binding.cancelQuery(request.id);
      setImmediate(finish, queryError('ECANCELLED', syscall, hostname));
    };
    var servers = handle.servers === null ? null : [].concat.apply([], handle.servers);
    try {
      request.id = binding.query(name, rrtype, servers, handle.timeout, !!ttl, syscall, reverseOf, function (code, answer) {
        if (code !== null) {
          if (/^E[A-Z]+$/.test(code) || code === 'UNKNOWN_ARES_ERROR') return finish(queryError(code, syscall, hostname));
          return finish(errors.make(Error, code, answer));
        }
        finish(null, JSON.parse(answer[0]));
      });
    } catch (error) {
      // A limit of the run (requests per invocation, the run has ended): in the callback, as lookup gives it.
      request.done = true;
      process.nextTick(callback, error);
      return request;
    }
    handle.pending.add(request);
    return request;
  }

  function validateInt32(value, name, min) {
    if (typeof value !== 'number') throw errors.invalidArgType(name, 'number', value);
    if (!Number.isInteger(value)) throw errors.make(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be an integer. Received ' + errors.primitive(value));
    if (value < min || value > 2147483647) throw errors.outOfRange(name, '>= ' + min + ' && <= 2147483647', value);
  }

  // Node's setServers: an array of "address", "address:port", "[v6]" or "[v6]:port"; as c-ares keeps them: addresses in
  // their canonical form (no zone), 16-bit ports (0 meaning 53), no duplicates.
  function parseServers(servers) {
    if (!Array.isArray(servers)) throw errors.invalidArgType('servers', 'Array', servers);
    var parsed = [];
    function add(address, port) {
      address = binding.canonicalAddress(address);
      port = (port & 0xffff) || 53;
      for (var i = 0; i < parsed.length; i++) if (parsed[i][0] === address && parsed[i][1] === port) return;
      parsed.push([address, port]);
    }
    servers.forEach(function (server, index) {
      errors.validateString(server, 'servers[' + index + ']');
      if (net.isIP(server) !== 0) return add(server, 53);
      var bracketed = /^\[([^[\]]*)\]/.exec(server);
      if (bracketed && net.isIP(bracketed[1]) !== 0) return add(bracketed[1], parseInt(server.replace(/(^.+?)(?::(\d+))?$/, '$2')) || 53);
      var split = /(^.+?)(?::(\d+))?$/.exec(server);
      if (split && net.isIP(split[1]) !== 0) return add(split[1], parseInt(split[2] || 53));
      throw errors.make(TypeError, 'ERR_INVALID_IP_ADDRESS', 'Invalid IP address: ' + server);
    });
    return parsed;
  }

  function describeServer(server) {
    if (!server[1] || server[1] === 53) return server[0];
    return (net.isIP(server[0]) === 6 ? '[' + server[0] + ']' : server[0]) + ':' + server[1];
  }

  class ResolverBase {
    constructor(options = undefined) {
      var timeout = options && options.timeout !== undefined ? options.timeout : -1;
      var tries = options && options.tries !== undefined ? options.tries : 4;
      validateInt32(timeout, 'options.timeout', -1);
      validateInt32(tries, 'options.tries', 1);
      this._handle = { servers: null, timeout: timeout, pending: new Set() };
    }

    cancel() {
      this._handle.pending.forEach(function (request) { request.cancel(); });
    }

    getServers() {
      return this._handle.servers === null ? binding.systemServers() : this._handle.servers.map(describeServer);
    }

    setServers(servers) {
      var parsed = parseServers(servers);
      if (this._handle.pending.size > 0) {
        throw errors.make(Error, 'ERR_DNS_SET_SERVERS_FAILED', require('util').format('c-ares failed to set servers: "%s" [%s]', 'There are pending queries.', servers));
      }
      this._handle.servers = parsed;
    }

    setLocalAddress(ipv4, ipv6) {
      errors.validateString(ipv4, 'ipv4');
      if (ipv6 !== undefined) errors.validateString(ipv6, 'ipv6');
    }
  }

  // resolve4/resolve6 with the system's servers: the server's resolver, as lookups are.
  function systemAddresses(rrtype, hostname, ttl, callback) {
    resolveFamily(rrtype === 'A' ? 4 : 6)(hostname, { ttl: ttl }, callback);
    return {};
  }

  // The callback form of one query, `resolveMx(name[, options], callback)`, named as Node's binding call.
  function callbackQuery(syscall, rrtype) {
    function query(name, callback) {
      var options;
      if (arguments.length > 2) { options = callback; callback = arguments[2]; }
      errors.validateString(name, 'name');
      errors.validateFunction(callback, 'callback');
      var ttl = !!(options && options.ttl);
      if ((rrtype === 'A' || rrtype === 'AAAA') && this._handle.servers === null) return systemAddresses(rrtype, name, ttl, callback);
      return startQuery(this, syscall, rrtype, name, ttl, callback);
    }
    Object.defineProperty(query, 'name', { value: syscall });
    return query;
  }

  // The promise form, `resolveMx(name[, options])`.
  function promiseQuery(syscall, rrtype) {
    function query(name, options) {
      errors.validateString(name, 'name');
      var ttl = !!(options && options.ttl);
      var self = this;
      return new Promise(function (resolve, reject) {
        function settle(error, value) { if (error) reject(error); else resolve(value); }
        try {
          if ((rrtype === 'A' || rrtype === 'AAAA') && self._handle.servers === null) systemAddresses(rrtype, name, ttl, settle);
          else startQuery(self, syscall, rrtype, name, ttl, settle);
        } catch (error) {
          reject(error);
        }
      });
    }
    Object.defineProperty(query, 'name', { value: syscall });
    return query;
  }

  var QUERIES = [
    ['resolveAny', 'queryAny', 'ANY'], ['resolve4', 'queryA', 'A'], ['resolve6', 'queryAaaa', 'AAAA'], ['resolveCaa', 'queryCaa', 'CAA'],
    ['resolveCname', 'queryCname', 'CNAME'], ['resolveMx', 'queryMx', 'MX'], ['resolveNs', 'queryNs', 'NS'], ['resolveTxt', 'queryTxt', 'TXT'],
    ['resolveSrv', 'querySrv', 'SRV'], ['resolvePtr', 'queryPtr', 'PTR'], ['resolveNaptr', 'queryNaptr', 'NAPTR'], ['resolveSoa', 'querySoa', 'SOA'],
    ['reverse', 'getHostByAddr', 'PTR'],
  ];

  // A Resolver class of one form: the queries made by `form`, and `resolve(name, rrtype, ...)` from `makeResolve`
  // (given the queries by record type).
  function resolverClass(form, makeResolve) {
    var byType = Object.create(null);
    class Resolver extends ResolverBase {}
    QUERIES.forEach(function (q) {
      Resolver.prototype[q[0]] = form(q[1], q[2]);
      if (q[0] !== 'reverse') byType[q[2]] = Resolver.prototype[q[0]];
    });
    Resolver.prototype.resolve = makeResolve(byType);
    return Resolver;
  }

  function invalidRrtype(rrtype) {
    return errors.make(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'rrtype' is invalid. Received " + errors.primitive(rrtype));
  }

  var Resolver = resolverClass(callbackQuery, function (byType) {
    return function resolve(hostname, rrtype, callback) {
      var fn;
      if (typeof rrtype === 'string') fn = byType[rrtype];
      else if (typeof rrtype === 'function') { fn = byType.A; callback = rrtype; }
      else throw errors.invalidArgType('rrtype', 'string', rrtype);
      if (typeof fn === 'function') return fn.call(this, hostname, callback);
      throw invalidRrtype(rrtype);
    };
  });

  var PromisesResolver = resolverClass(promiseQuery, function (byType) {
    return function resolve(hostname, rrtype) {
      var fn = byType.A;
      if (rrtype !== undefined) {
        errors.validateString(rrtype, 'rrtype');
        fn = byType[rrtype];
        if (typeof fn !== 'function') throw invalidRrtype(rrtype);
      }
      return fn.call(this, hostname);
    };
  });

  // As Node: one default resolver whose methods are bound onto both modules. dns.setServers makes a new one and binds
  // both anew, dns.promises.setServers binds only the promises anew; functions taken before keep the old one.
  var RESOLVER_KEYS = ['getServers', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx',
    'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];
  var defaultResolver = new Resolver();
  function bindDefaultResolver(target, prototype) {
    RESOLVER_KEYS.forEach(function (key) { target[key] = prototype[key].bind(defaultResolver); });
  }

  var order = 'verbatim';
  var codes = { NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP',
    REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP',
    CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT', EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM', DESTRUCTION: 'EDESTRUCTION',
    BADSTR: 'EBADSTR', BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS', NOTINITIALIZED: 'ENOTINITIALIZED',
    LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS', CANCELLED: 'ECANCELLED' };
  function getDefaultResultOrder() { return order; }
  function setDefaultResultOrder(value) { order = value; }

  function bindPromises() { bindDefaultResolver(promises, PromisesResolver.prototype); }
  function bindBoth() { bindDefaultResolver(dns, Resolver.prototype); bindPromises(); }
  // A module's setServers (named as Node's): a new default resolver of `Class` with those servers, then `rebind`.
  function defaultResolverSetter(Class, rebind) {
    return { defaultResolverSetServers: function (servers) {
      var resolver = new Class();
      resolver.setServers(servers);
      defaultResolver = resolver;
      rebind();
    } }.defaultResolverSetServers;
  }

  var customPromisifyArgs = require('internal/util').customPromisifyArgs;
  Object.defineProperty(lookup, customPromisifyArgs, { value: ['address', 'family'], enumerable: false });
  var lookupService = queryRefused('lookupService');
  Object.defineProperty(lookupService, customPromisifyArgs, { value: ['hostname', 'service'], enumerable: false });

  var dns = {
    lookup: lookup, lookupService: lookupService, Resolver: Resolver,
    getDefaultResultOrder: getDefaultResultOrder, setDefaultResultOrder: setDefaultResultOrder,
    setServers: defaultResolverSetter(Resolver, bindBoth),
    ADDRCONFIG: 32, ALL: 16, V4MAPPED: 8,
  };
  Object.assign(dns, codes);
  var promises = {
    lookup: function lookup(hostname, options) {
      return new Promise(function (resolve, reject) {
        dns.lookup(hostname, options, function (error, address, family) {
          if (error) reject(error);
          else resolve(Array.isArray(address) ? address : { address: address, family: family });
        });
      });
    },
    lookupService: function lookupService(address) {
      return Promise.reject(refusal("dns.lookupService('" + address + "')", reason, 'ERR_HOOKS_DNS_REFUSED'));
    },
    Resolver: PromisesResolver,
    getDefaultResultOrder: getDefaultResultOrder, setDefaultResultOrder: setDefaultResultOrder,
    setServers: defaultResolverSetter(PromisesResolver, bindPromises),
  };
  Object.assign(promises, codes);
  bindBoth();
  dns.promises = promises;
  return dns;
})
