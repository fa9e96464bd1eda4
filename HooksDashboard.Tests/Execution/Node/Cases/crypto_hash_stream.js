// Hash and Hmac as streams (Node's LazyTransform): write/end/read, setEncoding, pipe, pipeline, instanceof Transform,
// and writes after digest() ignored. The stream module loads on the first stream member used.
const crypto = require('crypto');
console.log(crypto.createHash('sha256').update('hello').digest('hex').slice(0, 16));
const h = crypto.createHash('sha256'); h.write('hel'); h.end('lo'); console.log(h.read().toString('hex').slice(0, 16));
const h2 = crypto.createHash('sha1'); h2.setEncoding('hex'); h2.end('hello'); console.log(h2.read());
const m = crypto.createHmac('sha256', 'k'); m.end('data'); console.log(m.read().toString('base64'));
const { pipeline, Readable, Transform } = require('stream');
console.log(crypto.createHash('md5') instanceof Transform, typeof crypto.createHash('md5').pipe, Object.keys(crypto.createHash('md5')).length);
const h3 = crypto.createHash('sha256');
pipeline(Readable.from(['he', 'llo']), h3, (err) => {
  console.log('pipeline', err, h3.read().toString('hex').slice(0, 16));
  const h4 = crypto.createHash('sha256'); h4.setEncoding('hex');
  h4.on('finish', () => console.log('finish', h4.read().slice(0, 16)));
  Readable.from(['a', 'b']).pipe(h4);
  setTimeout(() => {
    const h5 = crypto.createHash('sha256'); h5.update('x'); h5.digest();
    h5.write('y');
    h5.on('error', (e) => console.log('error event', e.code));
    h5.end(() => console.log('ended after digest', h5.read()));
  }, 10);
});
module.exports = function (cb) { setTimeout(cb, 100); };
