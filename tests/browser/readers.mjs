// Drives a reader's pages in headless Chromium and prints what it saw as JSON for the Rust
// test (tests/api/readers_browser.rs) to assert on:
//
//   node readers.mjs CONFIG
//
// CONFIG is JSON: {base, out, screens: [{name, lang, path}], subscribe: [{lang, email}]}.
// Each screen at phone and desktop width: its status, language, direction, sideways overflow,
// axe-core's serious and critical findings, whether the subscribe form (if any) fits the
// screen with its language preset, and a screenshot. Then, with scripts off, a reader fills
// in the home page's form and sends it, as a person would.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const config = JSON.parse(process.argv[2]);
mkdirSync(config.out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const widths = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

async function look(page, screen, width) {
  const response = await page.goto(config.base + screen.path);
  const facts = await page.evaluate(() => {
    const email = document.querySelector('form input[name="email"]');
    const box = email?.getBoundingClientRect();
    const select = document.querySelector('form select[name="locale"]');
    const trap = document.querySelector('form input[name="website"]');
    return {
      lang: document.documentElement.lang,
      direction: getComputedStyle(document.documentElement).direction,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      form: email ? {
        width: box.width,
        fits: box.left >= 0 && box.right <= document.documentElement.clientWidth,
        language: select?.value ?? null,
        trapShown: trap ? trap.getBoundingClientRect().height > 0 : false,
      } : null,
    };
  });
  const file = `${screen.name}-${screen.lang}-${width}.png`;
  await page.screenshot({ path: `${config.out}/${file}`, fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const findings = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.html.slice(0, 160)) }));
  return { name: screen.name, want: screen.lang, width, status: response.status(), ...facts, findings, screenshot: file };
}

async function screens() {
  const results = [];
  for (const [width, size] of Object.entries(widths)) {
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    for (const screen of config.screens) results.push(await look(page, screen, width));
    await context.close();
  }
  return results;
}

// A reader with scripts off subscribes from the home page, at phone width.
async function subscribe({ lang, email }) {
  const context = await browser.newContext({ viewport: widths.phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${config.base}/${lang}/`);
  const form = page.locator('section.subscribe-prominent form');
  await form.locator('input[name="email"]').fill(email);
  await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
  const file = `subscribed-${lang}-phone.png`;
  await page.screenshot({ path: `${config.out}/${file}`, fullPage: true });
  const result = {
    lang,
    path: new URL(page.url()).pathname,
    pageLang: await page.evaluate(() => document.documentElement.lang),
    heading: await page.locator('h1').innerText(),
    screenshot: file,
  };
  await context.close();
  return result;
}

const results = { screens: await screens(), subscribed: [] };
for (const reader of config.subscribe) results.subscribed.push(await subscribe(reader));
await browser.close();
process.stdout.write(JSON.stringify(results));
