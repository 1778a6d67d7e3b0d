// Loads story and home pages of a running nashra site in headless Chromium, at phone and
// desktop widths, in English and Arabic. Prints what it measured as JSON (the Rust test
// tests/api/browser.rs asserts on it) and saves full-page screenshots for people to look at.
//
// Usage: node check.mjs BASE_URL SCREENSHOT_DIR
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const pages = [
  ['story-en', '/en/stories/new-well/'],
  ['story-ar', '/ar/stories/new-well/'],
  ['home-en', '/en/'],
  ['home-ar', '/ar/'],
];
const viewports = { phone: { width: 375, height: 740 }, desktop: { width: 1280, height: 900 } };
const results = [];
for (const [name, path] of pages) {
  for (const [viewport, size] of Object.entries(viewports)) {
    const page = await browser.newPage({ viewport: size });
    await page.goto(base + path, { waitUntil: 'load' });
    // Images are lazy: bring each into view, then wait until all have loaded.
    for (const image of await page.locator('figure img').all()) {
      await image.scrollIntoViewIfNeeded();
    }
    await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 10000 });
    const facts = await page.evaluate(() => {
      const root = document.documentElement;
      const box = (element) => element.getBoundingClientRect();
      return {
        lang: root.lang,
        direction: getComputedStyle(root).direction,
        overflow: root.scrollWidth - root.clientWidth,
        images: [...document.querySelectorAll('figure img')].map((i) => ({
          loaded: i.complete && i.naturalWidth > 0,
          width: box(i).width,
          height: box(i).height,
          withinViewport: box(i).right <= root.clientWidth + 1 && box(i).left >= -1,
        })),
        captions: [...document.querySelectorAll('figcaption')].map((c) => ({
          text: c.innerText.trim(),
          height: box(c).height,
        })),
      };
    });
    await page.screenshot({ path: `${outDir}/${name}-${viewport}.png`, fullPage: true });
    results.push({ name, viewport, ...facts });
    await page.close();
  }
}
await browser.close();
console.log(JSON.stringify(results));
