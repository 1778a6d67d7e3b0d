// Drives the desk in headless Chromium. Two commands, each printing what it saw as JSON for
// the Rust test (tests/api/desk_browser.rs) to assert on:
//
//   node desk.mjs screens CONFIG   every screen, in English and Arabic, at phone and desktop
//                                  width: screenshot, direction, sideways overflow, axe-core
//                                  findings, and whether the keyboard reaches every control.
//   node desk.mjs chain CONFIG     the editorial chain through the desk's forms (scripts on,
//                                  or off with "scripts": false), as people would click it.
//   node desk.mjs drag CONFIG      an editor drags stories on an edition's page ("path"): each
//                                  of "moves", [story id, CSS selector of where it is dropped].
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
  // A radio group is one stop for Tab (the arrow keys move within it).
  return page.evaluate((reached) => {
    const hit = (e) => reached.includes(e.getAttribute('data-kb'));
    const groupHit = (e) => e.type === 'radio' &&
      [...document.querySelectorAll(`input[type="radio"][name="${e.name}"]`)].some(hit);
    return [...document.querySelectorAll('[data-kb]')]
      .filter((e) => !hit(e) && !groupHit(e))
      .map((e) => e.outerHTML.slice(0, 120));
  }, [...reached]);
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
  const note = (step, ok = true) => steps.push({ step, ok });
  const text = (page) => page.locator('main').innerText();

  // An editor writes the story in both languages and submits it.
  const { page } = await person('editor');
  await page.goto(config.base + '/desk/stories');
  await page.locator('#new-story input[name="slug"]').fill(config.slug);
  await submit(page, page.locator('#new-story button[type="submit"]'));
  const storyPath = new URL(page.url()).pathname;
  note('created ' + storyPath, /^\/desk\/stories\/\d+$/.test(storyPath));
  const save = (lang) => page.locator(`form[action="${storyPath}/translations/${lang}"]`);
  const transition = (p, lang, action) =>
    p.locator(`form[action="${storyPath}/translations/${lang}/transition"]:has(input[name="action"][value="${action}"])`);
  for (const [lang, title, body] of config.texts) {
    await save(lang).locator('input[name="title"]').fill(title);
    await save(lang).locator('textarea[name="summary"]').fill(body.split('\n')[0]);
    await save(lang).locator('textarea[name="body"]').fill(body);
    await submit(page, save(lang).locator('p.actions button[type="submit"]'));
    note('saved ' + lang, (await save(lang).locator('input[name="title"]').inputValue()) === title);
  }
  for (const [lang] of config.texts) {
    await submit(page, transition(page, lang, 'submit').locator('button'));
    note('submitted ' + lang, (await page.locator(`form[action="${storyPath}/translations/${lang}/transition"]:has(input[value="withdraw"])`).count()) === 1);
  }

  // A reviewer asks for changes in English, with a comment (the form opens in place).
  const reviewer = (await person('reviewer')).page;
  await reviewer.goto(config.base + storyPath);
  await reviewer.locator('details.story-request summary').first().click();
  const request = transition(reviewer, 'en', 'request_changes');
  await request.locator('textarea[name="comment"]').fill(config.comment);
  await submit(reviewer, request.locator('button[type="submit"]'));
  note('changes requested', (await text(reviewer)).includes(config.comment));

  // The editor sees the comment, fixes the title and submits again.
  await page.goto(config.base + storyPath);
  note('the editor sees the comment', (await text(page)).includes(config.comment));
  await save('en').locator('input[name="title"]').fill(config.fixedTitle);
  await submit(page, save('en').locator('p.actions button[type="submit"]'));
  await submit(page, transition(page, 'en', 'submit').locator('button'));
  note('resubmitted', (await text(page)).includes(config.fixedTitle));

  // The reviewer approves and publishes both languages.
  await reviewer.goto(config.base + storyPath);
  for (const [lang] of config.texts) {
    await submit(reviewer, transition(reviewer, lang, 'approve').locator('button'));
    await submit(reviewer, transition(reviewer, lang, 'publish').locator('button[type="submit"]').first());
    note('published ' + lang, (await transition(reviewer, lang, 'unpublish').count()) === 1);
  }

  // The editor builds an edition with the story; the reviewer publishes it.
  await page.goto(config.base + '/desk/editions');
  const create = page.locator('form[action="/desk/editions"]');
  await create.locator('input[name="number"]').fill(String(config.edition.number));
  await create.locator('input[name="slug"]').fill(config.edition.slug);
  for (const box of await create.locator('input[name="required_locales"]').all()) await box.check();
  await submit(page, create.locator('button[type="submit"]'));
  const editionPath = new URL(page.url()).pathname;
  note('edition created ' + editionPath, /^\/desk\/editions\/\d+$/.test(editionPath));
  for (const [lang, title] of config.edition.titles) {
    const form = page.locator(`form[action="${editionPath}/texts/${lang}"]`);
    await form.locator('input[name="title"]').fill(title);
    await form.locator('textarea[name="foreword"]').fill(config.edition.foreword);
    await form.locator('input[name="signature_name"]').fill('Layla Haddad');
    await form.locator('input[name="signature_role"]').fill('Editor');
    await submit(page, form.locator('button[type="submit"]'));
  }
  await page.goto(config.base + editionPath + '?q=' + encodeURIComponent(config.slug));
  await submit(page, page.locator(`form[action="${editionPath}/stories/add"] button`).first());
  note('story added', (await text(page)).includes(config.fixedTitle));
  await reviewer.goto(config.base + editionPath);
  await submit(reviewer, reviewer.locator(`form[action="${editionPath}/publish"] button`));

  // Readers see it; the email preview shows it in Arabic.
  const reader = await browser.newPage();
  await reader.goto(`${config.base}/en/editions/${config.edition.slug}/`);
  const published = await reader.locator('main').innerText();
  note('edition published', published.includes(config.edition.titles[0][1]) && published.includes(config.fixedTitle));
  await reader.goto(config.base + '/en/');
  note('on the public page', (await reader.locator('main').innerText()).includes(config.fixedTitle));
  const admin = (await person('admin')).page;
  await admin.goto(config.base + editionPath + '/email/ar');
  const arabicTitle = config.texts.find(([l]) => l === 'ar')[1];
  note('in the Arabic email', (await admin.locator('body').innerText()).includes(arabicTitle));
  const mode = config.scripts === false ? 'noscript' : 'script';
  await admin.screenshot({ path: `${config.out}/chain-${mode}-email-ar.png`, fullPage: true });
  await page.goto(config.base + storyPath);
  await page.screenshot({ path: `${config.out}/chain-${mode}-story.png`, fullPage: true });
  return steps;
}

// Drags each story onto its target as a mouse would; the script posts the move form, and the
// page comes back with the story in its new place. Reports each page's story order by group.
async function drag() {
  const { page } = await person('editor');
  await page.setViewportSize({ width: 1280, height: 2400 });
  const seen = [];
  for (const [story, target] of config.moves) {
    await page.goto(config.base + config.path);
    const moved = page.waitForURL((url) => url.hash === '#stories');
    // By hand, in steps, with both ends on screen: a drag starts only once the mouse has moved
    // a little, and scrolling in the middle of one loses it.
    const from = await page.locator(`li[data-story="${story}"]`).boundingBox();
    const to = await page.locator(target).boundingBox();
    await page.mouse.move(from.x + 12, from.y + 12);
    await page.mouse.down();
    await page.mouse.move(from.x + 24, from.y + 24, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await moved;
    const groups = await page.evaluate(() => [...document.querySelectorAll('section[data-group]')].map((g) => ({
      key: g.getAttribute('data-group'),
      stories: [...g.querySelectorAll('li[data-story]')].map((li) => Number(li.getAttribute('data-story'))),
    })));
    seen.push({ story, target, flash: await page.locator('.flash').allInnerTexts(), groups });
  }
  await page.screenshot({ path: `${config.out}/drag-groups.png`, fullPage: true });
  return seen;
}

const commands = { screens, chain, drag };
const result = await commands[command]();
await browser.close();
console.log(JSON.stringify(result));
