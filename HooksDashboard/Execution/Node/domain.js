// `domain` (deprecated in Node) as packages see it: aws-sdk v2 reads `domain.active` to bind callbacks to the active
// domain. No domain is ever active (`active` is null); a Domain is an EventEmitter whose run/bind/intercept call through without
// capturing errors (errors reach the hook as they would without domains).
(function (require) {
  'use strict';
  var EventEmitter = require('events');
  function Domain() { EventEmitter.call(this); this.members = []; }
  Object.setPrototypeOf(Domain.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(Domain, EventEmitter);
  Domain.prototype.add = function (emitter) { if (this.members.indexOf(emitter) < 0) this.members.push(emitter); };
  Domain.prototype.remove = function (emitter) { var i = this.members.indexOf(emitter); if (i >= 0) this.members.splice(i, 1); };
  Domain.prototype.run = function (fn) { return fn.apply(this, Array.prototype.slice.call(arguments, 1)); };
  Domain.prototype.bind = function (fn) { var self = this; return function () { return fn.apply(self === undefined ? this : this, arguments); }; };
  Domain.prototype.intercept = function (fn) {
    var self = this;
    return function (error) {
      if (error) { self.emit('error', error); return undefined; }
      return fn.apply(this, Array.prototype.slice.call(arguments, 1));
    };
  };
  Domain.prototype.enter = function () {};
  Domain.prototype.exit = function () {};
  Domain.prototype.dispose = function () {};
  function create() { return new Domain(); }
  return { _stack: [], Domain: Domain, createDomain: create, create: create, active: null };
})
