// Draws the app icon (build/icon.png, 512x512 RGBA) with no dependency beyond Node: a rounded blue square with a
// white ring and a pulse line ("the doctor checks the gateway's pulse"). electron-builder derives the .icns and
// .ico from it. Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');

// ---- shapes as signed distances (negative inside), in pixels ----
function roundedSquare(x, y, inset, radius) {
  const half = SIZE / 2 - inset;
  const qx = Math.abs(x - SIZE / 2) - (half - radius);
  const qy = Math.abs(y - SIZE / 2) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}
function ring(x, y, cx, cy, r, width) {
  return Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
}
function segment(x, y, [ax, ay], [bx, by], width) {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - width / 2;
}
const PULSE = [[96, 272], [186, 272], [222, 186], [272, 338], [306, 240], [330, 272], [416, 272]];
function pulse(x, y) {
  let d = Infinity;
  for (let i = 1; i < PULSE.length; i += 1) d = Math.min(d, segment(x, y, PULSE[i - 1], PULSE[i], 26));
  return d;
}
/** Anti-aliased coverage of a shape from its signed distance at the pixel centre. */
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d));
const mix = (a, b, t) => a + (b - a) * t;

// ---- raster: one filter byte (0 = none) per row, then RGBA ----
const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y += 1) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0;
  for (let x = 0; x < SIZE; x += 1) {
    const cx = x + 0.5, cy = y + 0.5;
    const t = cy / SIZE; // top-to-bottom gradient
    let r = mix(0x3b, 0x1e, t), g = mix(0x82, 0x3a, t), b = mix(0xf6, 0x8a, t);
    const white = Math.max(cover(ring(cx, cy, 256, 256, 168, 22)), cover(pulse(cx, cy)));
    r = mix(r, 255, white); g = mix(g, 255, white); b = mix(b, 255, white);
    const alpha = cover(roundedSquare(cx, cy, 24, 104));
    const at = row + 1 + x * 4;
    raw[at] = Math.round(r); raw[at + 1] = Math.round(g); raw[at + 2] = Math.round(b); raw[at + 3] = Math.round(alpha * 255);
  }
}

// ---- PNG container ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
header[10] = 0; header[11] = 0; header[12] = 0; // deflate, adaptive filtering, no interlace

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(out, png);
console.log(`wrote ${out} (${SIZE}x${SIZE}, ${png.length} bytes)`);
