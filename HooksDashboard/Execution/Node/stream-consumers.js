// Node's `stream/consumers`: read a whole stream (a Node Readable, a web ReadableStream or any async iterable) as
// text, JSON, a Buffer, an ArrayBuffer or a Blob, as Node 20 does (strings as they are, bytes decoded as UTF-8 across
// chunk boundaries).
(function (require) {
  'use strict';
  async function blob(stream) {
    var chunks = [];
    for await (var chunk of stream) chunks.push(chunk);
    var Blob = require('internal/fetch').Blob;
    return new Blob(chunks);
  }

  async function arrayBuffer(stream) {
    return (await blob(stream)).arrayBuffer();
  }

  async function buffer(stream) {
    return require('buffer').Buffer.from(await arrayBuffer(stream));
  }

  async function text(stream) {
    var decoder = new (require('util').TextDecoder)();
    var result = '';
    for await (var chunk of stream) {
      result += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    }
    return result + decoder.decode(undefined, { stream: false });
  }

  async function json(stream) {
    return JSON.parse(await text(stream));
  }

  return { arrayBuffer: arrayBuffer, blob: blob, buffer: buffer, text: text, json: json };
})
