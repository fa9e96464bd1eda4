// `worker_threads` as packages see it (the hook's own require('worker_threads') is refused): loggers and SDKs require
// it at load to ask whether they run on the main thread (pino reads `isMainThread`) or for an optional worker-based
// transport. A hook is one thread inside its own engine, so this is the main thread, with no parent and no worker
// data; starting a worker or opening a message channel to one is refused when called.
(function (require) {
  'use strict';
  var refused = require('internal/refusal').refused;
  var reason = 'a hook runs on one thread, inside its own engine';
  var environment = new Map();
  return {
    isMainThread: true,
    MessagePort: refused('worker_threads.MessagePort()', reason),
    MessageChannel: refused('worker_threads.MessageChannel()', reason),
    markAsUntransferable: function markAsUntransferable() {},
    moveMessagePortToContext: refused('worker_threads.moveMessagePortToContext()', reason),
    receiveMessageOnPort: refused('worker_threads.receiveMessageOnPort()', reason),
    resourceLimits: {},
    postMessageToThread: function postMessageToThread() {
      return Promise.reject(require('internal/refusal').refusal('worker_threads.postMessageToThread()', reason));
    },
    threadId: 0,
    SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
    Worker: refused('worker_threads.Worker()', reason),
    parentPort: null,
    workerData: null,
    BroadcastChannel: refused('worker_threads.BroadcastChannel()', reason),
    setEnvironmentData: function setEnvironmentData(key, value) {
      if (value === undefined) environment.delete(key); else environment.set(key, value);
    },
    getEnvironmentData: function getEnvironmentData(key) { return environment.get(key); },
  };
})
