// TextDecoder's UTF-16 (LE, BE, with and without a BOM, fatal, streamed across calls) and the Latin-1 labels, which Node 20 decodes as ISO-8859-1.
for (const e of ['latin1','windows-1252','ascii','utf-16le','utf-16be','utf-16','UTF-16LE ', 'utf8', undefined]) { try { const d = new TextDecoder(e); console.log(e, d.encoding, JSON.stringify(d.decode(new Uint8Array([0x41,0x80,0x9f,0xe9,0xff,0x00])))); } catch (x) { console.log(e, x.code, x.message); } }
const d = new TextDecoder('utf-16le', {fatal:true}); try { console.log(JSON.stringify(d.decode(new Uint8Array([0x41,0,0x00,0xd8])))); } catch (x) { console.log(x.name, x.code, x.message); }
try { console.log(JSON.stringify(new TextDecoder('utf-16le', {fatal:true}).decode(new Uint8Array([0x41,0,0x42])))); } catch (x) { console.log(x.name, x.code, x.message); }
console.log(JSON.stringify(new TextDecoder('utf-16le').decode(new Uint8Array([0xff,0xfe,0x41,0,0x42]))));
console.log(JSON.stringify(new TextDecoder('utf-16le', {ignoreBOM:true}).decode(new Uint8Array([0xff,0xfe,0x41,0]))));
const s = new TextDecoder('utf-16le'); console.log(JSON.stringify(s.decode(new Uint8Array([0x41]), {stream:true})), JSON.stringify(s.decode(new Uint8Array([0, 0x3d, 0xd8]), {stream:true})), JSON.stringify(s.decode(new Uint8Array([0x00, 0xde]))));
console.log(JSON.stringify(new TextDecoder('utf-16be').decode(new Uint8Array([0xfe,0xff,0,0x41,0xd8,0x3d,0xde,0x00]))));
const s2 = new TextDecoder('utf-16be'); console.log(JSON.stringify(s2.decode(new Uint8Array([0xfe]), {stream:true})), JSON.stringify(s2.decode(new Uint8Array([0xff, 0, 0x41]))));
console.log(new TextDecoder('latin1').decode(new Uint8Array([0x80, 0xa9])).split('').map(c => c.charCodeAt(0)).join());
// A chunk holding only the byte order mark: the next chunk's BOM is text.
for (const [enc, bom, a] of [['utf-16le', [0xff, 0xfe], [0x41, 0]], ['utf-8', [0xef, 0xbb, 0xbf], [0x41]]]) {
  const s3 = new TextDecoder(enc);
  console.log(enc, JSON.stringify(s3.decode(new Uint8Array(bom), { stream: true })), JSON.stringify(s3.decode(new Uint8Array(bom.concat(a)))));
}
module.exports = function (cb) { cb(); };
