// Node's `diagnostics_channel`: named publish/subscribe channels inside one engine (nothing leaves it), and tracing
// channels (start/end/asyncStart/asyncEnd/error) around sync, promise and callback calls, as Node 20 behaves. Packages
// (got 14, lru-cache 11 under jwks-rsa 4) create channels while loading and publish only when someone subscribes.
// A subscriber that throws does not stop the others: its error is rethrown on the next tick, as an uncaught exception.
// `bindStore` takes any store with Node's AsyncLocalStorage `run(store, fn)` shape (hooks have no async_hooks).
(function (require) {
  'use strict';
  var errors = require('internal/errors');
  var processModule = require('process');

  var channels = new Map();

  function Channel(name) {
    this._subscribers = undefined;
    this._stores = undefined;
    this.name = name;
    channels.set(name, this);
  }

  Object.defineProperty(Channel.prototype, 'hasSubscribers', {
    get: function () { return (this._subscribers !== undefined && this._subscribers.length > 0) || (this._stores !== undefined && this._stores.size > 0); },
    configurable: true,
  });

  Channel.prototype.subscribe = function subscribe(subscription) {
    errors.validateFunction(subscription, 'subscription');
    // Copied on write: a subscriber added or removed while publishing takes effect from the next message.
    this._subscribers = (this._subscribers || []).concat([subscription]);
  };

  Channel.prototype.unsubscribe = function unsubscribe(subscription) {
    var index = this._subscribers === undefined ? -1 : this._subscribers.indexOf(subscription);
    if (index === -1) return false;
    this._subscribers = this._subscribers.slice(0, index).concat(this._subscribers.slice(index + 1));
    return true;
  };

  Channel.prototype.bindStore = function bindStore(store, transform) {
    if (this._stores === undefined) this._stores = new Map();
    this._stores.set(store, transform);
  };

  Channel.prototype.unbindStore = function unbindStore(store) {
    if (this._stores === undefined || !this._stores.has(store)) return false;
    this._stores.delete(store);
    return true;
  };

  Channel.prototype.publish = function publish(data) {
    var subscribers = this._subscribers;
    if (subscribers === undefined) return;
    for (var i = 0; i < subscribers.length; i++) {
      try {
        subscribers[i](data, this.name);
      } catch (err) {
        processModule.nextTick(function () { throw err; });
      }
    }
  };

  Channel.prototype.runStores = function runStores(data, fn, thisArg) {
    var args = Array.prototype.slice.call(arguments, 3);
    var self = this;
    var run = function () {
      self.publish(data);
      return fn.apply(thisArg, args);
    };
    if (this._stores !== undefined) {
      this._stores.forEach(function (transform, store) {
        var next = run;
        run = function () {
          var value = data;
          if (typeof transform === 'function') {
            try {
              value = transform(data);
            } catch (err) {
              processModule.nextTick(function () { throw err; });
              return next();
            }
          }
          return store.run(value, next);
        };
      });
    }
    return run();
  };

  function channel(name) {
    var existing = channels.get(name);
    if (existing !== undefined) return existing;
    if (typeof name !== 'string' && typeof name !== 'symbol') throw errors.invalidArgType('channel', ['string', 'symbol'], name);
    return new Channel(name);
  }

  function hasSubscribers(name) {
    var existing = channels.get(name);
    return existing !== undefined && existing.hasSubscribers;
  }

  function subscribe(name, subscription) {
    return channel(name).subscribe(subscription);
  }

  function unsubscribe(name, subscription) {
    return channel(name).unsubscribe(subscription);
  }

  var traceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

  function define(target, name, value) {
    Object.defineProperty(target, name, { value: value, writable: false, enumerable: false, configurable: false });
  }

  function TracingChannel(nameOrChannels) {
    var i;
    if (typeof nameOrChannels === 'string') {
      for (i = 0; i < traceEvents.length; i++) define(this, traceEvents[i], channel('tracing:' + nameOrChannels + ':' + traceEvents[i]));
    } else if (nameOrChannels !== null && typeof nameOrChannels === 'object') {
      for (i = 0; i < traceEvents.length; i++) {
        var given = nameOrChannels[traceEvents[i]];
        if (!(given instanceof Channel)) throw errors.invalidArgType('nameOrChannels.' + traceEvents[i], 'Channel', given);
        define(this, traceEvents[i], given);
      }
    } else {
      throw errors.invalidArgType('nameOrChannels', ['string', 'TracingChannel', 'Object'], nameOrChannels);
    }
  }

  Object.defineProperty(TracingChannel.prototype, 'hasSubscribers', {
    get: function () {
      return this.start.hasSubscribers || this.end.hasSubscribers || this.asyncStart.hasSubscribers || this.asyncEnd.hasSubscribers || this.error.hasSubscribers;
    },
    configurable: true,
  });

  TracingChannel.prototype.subscribe = function subscribe(handlers) {
    for (var i = 0; i < traceEvents.length; i++) {
      if (handlers[traceEvents[i]]) this[traceEvents[i]].subscribe(handlers[traceEvents[i]]);
    }
  };

  TracingChannel.prototype.unsubscribe = function unsubscribe(handlers) {
    var done = true;
    for (var i = 0; i < traceEvents.length; i++) {
      if (handlers[traceEvents[i]] && !this[traceEvents[i]].unsubscribe(handlers[traceEvents[i]])) done = false;
    }
    return done;
  };

  TracingChannel.prototype.traceSync = function traceSync(fn, context, thisArg) {
    var args = Array.prototype.slice.call(arguments, 3);
    if (!this.hasSubscribers) return fn.apply(thisArg, args);
    if (context === undefined) context = {};
    var end = this.end;
    var error = this.error;
    return this.start.runStores(context, function () {
      try {
        var result = fn.apply(thisArg, args);
        context.result = result;
        return result;
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  };

  TracingChannel.prototype.tracePromise = function tracePromise(fn, context, thisArg) {
    var args = Array.prototype.slice.call(arguments, 3);
    if (!this.hasSubscribers) return fn.apply(thisArg, args);
    if (context === undefined) context = {};
    var end = this.end;
    var asyncStart = this.asyncStart;
    var asyncEnd = this.asyncEnd;
    var error = this.error;
    function reject(err) {
      context.error = err;
      error.publish(context);
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return Promise.reject(err);
    }
    function resolve(result) {
      context.result = result;
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return result;
    }
    return this.start.runStores(context, function () {
      try {
        var promise = fn.apply(thisArg, args);
        if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
        return promise.then(resolve, reject);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  };

  TracingChannel.prototype.traceCallback = function traceCallback(fn, position, context, thisArg) {
    var args = Array.prototype.slice.call(arguments, 4);
    if (!this.hasSubscribers) return fn.apply(thisArg, args);
    if (position === undefined) position = -1;
    if (context === undefined) context = {};
    var end = this.end;
    var asyncStart = this.asyncStart;
    var asyncEnd = this.asyncEnd;
    var error = this.error;
    var index = position < 0 ? args.length + position : position;
    var callback = args[index];
    errors.validateFunction(callback, 'callback');
    args.splice(index, 1, function wrappedCallback(err, res) {
      var self = this;
      var callbackArgs = arguments;
      if (err) {
        context.error = err;
        error.publish(context);
      } else {
        context.result = res;
      }
      asyncStart.runStores(context, function () {
        try {
          return callback.apply(self, callbackArgs);
        } finally {
          asyncEnd.publish(context);
        }
      });
    });
    return this.start.runStores(context, function () {
      try {
        return fn.apply(thisArg, args);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  };

  function tracingChannel(nameOrChannels) {
    return new TracingChannel(nameOrChannels);
  }

  return {
    channel: channel,
    hasSubscribers: hasSubscribers,
    subscribe: subscribe,
    tracingChannel: tracingChannel,
    unsubscribe: unsubscribe,
    Channel: Channel,
  };
})
