// The WHATWG MessageChannel, MessagePort and MessageEvent as Node 20 has them as globals: two entangled ports in the
// invocation's own engine (no worker threads): postMessage clones its value (structuredClone's rules and
// DataCloneError) and the other port receives it on a later turn of the event loop as a MessageEvent ('message'
// listeners, onmessage) or, through Node's EventEmitter-style on/once, as the value itself; messages wait until the
// port is started (start(), onmessage, a 'message' listener); close() closes both ports and emits 'close' on each. undici 7's
// webidl (cheerio 1.x) reads the global at load.
(function (require) {
  'use strict';
  var abort = require('internal/abort_controller');
  var EventTarget = abort.EventTarget;
  var Event = abort.Event;
  var structuredClone = require('internal/structured_clone').structuredClone;
  var errors = require('internal/errors');

  var kToken = Symbol('kToken');
  var kPeer = Symbol('kPeer');
  var kQueue = Symbol('kQueue');
  var kStarted = Symbol('kStarted');
  var kClosed = Symbol('kClosed');
  var kScheduled = Symbol('kScheduled');
  var kHandler = Symbol('kHandler');
  var kNodeListeners = Symbol('kNodeListeners');
  var kRef = Symbol('kRef');

  function later(fn) { require('timers').setImmediate(fn); }

  class MessageEvent extends Event {
    constructor(type, options) {
      super(type, options);
      var init = options || {};
      Object.defineProperty(this, 'data', { value: init.data === undefined ? null : init.data, enumerable: true });
      Object.defineProperty(this, 'origin', { value: init.origin === undefined ? '' : String(init.origin), enumerable: true });
      Object.defineProperty(this, 'lastEventId', { value: init.lastEventId === undefined ? '' : String(init.lastEventId), enumerable: true });
      Object.defineProperty(this, 'source', { value: init.source === undefined ? null : init.source, enumerable: true });
      Object.defineProperty(this, 'ports', { value: Object.freeze(Array.isArray(init.ports) ? init.ports.slice() : []), enumerable: true });
    }
  }
  Object.defineProperty(MessageEvent.prototype, Symbol.toStringTag, { value: 'MessageEvent', configurable: true });

  function deliver(port) {
    port[kScheduled] = false;
    while (port[kStarted] && !port[kClosed] && port[kQueue].length > 0) {
      var data = port[kQueue].shift();
      port.dispatchEvent(new MessageEvent('message', { data: data }));
    }
  }

  function schedule(port) {
    if (port[kScheduled] || !port[kStarted] || port[kQueue].length === 0) return;
    port[kScheduled] = true;
    later(function () { deliver(port); });
  }

  class MessagePort extends EventTarget {
    constructor() {
      if (arguments[0] !== kToken) throw new TypeError('Constructor cannot be called');
      super();
      this[kPeer] = null;
      this[kQueue] = [];
      this[kStarted] = false;
      this[kClosed] = false;
      this[kScheduled] = false;
      this[kHandler] = null;
      this[kNodeListeners] = [];
      this[kRef] = true;
    }

    postMessage(message, transfer) {
      if (arguments.length === 0) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
      var options = transfer === undefined || transfer === null ? undefined : Array.isArray(transfer) ? { transfer: transfer } : transfer;
      var data = structuredClone(message, options);
      var peer = this[kPeer];
      if (this[kClosed] || !peer || peer[kClosed]) return;
      peer[kQueue].push(data);
      schedule(peer);
    }

    // As in Node, a 'message' listener starts the port.
    addEventListener(type, listener, options) {
      super.addEventListener(type, listener, options);
      if (String(type) === 'message') this.start();
    }

    start() {
      this[kStarted] = true;
      schedule(this);
    }

    close() {
      if (this[kClosed]) return;
      var ports = [this, this[kPeer]];
      ports.forEach(function (port) {
        if (!port || port[kClosed]) return;
        port[kClosed] = true;
        port[kQueue] = [];
        later(function () { port.dispatchEvent(new Event('close')); });
      });
    }

    get onmessage() { return this[kHandler]; }
    set onmessage(handler) {
      if (this[kHandler]) this.removeEventListener('message', this[kHandler]);
      this[kHandler] = typeof handler === 'function' ? handler : null;
      if (this[kHandler]) {
        this.addEventListener('message', this[kHandler]);
        this.start();
      }
    }

    ref() { this[kRef] = true; return this; }
    unref() { this[kRef] = false; return this; }
    hasRef() { return this[kRef] && !this[kClosed]; }

    // Node's EventEmitter-style API on ports: a 'message' listener gets the value, others the event.
    on(type, listener) { return nodeListen(this, type, listener, false); }
    addListener(type, listener) { return nodeListen(this, type, listener, false); }
    once(type, listener) { return nodeListen(this, type, listener, true); }
    off(type, listener) { return nodeUnlisten(this, type, listener); }
    removeListener(type, listener) { return nodeUnlisten(this, type, listener); }
    removeAllListeners(type) {
      var self = this;
      this[kNodeListeners].slice().forEach(function (entry) { if (type === undefined || entry.type === type) nodeUnlisten(self, entry.type, entry.listener); });
      return this;
    }
    emit(type, value) {
      var event = type === 'message' ? new MessageEvent('message', { data: value }) : new Event(type);
      this.dispatchEvent(event);
      return true;
    }
    listenerCount(type) { return this[kNodeListeners].filter(function (e) { return e.type === type; }).length; }
  }
  Object.defineProperty(MessagePort.prototype, Symbol.toStringTag, { value: 'MessagePort', configurable: true });

  function nodeListen(port, type, listener, once) {
    if (typeof listener !== 'function') throw errors.invalidArgType('listener', 'Function', listener);
    var wrapped = function (event) {
      if (once) nodeUnlisten(port, type, listener);
      listener.call(port, type === 'message' ? event.data : event);
    };
    port[kNodeListeners].push({ type: String(type), listener: listener, wrapped: wrapped });
    port.addEventListener(type, wrapped);
    if (type === 'message') port.start();
    return port;
  }

  function nodeUnlisten(port, type, listener) {
    var list = port[kNodeListeners];
    for (var i = 0; i < list.length; i++) {
      if (list[i].type === String(type) && list[i].listener === listener) {
        port.removeEventListener(type, list[i].wrapped);
        list.splice(i, 1);
        break;
      }
    }
    return port;
  }

  class MessageChannel {
    constructor() {
      var port1 = new MessagePort(kToken);
      var port2 = new MessagePort(kToken);
      port1[kPeer] = port2;
      port2[kPeer] = port1;
      Object.defineProperty(this, 'port1', { value: port1, enumerable: true });
      Object.defineProperty(this, 'port2', { value: port2, enumerable: true });
    }
  }
  Object.defineProperty(MessageChannel.prototype, Symbol.toStringTag, { value: 'MessageChannel', configurable: true });

  return { MessageChannel: MessageChannel, MessagePort: MessagePort, MessageEvent: MessageEvent };
})
