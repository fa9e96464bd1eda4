// `readline` as packages see it (the hook's own require('readline') is refused: a hook has no terminal): line
// readers over any stream work as Node's do (createInterface({ input }) with 'line' and 'close', `for await`,
// question() over the given streams, readline/promises); the cursor helpers write Node's escape codes to the stream
// they are given. @sentry/node requires it at load (its context-lines integration reads files line by line).
(function (require) {
  'use strict';
  var EventEmitter = require('events');
  var process = require('process');
  var StringDecoder = require('string_decoder').StringDecoder;
  var errors = require('internal/errors');

  function Interface(input, output, completer, terminal) {
    if (!(this instanceof Interface)) return new Interface(input, output, completer, terminal);
    EventEmitter.call(this);
    var options = input && typeof input === 'object' && typeof input.on !== 'function' ? input : { input: input, output: output };
    this.input = options.input;
    this.output = options.output;
    this.terminal = false;
    this.line = '';
    this.cursor = 0;
    this.closed = false;
    this.paused = false;
    this._prompt = options.prompt === undefined ? '> ' : String(options.prompt);
    this._pending = '';
    this._questions = [];
    var rl = this;
    var decoder = new StringDecoder('utf8');
    this._ondata = function (chunk) { rl._consume(typeof chunk === 'string' ? chunk : decoder.write(chunk)); };
    this._onend = function () {
      var rest = rl._pending + decoder.end();
      rl._pending = '';
      if (rest.length > 0) rl._onLine(rest.replace(/\r$/, ''));
      rl.close();
    };
    this._onerror = function (error) { rl.emit('error', error); };
    if (this.input) {
      this.input.on('data', this._ondata);
      this.input.on('end', this._onend);
      this.input.on('error', this._onerror);
      if (typeof this.input.resume === 'function') this.input.resume();
    }
  }
  Object.setPrototypeOf(Interface.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(Interface, EventEmitter);

  Interface.prototype._consume = function (text) {
    var data = this._pending + text;
    var start = 0;
    for (var i = 0; i < data.length; i++) {
      var c = data[i];
      if (c !== '\n' && c !== '\r') continue;
      if (c === '\r' && i === data.length - 1) break; // a \r\n may be split across chunks
      this._onLine(data.slice(start, i));
      if (c === '\r' && data[i + 1] === '\n') i++;
      start = i + 1;
      if (this.closed) return;
    }
    this._pending = data.slice(start);
  };
  Interface.prototype._onLine = function (line) {
    var question = this._questions.shift();
    if (question) question(line);
    else this.emit('line', line);
  };
  Interface.prototype.close = function close() {
    if (this.closed) return;
    this.closed = true;
    if (this.input) {
      this.input.removeListener('data', this._ondata);
      this.input.removeListener('end', this._onend);
      this.input.removeListener('error', this._onerror);
      if (typeof this.input.pause === 'function') this.input.pause();
    }
    this.emit('close');
  };
  Interface.prototype.pause = function pause() {
    if (this.paused) return this;
    if (this.input && typeof this.input.pause === 'function') this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  };
  Interface.prototype.resume = function resume() {
    if (!this.paused) return this;
    if (this.input && typeof this.input.resume === 'function') this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  };
  Interface.prototype.write = function write(data) {
    if (this.closed) throw errors.make(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');
    if (this.output && data != null) this.output.write(String(data));
  };
  Interface.prototype.setPrompt = function setPrompt(prompt) { this._prompt = String(prompt); };
  Interface.prototype.getPrompt = function getPrompt() { return this._prompt; };
  Interface.prototype.prompt = function prompt() {
    if (this.closed) throw errors.make(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');
    if (this.paused) this.resume();
    if (this.output) this.output.write(this._prompt);
  };
  Interface.prototype.question = function question(query, options, callback) {
    if (typeof options === 'function') callback = options;
    if (this.closed) throw errors.make(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');
    errors.validateFunction(callback, 'callback');
    if (this.output) this.output.write(String(query));
    this._questions.push(callback);
  };
  Interface.prototype.getCursorPos = function getCursorPos() { return { rows: 0, cols: this.cursor }; };
  Interface.prototype[Symbol.asyncIterator] = function () {
    var rl = this, lines = [], waiting = [], done = rl.closed;
    rl.on('line', function (line) {
      if (waiting.length > 0) waiting.shift().resolve({ value: line, done: false });
      else lines.push(line);
    });
    rl.on('close', function () {
      done = true;
      while (waiting.length > 0) waiting.shift().resolve({ value: undefined, done: true });
    });
    rl.on('error', function (error) {
      done = true;
      while (waiting.length > 0) waiting.shift().reject(error);
    });
    var iterator = {
      next: function () {
        if (lines.length > 0) return Promise.resolve({ value: lines.shift(), done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise(function (resolve, reject) { waiting.push({ resolve: resolve, reject: reject }); });
      },
      return: function () { rl.close(); return Promise.resolve({ value: undefined, done: true }); },
    };
    iterator[Symbol.asyncIterator] = function () { return this; };
    return iterator;
  };

  function createInterface(input, output, completer, terminal) { return new Interface(input, output, completer, terminal); }

  function written(stream, text, callback) {
    if (stream == null) {
      if (typeof callback === 'function') process.nextTick(callback, null);
      return true;
    }
    return stream.write(text, callback);
  }
  var CSI = '\x1b[';
  function cursorTo(stream, x, y, callback) {
    if (typeof y === 'function') { callback = y; y = undefined; }
    if (Number.isNaN(x)) throw errors.invalidArgType('x', 'number', x);
    if (Number.isNaN(y)) throw errors.invalidArgType('y', 'number', y);
    if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) {
      if (typeof callback === 'function') process.nextTick(callback, null);
      return true;
    }
    if (typeof x !== 'number') throw errors.invalidArgType('x', 'number', x);
    return written(stream, typeof y !== 'number' ? CSI + (x + 1) + 'G' : CSI + (y + 1) + ';' + (x + 1) + 'H', callback);
  }
  function moveCursor(stream, dx, dy, callback) {
    if (stream == null || !(dx || dy)) {
      if (typeof callback === 'function') process.nextTick(callback, null);
      return true;
    }
    var text = '';
    if (dx < 0) text += CSI + -dx + 'D'; else if (dx > 0) text += CSI + dx + 'C';
    if (dy < 0) text += CSI + -dy + 'A'; else if (dy > 0) text += CSI + dy + 'B';
    return written(stream, text, callback);
  }
  function clearLine(stream, dir, callback) {
    return written(stream, dir < 0 ? CSI + '1K' : dir > 0 ? CSI + '0K' : CSI + '2K', callback);
  }
  function clearScreenDown(stream, callback) { return written(stream, CSI + '0J', callback); }

  function PromisesInterface(input, output, completer, terminal) {
    if (!(this instanceof PromisesInterface)) return new PromisesInterface(input, output, completer, terminal);
    Interface.call(this, input, output, completer, terminal);
  }
  Object.setPrototypeOf(PromisesInterface.prototype, Interface.prototype);
  Object.setPrototypeOf(PromisesInterface, Interface);
  PromisesInterface.prototype.question = function question(query, options) {
    var rl = this;
    return new Promise(function (resolve) { Interface.prototype.question.call(rl, query, options, resolve); });
  };
  var promises = {
    Interface: PromisesInterface,
    Readline: function Readline() { throw require('internal/refusal').refusal('readline.promises.Readline()', 'hooks have no terminal'); },
    createInterface: function createInterface(input, output, completer, terminal) { return new PromisesInterface(input, output, completer, terminal); },
  };

  return {
    Interface: Interface,
    clearLine: clearLine,
    clearScreenDown: clearScreenDown,
    createInterface: createInterface,
    cursorTo: cursorTo,
    emitKeypressEvents: function emitKeypressEvents() {},
    moveCursor: moveCursor,
    promises: promises,
  };
})
