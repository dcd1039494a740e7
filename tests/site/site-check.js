// Every page of a pobox site in Debian's headless Chromium, driven by playwright-core: the
// page loads without an error (a Content-Security-Policy violation is one), its shared
// stylesheet applies, it has one navigation landmark, one <main> and one <h1> with no heading
// level skipped; and by keyboard, the first Tab reaches a visible skip link, the next Tabs
// walk the site's brand link then the navigation in order with a visible focus outline, and
// Enter on the skip link moves focus to <main>.
//
// Usage: node site-check.js CHROMIUM SITE_DIR EXPECTED_NAV_LABELS_JSON
// Prints one JSON line per page with what it saw; exits 1 when a check fails.
'use strict';
const { chromium } = require('playwright-core');

async function main() {
  const [executablePath, dir, labelsJson] = process.argv.slice(2);
  const fs = require('fs');
  const path = require('path');
  const { pathToFileURL } = require('url');
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  if (pages.length === 0) throw new Error(`no page in ${dir}`);
  const expected = JSON.parse(labelsJson);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let failed = 0;
  try {
    const page = await browser.newPage();
    for (const name of pages) {
      const url = pathToFileURL(path.join(dir, name)).href;
      const r = await check(page, url, expected);
      r.page = name;
      console.log(JSON.stringify(r));
      if (r.failures.length) failed++;
    }
  } finally {
    await browser.close();
  }
  console.log(`${pages.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

async function check(page, url, expected) {
  const failures = [];
  const seen = {};
  {
    const errors = [];
    const onError = (e) => errors.push(String(e));
    const onConsole = (m) => { if (m.type() === 'error') errors.push(m.text()); };
    page.on('pageerror', onError);
    page.on('console', onConsole);
    await page.goto(url);
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(),
        text: (el.textContent || '').trim(),
        href: el.getAttribute('href'),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        visible: box.width > 0 && box.height > 0 && box.bottom > 0,
      };
    });
    await page.keyboard.press('Tab');
    seen.first = await focused();
    if (seen.first.href !== '#main' || !seen.first.visible) failures.push('the first Tab does not reach a visible skip link');
    const nav = [];
    for (let i = 0; i < expected.length + 1; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      nav.push(f.text);
      if (!f.outline) failures.push(`no visible focus outline on ${f.text}`);
    }
    seen.nav = nav;
    // The brand link (home) comes first, then the navigation.
    const navLinks = nav.slice(1);
    if (JSON.stringify(navLinks) !== JSON.stringify(expected)) failures.push('the Tabs after the skip link do not walk the navigation in order');
    // Back to the top: Enter on the skip link moves focus into <main>.
    await page.goto(url);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    seen.afterSkip = await page.evaluate(() => document.activeElement.id);
    if (seen.afterSkip !== 'main') failures.push('Enter on the skip link does not move focus to main');
    seen.landmarks = await page.evaluate(() => ({
      nav: document.querySelectorAll('nav[aria-label]').length,
      main: document.querySelectorAll('main').length,
      h1: document.querySelectorAll('h1').length,
      levels: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1])),
      stylesheetApplied: getComputedStyle(document.querySelector('.skip')).position === 'absolute',
    }));
    if (seen.landmarks.nav !== 1 || seen.landmarks.main !== 1 || seen.landmarks.h1 !== 1) failures.push('one nav, one main and one h1 expected');
    const levels = seen.landmarks.levels;
    for (let i = 1; i < levels.length; i++) {
      if (levels[i] > levels[i - 1] + 1) failures.push(`heading levels skip from h${levels[i - 1]} to h${levels[i]}`);
    }
    if (!seen.landmarks.stylesheetApplied) failures.push('the shared stylesheet is not applied');
    page.off('pageerror', onError);
    page.off('console', onConsole);
    seen.errors = errors;
    if (errors.length) failures.push('the page logged errors: ' + errors.join('; '));
  }
  seen.failures = failures;
  return seen;
}

main().catch((e) => { console.error(e); process.exit(2); });
