// Opens edition emails in headless Chromium at a phone's width, once with images blocked (as
// many mail clients start) and once with them loaded, and measures whether anything pushes
// the page sideways. Prints what it measured as JSON (the Rust test tests/api/email_phone.rs
// asserts on it) and saves full-page screenshots for people to look at.
//
// Usage: node email.mjs CONFIG, where CONFIG is JSON:
//   {"out": DIR, "width": 375, "emails": [{"name": "edition-en", "file": "/path/email.html"}]}
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const config = JSON.parse(process.argv[2]);
mkdirSync(config.out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = [];
for (const email of config.emails) {
  const html = readFileSync(email.file, 'utf8');
  for (const images of ['blocked', 'loaded']) {
    const context = await browser.newContext({ viewport: { width: config.width, height: 740 } });
    const page = await context.newPage();
    // A mail client that blocks images fetches none of them; nothing else is fetched either.
    await page.route('**/*', (route) =>
      images === 'blocked' && route.request().resourceType() === 'image' ? route.abort() : route.continue());
    await page.setContent(html, { waitUntil: 'load' });
    const facts = await page.evaluate(() => {
      const root = document.documentElement;
      const box = (element) => element.getBoundingClientRect();
      return {
        lang: root.lang,
        direction: getComputedStyle(document.body).direction,
        overflow: root.scrollWidth - root.clientWidth,
        images: [...document.images].map((i) => ({
          loaded: i.complete && i.naturalWidth > 0,
          src: i.currentSrc,
          width: box(i).width,
          withinViewport: box(i).right <= root.clientWidth + 1 && box(i).left >= -1,
        })),
      };
    });
    const file = `${email.name}-${images}.png`;
    await page.screenshot({ path: `${config.out}/${file}`, fullPage: true });
    results.push({ name: email.name, mode: images, screenshot: file, ...facts });
    await context.close();
  }
}
await browser.close();
console.log(JSON.stringify(results));
