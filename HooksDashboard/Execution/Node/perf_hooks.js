// `perf_hooks` and the global `performance`: a monotonic clock in milliseconds since the invocation began
// (`performance.now()`, `timeOrigin`), user timing (marks and measures with their entries), `timerify`, an event loop
// utilization and histograms that hold no samples (the engine exposes no loop or GC timings); observers are never
// called.
(function (require) {
  'use strict';
  var process = require('process');
  var errors = require('internal/errors');
  var DOMException = require('internal/dom_exception').DOMException;
  var structuredClone = require('internal/structured_clone').structuredClone;

  var start = process.hrtime();
  var startOffset = process.uptime() * 1000;
  function now() {
    var d = process.hrtime(start);
    return startOffset + d[0] * 1e3 + d[1] / 1e6;
  }
  var timeOrigin = Date.now() - now();

  var kSecret = {};
  function PerformanceEntry(secret, name, type, startTime, duration, detail) {
    if (secret !== kSecret) throw errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    Object.defineProperty(this, '_fields', { value: { name: name, entryType: type, startTime: startTime, duration: duration, detail: detail } });
  }
  ['name', 'entryType', 'startTime', 'duration'].forEach(function (key) {
    Object.defineProperty(PerformanceEntry.prototype, key, { get: function () { return this._fields[key]; }, enumerable: true, configurable: true });
  });
  PerformanceEntry.prototype.toJSON = function toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this._fields.detail };
  };

  function PerformanceMark(name, options) {
    if (arguments.length === 0) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "name" argument must be specified');
    var startTime = options && options.startTime !== undefined ? options.startTime : now();
    if (typeof startTime !== 'number') throw errors.invalidArgType('options.startTime', 'number', startTime);
    if (startTime < 0) throw errors.make(TypeError, 'ERR_PERFORMANCE_INVALID_TIMESTAMP', startTime + ' is not a valid timestamp');
    var detail = options && options.detail !== undefined ? structuredClone(options.detail) : null;
    PerformanceEntry.call(this, kSecret, String(name), 'mark', startTime, 0, detail);
  }
  Object.setPrototypeOf(PerformanceMark.prototype, PerformanceEntry.prototype);
  Object.defineProperty(PerformanceMark.prototype, 'detail', { get: function () { return this._fields.detail; }, enumerable: true, configurable: true });

  function PerformanceMeasure(secret, name, startTime, duration, detail) {
    PerformanceEntry.call(this, secret, name, 'measure', startTime, duration, detail);
  }
  Object.setPrototypeOf(PerformanceMeasure.prototype, PerformanceEntry.prototype);
  Object.defineProperty(PerformanceMeasure.prototype, 'detail', { get: function () { return this._fields.detail; }, enumerable: true, configurable: true });

  var entries = [];
  function markTime(name) {
    if (typeof name === 'number') return name;
    for (var i = entries.length - 1; i >= 0; i--) {
      if (entries[i].entryType === 'mark' && entries[i].name === name) return entries[i].startTime;
    }
    throw new DOMException('The "' + name + '" performance mark has not been set', 'SyntaxError');
  }
  function clear(type, name) {
    entries = entries.filter(function (e) { return e.entryType !== type || (name !== undefined && e.name !== String(name)); });
  }

  function Performance() { throw errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor'); }
  var performance = Object.create(Performance.prototype);
  Performance.prototype.now = function () { return now(); };
  Object.defineProperty(Performance.prototype, 'timeOrigin', { get: function () { return timeOrigin; }, enumerable: true, configurable: true });
  Performance.prototype.mark = function mark(name, options) {
    var entry = new PerformanceMark(name, options);
    entries.push(entry);
    return entry;
  };
  Performance.prototype.measure = function measure(name, startOrOptions, endMark) {
    var startTime = 0, endTime, detail = null;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      if (startOrOptions.start !== undefined) startTime = markTime(startOrOptions.start);
      if (startOrOptions.end !== undefined) endTime = markTime(startOrOptions.end);
      else if (startOrOptions.duration !== undefined) endTime = startTime + startOrOptions.duration;
      if (startOrOptions.detail !== undefined) detail = structuredClone(startOrOptions.detail);
    } else if (startOrOptions !== undefined) {
      startTime = markTime(startOrOptions);
    }
    if (endMark !== undefined) endTime = markTime(endMark);
    if (endTime === undefined) endTime = now();
    var entry = new PerformanceMeasure(kSecret, String(name), startTime, endTime - startTime, detail);
    entries.push(entry);
    return entry;
  };
  Performance.prototype.clearMarks = function clearMarks(name) { clear('mark', name); };
  Performance.prototype.clearMeasures = function clearMeasures(name) { clear('measure', name); };
  Performance.prototype.clearResourceTimings = function clearResourceTimings() {};
  // In start time order, as Node lists them.
  function sorted(list) { return list.slice().sort(function (a, b) { return a.startTime - b.startTime; }); }
  Performance.prototype.getEntries = function getEntries() { return sorted(entries); };
  Performance.prototype.getEntriesByName = function getEntriesByName(name, type) {
    return sorted(entries.filter(function (e) { return e.name === String(name) && (type === undefined || e.entryType === type); }));
  };
  Performance.prototype.getEntriesByType = function getEntriesByType(type) {
    return sorted(entries.filter(function (e) { return e.entryType === String(type); }));
  };
  Performance.prototype.setResourceTimingBufferSize = function setResourceTimingBufferSize() {};
  Performance.prototype.markResourceTiming = function markResourceTiming() {};
  Performance.prototype.eventLoopUtilization = function eventLoopUtilization() { return { idle: 0, active: 0, utilization: 0 }; };
  Performance.prototype.timerify = function timerify(fn) {
    errors.validateFunction(fn, 'fn');
    return fn;
  };
  Object.defineProperty(Performance.prototype, 'nodeTiming', {
    get: function () {
      return { name: 'node', entryType: 'node', startTime: 0, duration: now(), nodeStart: 0, v8Start: 0, bootstrapComplete: 0, environment: 0, loopStart: 0, loopExit: -1, idleTime: 0 };
    },
    enumerable: true, configurable: true,
  });
  Performance.prototype.toJSON = function toJSON() {
    return { nodeTiming: this.nodeTiming, timeOrigin: timeOrigin, eventLoopUtilization: this.eventLoopUtilization() };
  };
  Performance.prototype.onresourcetimingbufferfull = null;

  function PerformanceObserver(callback) {
    if (!(this instanceof PerformanceObserver)) throw errors.make(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', "Class constructor PerformanceObserver cannot be invoked without 'new'");
    errors.validateFunction(callback, 'callback');
  }
  PerformanceObserver.prototype.observe = function observe() {};
  PerformanceObserver.prototype.disconnect = function disconnect() {};
  PerformanceObserver.prototype.takeRecords = function takeRecords() { return []; };
  PerformanceObserver.supportedEntryTypes = ['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource'];
  function PerformanceObserverEntryList() { throw errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor'); }
  function PerformanceResourceTiming() { throw errors.make(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor'); }

  // A histogram that records what it is given (createHistogram) and nothing else (monitorEventLoopDelay).
  function Histogram() {
    var values = [];
    var histogram = {
      get count() { return values.length; },
      get min() { return values.length ? Math.min.apply(null, values) : 9223372036854776000; },
      get max() { return values.length ? Math.max.apply(null, values) : 0; },
      get mean() { return values.length ? values.reduce(function (a, b) { return a + b; }, 0) / values.length : NaN; },
      get stddev() { return values.length ? Math.sqrt(values.reduce(function (a, v) { var d = v - histogram.mean; return a + d * d; }, 0) / values.length) : NaN; },
      get exceeds() { return 0; },
      get percentiles() { var m = new Map(); if (values.length) m.set(100, histogram.max); else m.set(100, 0); return m; },
      percentile: function (p) {
        if (values.length === 0) return 0;
        var sorted = values.slice().sort(function (a, b) { return a - b; });
        return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))];
      },
      record: function (value) { values.push(Number(value)); },
      recordDelta: function () {},
      reset: function () { values = []; },
      enable: function () { return true; },
      disable: function () { return true; },
    };
    return histogram;
  }

  var constants = {
    NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8,
    NODE_PERFORMANCE_GC_WEAKCB: 16, NODE_PERFORMANCE_GC_FLAGS_NO: 0, NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
    NODE_PERFORMANCE_GC_FLAGS_FORCED: 4, NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
    NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16, NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
    NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
  };

  return {
    Performance: Performance,
    PerformanceEntry: PerformanceEntry,
    PerformanceMark: PerformanceMark,
    PerformanceMeasure: PerformanceMeasure,
    PerformanceObserver: PerformanceObserver,
    PerformanceObserverEntryList: PerformanceObserverEntryList,
    PerformanceResourceTiming: PerformanceResourceTiming,
    monitorEventLoopDelay: function monitorEventLoopDelay() { return Histogram(); },
    createHistogram: function createHistogram() { return Histogram(); },
    performance: performance,
    constants: constants,
  };
})
