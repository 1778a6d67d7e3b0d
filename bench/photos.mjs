// The `photos` comparison's browser half (bench.py runs it), in Debian's Chromium through the
// playwright-core the browser tests install (tests/browser):
//
//   node photos.mjs generate CONFIG   draws a camera-like photo (gradients with texture at
//                                     several scales and sensor grain, so JPEG cannot shrink
//                                     it to nothing), encodes it as a JPEG at quality 92, and
//                                     tunes the texture until the file is about CONFIG.bytes;
//                                     writes CONFIG.out and prints {bytes, width, height, texture}.
//   node photos.mjs measure CONFIG    opens CONFIG.url as a phone would (CONFIG.width CSS pixels,
//                                     device pixel ratio CONFIG.dpr, a fresh cache), scrolls to
//                                     the end so every lazy image loads, and prints what was
//                                     downloaded: {total, requests: [{url, type, bytes}], images}.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [command, configJson] = process.argv.slice(2);
const config = JSON.parse(configJson);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function generate() {
  const page = await browser.newPage();
  // Seeded, so every run draws the same picture for a given size and texture.
  const encode = (texture) => page.evaluate(async ({ width, height, texture }) => {
    let seed = 0x2545f491;
    const random = () => {
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
      return ((seed >>> 0) / 4294967296) * 2 - 1;
    };
    // Value noise: a grid of random shades every `cell` pixels, blended between; mostly
    // lightness, a little colour, as in a photo of leaves, stones or a crowd.
    const octave = (cell, amplitude) => {
      const gw = Math.ceil(width / cell) + 2, gh = Math.ceil(height / cell) + 2;
      const grid = new Float32Array(gw * gh * 3);
      for (let i = 0; i < grid.length; i += 3) {
        const light = random();
        for (let c = 0; c < 3; c++) grid[i + c] = (light + 0.3 * random()) * amplitude;
      }
      return { cell, gw, grid };
    };
    const octaves = [octave(96, 36 * texture), octave(24, 26 * texture), octave(6, 18 * texture)];
    const grain = 14 * texture;
    const canvas = document.createElement('canvas');
    canvas.width = width; canvas.height = height;
    const context = canvas.getContext('2d');
    const image = context.createImageData(width, height);
    const data = image.data;
    for (let y = 0; y < height; y++) {
      const sky = y < height * 0.45;
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const base = sky ? [120 + 60 * y / height, 160 + 40 * y / height, 210] : [110 - 40 * y / height, 120, 60];
        for (let c = 0; c < 3; c++) {
          let v = base[c] + random() * grain;
          for (const { cell, gw, grid } of octaves) {
            const gx = x / cell, gy = y / cell, x0 = gx | 0, y0 = gy | 0, fx = gx - x0, fy = gy - y0;
            const at = (xx, yy) => grid[(yy * gw + xx) * 3 + c];
            v += (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy)
               + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
          }
          data[i + c] = v;
        }
        data[i + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
    const blob = await new Promise((done) => canvas.toBlob(done, 'image/jpeg', 0.92));
    const url = await new Promise((done) => { const r = new FileReader(); r.onload = () => done(r.result); r.readAsDataURL(blob); });
    return url.slice(url.indexOf(',') + 1);
  }, { width: config.width, height: config.height, texture });

  // More texture, more bytes: halve the interval until the file is within 8% of the target.
  let low = 0.05, high = 6, best = null;
  for (let step = 0; step < 10; step++) {
    const texture = (low + high) / 2;
    const bytes = Buffer.from(await encode(texture), 'base64');
    if (!best || Math.abs(bytes.length - config.bytes) < Math.abs(best.bytes.length - config.bytes)) best = { texture, bytes };
    if (Math.abs(bytes.length - config.bytes) <= config.bytes * 0.08) break;
    if (bytes.length < config.bytes) low = texture; else high = texture;
  }
  writeFileSync(config.out, best.bytes);
  return { bytes: best.bytes.length, width: config.width, height: config.height, texture: best.texture };
}

async function measure() {
  const context = await browser.newContext({
    viewport: { width: config.width, height: config.height ?? 844 },
    deviceScaleFactor: config.dpr,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const finished = [];
  page.on('requestfinished', (request) => finished.push(request));
  await page.goto(config.url, { waitUntil: 'load' });
  // Lazy images load as they come into view: go through the whole page.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 400) {
    await page.evaluate((y) => window.scrollTo(0, y), y);
    await page.waitForTimeout(50);
  }
  await page.waitForLoadState('networkidle');
  const requests = [];
  for (const request of finished) {
    const sizes = await request.sizes();
    requests.push({ url: request.url(), type: request.resourceType(),
                    bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  }
  const images = await page.evaluate(() => [...document.images].map((i) => ({
    src: i.currentSrc, shown: i.getBoundingClientRect().width, natural: i.naturalWidth,
  })));
  await context.close();
  return { total: requests.reduce((sum, r) => sum + r.bytes, 0), requests, images };
}

const result = command === 'generate' ? await generate() : await measure();
await browser.close();
console.log(JSON.stringify(result));
