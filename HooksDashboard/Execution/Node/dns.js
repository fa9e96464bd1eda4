// `dns` as packages see it (the hook's own require('dns') is refused): address literals are answered as Node answers
// them without a query; a name is never looked up on the server's resolver (outbound requests resolve names inside
// the egress policy's connect step), so lookups and queries of names fail with ERR_HOOKS_DNS_REFUSED.
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var process = require('process');
  var net = require('net');
  var refusal = require('internal/refusal').refusal;
  var reason = "hooks may not query the server's resolver (outbound requests resolve names through the egress policy)";

  function lookupResult(hostname, options) {
    var family = net.isIP(hostname);
    if (family === 0) return { error: refusal("dns.lookup('" + hostname + "')", reason, 'ERR_HOOKS_DNS_REFUSED') };
    return { all: options && options.all, address: hostname, family: family };
  }
  function lookup(hostname, options, callback) {
    if (typeof options === 'function') { callback = options; options = {}; }
    if (typeof hostname !== 'string' && hostname != null) throw errors.invalidArgType('hostname', 'string', hostname);
    errors.validateFunction(callback, 'callback');
    if (typeof options === 'number') options = { family: options };
    var r = lookupResult(hostname || '', options);
    process.nextTick(function () {
      if (r.error) callback(r.error);
      else if (r.all) callback(null, [{ address: r.address, family: r.family }]);
      else callback(null, r.address, r.family);
    });
    return {};
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
  var queries = ['lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname',
    'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];
  var dns = { lookup: lookup };
  var customPromisifyArgs = require('internal/util').customPromisifyArgs;
  Object.defineProperty(lookup, customPromisifyArgs, { value: ['address', 'family'], enumerable: false });
  var promises = {
    lookup: function lookup(hostname, options) {
      var r = lookupResult(hostname, typeof options === 'number' ? { family: options } : options);
      if (r.error) return Promise.reject(r.error);
      return Promise.resolve(r.all ? [{ address: r.address, family: r.family }] : { address: r.address, family: r.family });
    },
  };
  queries.forEach(function (q) {
    dns[q] = queryRefused(q);
    if (q === 'lookupService') Object.defineProperty(dns[q], customPromisifyArgs, { value: ['hostname', 'service'], enumerable: false });
    promises[q] = { [q]: function (name) { return Promise.reject(refusal('dns.' + q + "('" + name + "')", reason, 'ERR_HOOKS_DNS_REFUSED')); } }[q];
  });
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
