// MessageChannel, MessagePort and MessageEvent as Node 20's globals: cloned messages on a later turn, onmessage,
// addEventListener and Node's on/once, queued until started, close on both ports.
(function () {
  const out = [];
  const { port1, port2 } = new MessageChannel();
  out.push([Object.getPrototypeOf(port1).constructor.name, typeof port1.on, typeof port1.postMessage, typeof port1.start, typeof port1.ref, port1 instanceof EventTarget, Object.keys(port1), typeof MessageEvent, MessagePort.length]);
  try { new MessagePort(); } catch (e) { out.push(e.name + ': ' + e.message); }
  try { port1.postMessage(() => 1); } catch (e) { out.push(e.name + ': ' + e.message); }
  port2.onmessage = (e) => { out.push(['onmessage', e.constructor.name, JSON.stringify(e.data), e.data.m instanceof Map, e.ports.length, e.target === port2]); };
  port1.postMessage({ a: 1, d: new Date(0), m: new Map([[1, 2]]) });
  port1.postMessage('second');
  const ch2 = new MessageChannel();
  ch2.port1.on('message', (v) => { out.push(['on', v]); ch2.port1.close(); });
  ch2.port1.on('close', () => out.push('closed1'));
  ch2.port2.addEventListener('close', (e) => out.push(['closed2', e.type]));
  ch2.port2.postMessage({ x: [1, 2] });
  const ch3 = new MessageChannel();
  ch3.port1.addEventListener('message', (e) => out.push(['queued until start', e.data]));
  ch3.port2.postMessage('held');
  // Node delivers messages through its event loop's I/O: wait for them (not for a fixed time) before starting ch3.
  const delivered = () => out.some((entry) => Array.isArray(entry) && entry[0] === 'closed2') && out.length >= 7;
  const held = () => out.some((entry) => Array.isArray(entry) && entry[0] === 'queued until start');
  const poll = (done, then) => (done() ? then() : setTimeout(() => poll(done, then), 2));
  poll(delivered, () => {
    out.push('before start');
    ch3.port1.start();
    poll(held, () => { port2.close(); ch3.port1.close(); console.log(JSON.stringify(out)); });
  });
})();
module.exports = function (cb) { setTimeout(cb, 100); };
