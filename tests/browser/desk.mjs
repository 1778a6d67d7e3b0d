// Drives the desk in headless Chromium. Two commands, each printing what it saw as JSON for
// the Rust test (tests/api/desk_browser.rs) to assert on:
//
//   node desk.mjs screens CONFIG   every screen, in English and Arabic, at phone and desktop
//                                  width: screenshot, direction, sideways overflow, axe-core
//                                  findings, and whether the keyboard reaches every control.
//   node desk.mjs chain CONFIG     the editorial chain through the desk's forms (scripts on,
//                                  or off with "scripts": false), as people would click it.
//
// CONFIG is JSON: {base, out, accounts: {role: [email, password]}, screens: [{name, path, as}], …}
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const [command, configJson] = process.argv.slice(2);
const config = JSON.parse(configJson);
mkdirSync(config.out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const widths = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

async function signIn(page, [email, password]) {
  await page.goto(config.base + '/desk/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForLoadState('load'), page.locator('form[action="/desk/login"] button[type="submit"]').click()]);
  if (new URL(page.url()).pathname.startsWith('/desk/login')) {
    throw new Error(`signing in as ${email} failed: ${await page.locator('main').innerText()}`);
  }
}

// The language of the desk is the person's own setting: switch it as a person would.
async function useLanguage(page, lang) {
  const current = await page.evaluate(() => document.documentElement.lang);
  if (current === lang) return;
  const button = page.locator(`form[action="/desk/language"]:has(input[name="lang"][value="${lang}"]) button`);
  if (!(await button.isVisible())) await page.locator('label.menu-button').click();
  await Promise.all([page.waitForLoadState('load'), button.click()]);
}

// Tabs through the page and reports the visible controls the keyboard never reached.
async function unreachable(page) {
  const controls = await page.evaluate(() => {
    const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
    const all = [...document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary')]
      .filter((e) => !e.disabled && visible(e));
    all.forEach((e, i) => e.setAttribute('data-kb', String(i)));
    return all.length;
  });
  const reached = new Set();
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 0; i < Math.min(controls * 2 + 5, 400); i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-kb'));
    if (id !== null && id !== undefined) reached.add(id);
    if (reached.size >= controls) break;
  }
  return page.evaluate((reached) => [...document.querySelectorAll('[data-kb]')]
    .filter((e) => !reached.includes(e.getAttribute('data-kb')))
    .map((e) => e.outerHTML.slice(0, 120)), [...reached]);
}

async function screens() {
  const results = [];
  // One browser session per person and language (signing in is slow on purpose), resized
  // for each width.
  const people = [...new Set(config.screens.map((s) => s.as ?? ''))];
  for (const who of people) {
    for (const lang of ['en', 'ar']) {
      const context = await browser.newContext({ viewport: widths.desktop });
      const page = await context.newPage();
      if (who) {
        await signIn(page, config.accounts[who]);
        await useLanguage(page, lang);
      }
      for (const screen of config.screens.filter((s) => (s.as ?? '') === who)) {
        for (const [width, size] of Object.entries(widths)) {
          await page.setViewportSize(size);
          const query = who ? '' : (screen.path.includes('?') ? '&' : '?') + 'lang=' + lang;
          await page.goto(config.base + screen.path + query);
          results.push(await look(page, screen, lang, width));
        }
      }
      await context.close();
    }
  }
  return results;
}

async function look(page, screen, lang, width) {
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    direction: getComputedStyle(document.documentElement).direction,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    path: location.pathname,
  }));
  const file = `${screen.name}-${lang}-${width}.png`;
  await page.screenshot({ path: `${config.out}/${file}`, fullPage: true });
  // A sandboxed frame (the email preview) runs no script, so axe cannot run inside it and
  // would wait for it forever: it is checked as a page of its own. Its title is checked here.
  const untitledFrames = await page.evaluate(() => {
    const frames = [...document.querySelectorAll('iframe')];
    frames.forEach((f) => f.replaceWith(document.createComment('frame')));
    return frames.filter((f) => !f.title).length;
  });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const findings = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.html.slice(0, 160)) }));
  if (untitledFrames) findings.push({ id: 'frame-title', impact: 'serious', help: 'frames need a title', nodes: [] });
  const missed = width === 'desktop' ? await unreachable(page) : [];
  return { name: screen.name, lang, width, ...facts, findings, unreachable: missed, screenshot: file };
}

// One person's browser for the chain.
async function person(role) {
  const context = await browser.newContext({ viewport: widths.desktop, javaScriptEnabled: config.scripts !== false });
  const page = await context.newPage();
  await signIn(page, config.accounts[role]);
  return { page, context };
}

async function submit(page, locator) {
  await Promise.all([page.waitForLoadState('load'), locator.click()]);
  return page.locator('main').innerText();
}

async function chain() {
  const steps = [];
  const note = (step, detail = '') => steps.push({ step, detail });
  const { slug, edition } = config;

  // An editor writes the story in both languages and submits it.
  const editor = await person('editor');
  let page = editor.page;
  await page.goto(config.base + '/desk/stories');
  await page.locator('#new-story input[name="slug"]').fill(slug);
  await submit(page, page.locator('#new-story button[type="submit"]'));
  const storyPath = new URL(page.url()).pathname;
  note('created', storyPath);
  for (const [lang, title, body] of config.texts) {
    const column = page.locator(`form[data-locale="${lang}"]`);
    await column.locator('input[name="title"]').fill(title);
    await column.locator('textarea[name="summary"]').fill(body.split('\n')[0]);
    await column.locator('textarea[name="body"]').fill(body);
    await submit(page, column.locator('button[name="save"]'));
    note('saved', lang);
  }
  for (const [lang] of config.texts) {
    await submit(page, page.locator(`form[data-action="submit"][data-locale="${lang}"] button`));
    note('submitted', lang);
  }

  // A reviewer asks for changes in English, with a comment.
  const reviewer = await person('reviewer');
  const rpage = reviewer.page;
  await rpage.goto(config.base + storyPath);
  const request = rpage.locator('form[data-action="request_changes"][data-locale="en"]');
  await request.locator('textarea[name="comment"]').fill(config.comment);
  await submit(rpage, request.locator('button[type="submit"]'));
  note('changes requested', await rpage.locator('main').innerText().then((t) => t.includes(config.comment)));

  // The editor sees the comment, fixes the text and submits again.
  await page.goto(config.base + storyPath);
  note('editor sees comment', (await page.locator('main').innerText()).includes(config.comment));
  const en = page.locator('form[data-locale="en"]');
  await en.locator('input[name="title"]').fill(config.fixedTitle);
  await submit(page, en.locator('button[name="save"]'));
  await submit(page, page.locator('form[data-action="submit"][data-locale="en"] button'));
  note('resubmitted');

  // The reviewer approves and publishes both languages.
  await rpage.goto(config.base + storyPath);
  for (const [lang] of config.texts) {
    await submit(rpage, rpage.locator(`form[data-action="approve"][data-locale="${lang}"] button`));
    await submit(rpage, rpage.locator(`form[data-action="publish"][data-locale="${lang}"] button`));
    note('published', lang);
  }

  // The editor builds an edition with the story; the reviewer publishes it.
  await page.goto(config.base + '/desk/editions');
  for (const [name, value] of Object.entries(edition.fields)) {
    await page.locator(`#new-edition [name="${name}"]`).fill(String(value));
  }
  await submit(page, page.locator('#new-edition button[type="submit"]'));
  const editionPath = new URL(page.url()).pathname;
  note('edition created', editionPath);
  for (const [lang, title] of edition.titles) {
    const form = page.locator(`form[data-edition-text="${lang}"]`);
    await form.locator('input[name="title"]').fill(title);
    await form.locator('textarea[name="foreword"]').fill(edition.foreword);
    await submit(page, form.locator('button[type="submit"]'));
  }
  await page.goto(config.base + editionPath + '/stories?q=' + encodeURIComponent(config.fixedTitle));
  await submit(page, page.locator(`form[data-add-story] button`).first());
  note('story added');
  await rpage.goto(config.base + editionPath);
  await submit(rpage, rpage.locator('form[data-action="publish-edition"] button'));
  note('edition published', new URL(rpage.url()).pathname);

  // Readers see it; the email preview shows it in Arabic.
  const reader = await browser.newPage();
  await reader.goto(config.base + '/en/');
  const home = await reader.locator('main').innerText();
  note('public page', home.includes(config.fixedTitle));
  const admin = await person('admin');
  await admin.page.goto(config.base + editionPath + '/email/ar');
  const email = await admin.page.locator('body').innerText();
  note('arabic email', email.includes(config.texts.find(([l]) => l === 'ar')[1]));
  await admin.page.screenshot({ path: `${config.out}/chain-email-ar.png`, fullPage: true });
  await page.goto(config.base + storyPath);
  await page.screenshot({ path: `${config.out}/chain-story-${config.scripts === false ? 'noscript' : 'script'}.png`, fullPage: true });
  return steps;
}

const result = command === 'screens' ? await screens() : await chain();
await browser.close();
console.log(JSON.stringify(result));
