// Real-browser checks of a built baophu site, in Debian's headless Chromium via playwright-core.
//
//   node run.mjs <site-dir> [--port 8791] [--prefix /bao-phu/] [--only TEXT] [--no-screenshots]
//
// The site must have been built for http://127.0.0.1:<port><prefix>, e.g.
//   cargo run --release -- build --output target/browser-site --base-url http://127.0.0.1:8791/bao-phu/
//
// Every HTML page found in the build folder (each index.html, and 404.html) is loaded and must
// have: no console errors or uncaught exceptions, no failed requests or responses >= 400 (but
// the 404 page's own status), no request leaving 127.0.0.1:<port> (blocked and reported), zero
// axe-core violations (WCAG 2.1 A/AA and best practices), a working language switch
// (nav.lang a[hreflang] and link rel=alternate to a page in that language) and no broken links
// within the site, and, in a map whose provinces are links, every
// province drawn with a value linked. Each page is loaded a second time on a 360 px phone
// (a mobile viewport): there too no failed request, and the page never scrolls sideways. On both
// loads the layout shift (PerformanceObserver) stays under MAX_LAYOUT_SHIFT. Pages with MAX_DOM
// elements or more are listed as warnings. Then: live search, the language switch clicked both ways, and full-page
// screenshots at 360 and 1280 px into screenshots/. Exits 1 if anything failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { CHROMIUM, launchChromium } from './launch.mjs';
import { serve } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const LANGS = ['vi', 'en'];
// The English site lives under this folder of the Vietnamese one.
const LANG_FOLDER = { vi: '', en: 'en/' };
const SHOT_PAGES = [
  ['', 'home'],
  ['vung/huong-hoa/', 'vung-huong-hoa'],
  ['ke-hoach/huong-hoa-2020/', 'ke-hoach-huong-hoa-2020'],
];
const SHOT_WIDTHS = [[360, 780], [1280, 900]];
const MISSING_PATH = 'khong-co-trang-nay-404/';

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = { site: null, port: 8791, prefix: '/bao-phu/', only: null, screenshots: true, perKind: 60 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') opts.port = Number(argv[++i]);
    else if (a === '--prefix') opts.prefix = argv[++i];
    else if (a === '--only') opts.only = argv[++i];
    else if (a === '--no-screenshots') opts.screenshots = false;
    else if (a === '--per-kind') opts.perKind = Number(argv[++i]);
    else if (a === '-h' || a === '--help') {
      console.log('usage: node run.mjs <site-dir> [--port 8791] [--prefix /bao-phu/] [--only TEXT] [--no-screenshots] [--per-kind 60 (0: every page)]');
      process.exit(0);
    } else if (!opts.site && !a.startsWith('--')) opts.site = a;
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!opts.site) throw new Error('usage: node run.mjs <site-dir> [--port N] [--prefix /p/]');
  if (!opts.prefix.startsWith('/')) opts.prefix = '/' + opts.prefix;
  if (!opts.prefix.endsWith('/')) opts.prefix += '/';
  return opts;
}

// ---------------------------------------------------------------- the pages

/** Every index.html and 404.html under `root`, as paths relative to it with "/" separators. */
function findPages(root) {
  const found = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && (e.name === 'index.html' || e.name === '404.html')) {
        found.push(path.relative(root, p).split(path.sep).join('/'));
      }
    }
  })(root);
  return found.sort();
}

/** The pages the checks always include, whatever the sample: those the scripted checks use. */
const ALWAYS = ['vung/vn/', 'vung/huong-hoa/', 'vung/quang-tri/', 'vung/hai-duong/', 'vung/son-la/'];

/**
 * The pages to check: every page of a kind (the folder under the language: vung, chi-tieu,
 * ke-hoach…) when the kind has at most `perKind` pages in a language, else `perKind` of them
 * evenly spaced in name order, plus ALWAYS. The same site gives the same sample. Returns the
 * files and one line per sampled kind, for the output.
 */
function sample(files, perKind) {
  if (!perKind) return { files, notes: [] };
  const groups = new Map();
  for (const f of files) {
    const rest = f.startsWith('en/') ? f.slice(3) : f;
    const kind = `${f.startsWith('en/') ? 'en/' : ''}${rest.includes('/') ? rest.split('/')[0] : '(top)'}`;
    if (!groups.has(kind)) groups.set(kind, []);
    groups.get(kind).push(f);
  }
  const keep = new Set();
  const notes = [];
  for (const [kind, list] of groups) {
    if (list.length <= perKind) {
      list.forEach((f) => keep.add(f));
      continue;
    }
    const step = list.length / perKind;
    for (let i = 0; i < perKind; i++) keep.add(list[Math.floor(i * step)]);
    for (const f of list) {
      const rest = f.startsWith('en/') ? f.slice(3) : f;
      if (ALWAYS.some((a) => rest === a + 'index.html')) keep.add(f);
    }
    notes.push(`${kind}/: ${list.filter((f) => keep.has(f)).length} of ${list.length} pages checked (every ${step.toFixed(1)}th in name order, and ${ALWAYS.join(', ')})`);
  }
  return { files: files.filter((f) => keep.has(f)), notes };
}

/** What to load for a file: its URL and the status the server must answer with. */
function pageFor(rel, base) {
  return { file: rel, ...pageAt(rel, base) };
}
function pageAt(rel, base) {
  if (rel === '404.html') {
    // The site's 404 page as a visitor meets it: at an address that does not exist.
    return { label: '404.html (at a missing address)', url: base + MISSING_PATH, status: 404 };
  }
  if (rel.endsWith('404.html')) return { label: rel, url: base + rel, status: 200 };
  const dir = rel.slice(0, -'index.html'.length);
  return { label: dir || '/', url: base + dir, status: 200 };
}

// ---------------------------------------------------------------- HTTP look-ups (cached)

const httpCache = new Map();
/** Status (no redirects followed) and, for HTML, the <html lang> of a URL on our server. */
function httpInfo(url) {
  const key = url.split('#')[0];
  if (!httpCache.has(key)) {
    httpCache.set(key, (async () => {
      try {
        const r = await fetch(key, { redirect: 'manual' });
        let lang = null;
        if ((r.headers.get('content-type') || '').startsWith('text/html')) {
          const m = /<html\b[^>]*\blang\s*=\s*["']?([^"'\s>]+)/i.exec(await r.text());
          lang = m ? m[1] : '';
        } else {
          await r.arrayBuffer();
        }
        return { status: r.status, lang, location: r.headers.get('location') };
      } catch (e) {
        return { status: 0, lang: null, error: String(e) };
      }
    })());
  }
  return httpCache.get(key);
}

// ---------------------------------------------------------------- the browser page and what it sees

class Watch {
  constructor(origin) {
    this.origin = origin;
    this.gen = 0;
    this.born = new WeakMap(); // request → the check (generation) it started in
    this.reset(null);
  }
  reset(url) {
    this.gen += 1;
    this.url = url;
    this.console = [];
    this.pageErrors = [];
    this.failed = [];
    this.bad = [];
    this.external = [];
    this.inflight = new Set();
  }
  attach(page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.console.push({ text: msg.text(), url: msg.location()?.url || '' });
    });
    page.on('pageerror', (err) => this.pageErrors.push(err.stack || String(err)));
    page.on('request', (req) => { this.inflight.add(req); this.born.set(req, this.gen); });
    page.on('requestfinished', (req) => this.inflight.delete(req));
    page.on('requestfailed', (req) => {
      this.inflight.delete(req);
      if (this.external.includes(req.url())) return; // blocked by us, reported as leaving the site
      // A load of an earlier page, cut short when the browser moved on: not this page's fault.
      if (this.born.get(req) !== this.gen && /ERR_ABORTED/.test(req.failure()?.errorText || '')) return;
      this.failed.push(`${req.failure()?.errorText || 'failed'} ${req.method()} ${req.url()}`);
    });
    page.on('response', (resp) => {
      if (resp.status() >= 400) this.bad.push({ status: resp.status(), url: resp.url(), nav: resp.request().isNavigationRequest() });
    });
    page.on('websocket', (ws) => {
      if (new URL(ws.url()).host !== new URL(this.origin).host) this.external.push(ws.url());
    });
  }
  /** Waits until no request of the page is in flight for a short while (at most `max` ms). */
  async settle(page, max = 5000) {
    const end = Date.now() + max;
    let quietSince = Date.now();
    while (Date.now() < end) {
      if (this.inflight.size) quietSince = Date.now();
      else if (Date.now() - quietSince >= 60) return;
      await page.waitForTimeout(20);
    }
  }
  /** The failures seen since reset; the navigation to `url` may answer `expectStatus`. */
  failures(expectStatus = 200) {
    const out = [];
    const badUrls = new Set();
    for (const b of this.bad) {
      badUrls.add(b.url);
      if (b.nav && b.url === this.url && b.status === expectStatus) continue;
      out.push(`HTTP ${b.status} for ${b.url}`);
    }
    for (const f of this.failed) out.push(`request failed: ${f}`);
    for (const u of this.external) out.push(`request leaving the site (blocked): ${u}`);
    for (const c of this.console) {
      // Chromium logs every failed load as a console error too; those are reported above.
      if (/^Failed to load resource/.test(c.text) && (badUrls.has(c.url) || this.external.includes(c.url)
        || this.failed.some((f) => f.endsWith(' ' + c.url)))) continue;
      out.push(`console error: ${c.text}${c.url ? ` (${c.url})` : ''}`);
    }
    for (const e of this.pageErrors) out.push(`uncaught exception: ${e.split('\n').slice(0, 3).join(' | ')}`);
    return out;
  }
}

/** Layout shift summed as a visitor meets it (CLS without its session windows): measured in the
 * page by a PerformanceObserver, which works in this Chromium where Lighthouse's audit crashes. */
const MAX_LAYOUT_SHIFT = 0.01;
/** Past this many elements a phone's layout and style work grows slow (Lighthouse's limit). */
const MAX_DOM = 1000;
const PHONE = { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** On the loaded page: element count, sideways overflow and what overflows, map links. */
async function pageShape(page) {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const over = (e) => e.getBoundingClientRect().right > w + 1;
    const wide = document.documentElement.scrollWidth - w;
    const culprits = wide > 0
      ? [...document.querySelectorAll('body *')]
        .filter((e) => over(e) && !(e.parentElement && over(e.parentElement)))
        .slice(0, 3).map((e) => `<${e.tagName.toLowerCase()}${e.getAttribute('class') ? ` class="${e.getAttribute('class')}"` : ''}> ${Math.round(e.getBoundingClientRect().width)}px`)
      : [];
    // A province with a value has a <title> and a colour fill; one without has the hatch
    // (fill="url(#…)"). In a map of links (not role="img"), each with a value is inside an <a>.
    const unlinked = [];
    const mapLinks = [];
    for (const svg of document.querySelectorAll('svg.map')) {
      if (svg.getAttribute('role') === 'img') continue;
      for (const path of svg.querySelectorAll('path')) {
        const a = path.closest('a');
        const title = a ? a.querySelector('title') : path.querySelector('title');
        if (!title) continue;
        const fill = path.getAttribute('fill') || '';
        if (a) mapLinks.push(a.href.baseVal !== undefined ? new URL(a.href.baseVal, location.href).href : a.href);
        else if (!fill.startsWith('url(')) unlinked.push(title.textContent.trim());
      }
    }
    return { elements: document.getElementsByTagName('*').length, wide, culprits, unlinked, mapLinks };
  });
}
function watchLayoutShift() {
  window.__layoutShift = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__layoutShift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (e) { window.__layoutShift = -1; }
}

async function newPage(context, watch) {
  const page = await context.newPage();
  await page.addInitScript(watchLayoutShift);
  page.setDefaultTimeout(15000);
  page.setDefaultNavigationTimeout(20000);
  watch.attach(page);
  const host = new URL(watch.origin).host;
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.host === host) return route.continue();
    if (u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    watch.external.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return page;
}

async function runAxe(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  // A Content-Security-Policy may refuse the inline script: then inject it another way.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      count: v.nodes.length,
      target: v.nodes[0] ? v.nodes[0].target.join(' ') : '',
      html: v.nodes[0] ? v.nodes[0].html.slice(0, 200) : '',
      summary: v.nodes[0] ? (v.nodes[0].failureSummary || '').replace(/\s*\n\s*/g, ' ') : '',
    }));
  }, AXE_TAGS);
}

function formatViolation(v) {
  return `axe ${v.id} (${v.impact}, ${v.count} element${v.count === 1 ? '' : 's'}): ${v.help}\n`
    + `      first: ${v.target}  ${v.html}\n`
    + `      ${v.summary}\n`
    + `      ${v.helpUrl}`;
}

/** Language switch, alternates and links within the site, as found on the loaded page. */
async function checkLinks(page, base, origin, is404) {
  const out = [];
  const info = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang') || '',
    embed: !!document.body && document.body.classList.contains('embed'),
    switches: [...document.querySelectorAll('nav.lang a[hreflang]')]
      .map((a) => ({ hreflang: a.getAttribute('hreflang'), href: a.href })),
    alternates: [...document.querySelectorAll('link[rel~="alternate"][hreflang]')]
      .map((l) => ({ hreflang: l.getAttribute('hreflang'), href: l.href })),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
    self: location.href.split('#')[0],
  }));
  if (!LANGS.includes(info.lang)) out.push(`<html lang="${info.lang}"> is not one of ${LANGS.join(', ')}`);

  const others = info.switches.filter((s) => s.hreflang !== info.lang);
  if (!info.embed && !others.length) {
    out.push(`language switch missing: no <nav class="lang"> link with hreflang other than "${info.lang}"`);
  }
  async function target(kind, s) {
    if (new URL(s.href).origin !== origin) return out.push(`${kind} hreflang="${s.hreflang}" points off the site: ${s.href}`);
    const r = await httpInfo(s.href);
    if (r.status !== 200) return out.push(`${kind} hreflang="${s.hreflang}" target answers ${r.status || r.error}: ${s.href}`);
    if (s.hreflang !== 'x-default' && r.lang !== s.hreflang) {
      out.push(`${kind} hreflang="${s.hreflang}" target has <html lang="${r.lang}">: ${s.href}`);
    }
  }
  for (const s of info.switches) await target('language switch', s);
  for (const s of info.alternates) await target('<link rel="alternate">', s);
  // A 404 page has no address of its own, so no canonical or alternate links.
  for (const s of is404 ? [] : others) {
    const strip = (u) => u.split('#')[0];
    if (!info.alternates.some((a) => a.hreflang === s.hreflang && strip(a.href) === strip(s.href))) {
      out.push(`no <link rel="alternate" hreflang="${s.hreflang}" href="${strip(s.href)}"> in the head`);
    }
  }

  const seen = new Set();
  for (const href of info.links) {
    const u = new URL(href);
    if (u.origin !== origin) continue;
    u.hash = '';
    if (seen.has(u.href) || u.href === info.self) continue;
    seen.add(u.href);
    if (!u.href.startsWith(base)) { out.push(`link outside the site's base ${base}: ${u.href}`); continue; }
    const r = await httpInfo(u.href);
    if (r.status !== 200) out.push(`broken link (${r.status || r.error}${r.location ? ' → ' + r.location : ''}): ${u.href}`);
  }
  return out;
}

// ---------------------------------------------------------------- the interactive checks

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

async function searchCheck(page, watch, { url, query, text, href, fill }) {
  const out = [];
  watch.reset(url);
  const resp = await page.goto(url, { waitUntil: 'load' });
  if (!resp || resp.status() !== 200) return [`search page ${url} answers ${resp ? resp.status() : 'nothing'}`];
  if (fill) {
    if (!(await page.locator('input#q[type="search"]').count())) return [`no <input type="search" id="q"> on ${url}`];
    await page.fill('#q', query);
  }
  try {
    await page.waitForFunction(({ text, href }) => {
      const f = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
      const links = [...document.querySelectorAll('#search-results a')];
      const visible = links.filter((a) => a.checkVisibility());
      const hit = visible.some((a) => f(a.textContent).includes(f(text)) && a.href.split('#')[0] === href);
      // The hit must be found by filtering: some other results are hidden.
      return hit && visible.length < links.length;
    }, { text, href }, { timeout: 5000 });
    if (!fill) {
      const value = await page.inputValue('#q').catch(() => null);
      if (value !== query) out.push(`?q=${query}: the search box shows ${JSON.stringify(value)}`);
    }
  } catch (e) {
    const state = await page.evaluate(() => {
      const links = [...document.querySelectorAll('#search-results a')];
      const visible = links.filter((a) => a.checkVisibility());
      return {
        q: document.getElementById('q') ? document.getElementById('q').value : null,
        total: links.length,
        visible: visible.length,
        first: visible.slice(0, 5).map((a) => `${a.textContent.trim()} <${a.getAttribute('href')}>`),
      };
    }).catch(() => null);
    out.push(`"${query}" did not show a visible link "${text}" to ${href} while hiding others`
      + (state ? ` (box: ${JSON.stringify(state.q)}, ${state.visible} of ${state.total} links visible: ${state.first.join('; ')})` : ''));
  }
  await watch.settle(page);
  out.push(...watch.failures(200));
  return out;
}

/** When the build has a sitemap.xml: each address in it is on the site and answers 200. */
async function sitemapCheck(root, base) {
  const text = fs.readFileSync(path.join(root, 'sitemap.xml'), 'utf8');
  const locs = [...text.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  if (!locs.length) return ['sitemap.xml lists no <loc>'];
  const out = [];
  for (const loc of locs) {
    if (!loc.startsWith(base)) { out.push(`sitemap.xml lists an address outside ${base}: ${loc}`); continue; }
    const r = await httpInfo(loc);
    if (r.status !== 200) out.push(`sitemap.xml lists ${loc}, which answers ${r.status || r.error}`);
  }
  return out;
}

async function langSwitchCheck(page, watch, base, rel) {
  const out = [];
  const vi = base + LANG_FOLDER.vi + rel;
  const en = base + LANG_FOLDER.en + rel;
  watch.reset(vi);
  const resp = await page.goto(vi, { waitUntil: 'load' });
  if (!resp || resp.status() !== 200) return [`${vi} answers ${resp ? resp.status() : 'nothing'}`];
  const steps = [['en', en], ['vi', vi]];
  for (const [lang, want] of steps) {
    const link = page.locator(`nav.lang a[hreflang="${lang}"]`);
    if (!(await link.count())) { out.push(`no nav.lang a[hreflang="${lang}"] on ${page.url()}`); break; }
    const from = page.url();
    await watch.settle(page); // leave no load of this page to be cut short by the click
    await link.first().click({ timeout: 5000 });
    try {
      await page.waitForURL(want, { timeout: 5000, waitUntil: 'load' });
    } catch {
      out.push(`switch to "${lang}" from ${from} went to ${page.url()}, not ${want}`);
      break;
    }
    const status = (await httpInfo(want)).status;
    if (status !== 200) { out.push(`switch to "${lang}" from ${from} leads to ${want}, which answers ${status}`); break; }
    const got = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    if (got !== lang) out.push(`${want} has <html lang="${got}">, not "${lang}"`);
  }
  await watch.settle(page);
  if (!out.length) out.push(...watch.failures(200));
  return out;
}

async function screenshots(page, watch, base, dir, warnings) {
  const failures = [];
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.png')) fs.rmSync(path.join(dir, f));
  const saved = [];
  for (const [width, height] of SHOT_WIDTHS) {
    await page.setViewportSize({ width, height });
    for (const lang of LANGS) {
      for (const [rel, slug] of SHOT_PAGES) {
        const url = base + LANG_FOLDER[lang] + rel;
        const resp = await page.goto(url, { waitUntil: 'load' });
        if (!resp || resp.status() !== 200) {
          failures.push(`screenshot ${lang} ${slug} ${width}px: ${url} answers ${resp ? resp.status() : 'nothing'}`);
          continue;
        }
        const wide = await page.evaluate(() => {
          const w = window.innerWidth;
          const over = (e) => e.getBoundingClientRect().right > w + 1;
          const culprits = [...document.querySelectorAll('body *')]
            .filter((e) => over(e) && !(e.parentElement && over(e.parentElement)))
            .slice(0, 3).map((e) => `<${e.tagName.toLowerCase()}${e.className ? ` class="${e.className}"` : ''}> ${Math.round(e.getBoundingClientRect().width)}px`);
          return { by: document.documentElement.scrollWidth - w, culprits };
        });
        if (wide.by > 0) warnings.push(`${url} at ${width}px: the page scrolls sideways by ${wide.by}px (widest: ${wide.culprits.join(', ')})`);
        const file = path.join(dir, `${lang}-${slug}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        saved.push(path.relative(process.cwd(), file));
      }
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return { failures, saved };
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const root = path.resolve(opts.site);
  if (!fs.existsSync(path.join(root, 'index.html'))) throw new Error(`no index.html in ${root}: build the site first`);

  const srv = await serve({ root, prefix: opts.prefix, port: opts.port });
  const { origin, base } = srv;
  const home = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  if (!home.includes(base)) {
    await srv.close();
    throw new Error(`${root}/index.html never mentions ${base}: build it with --base-url ${base}`);
  }

  let files = findPages(root);
  const all = files.length;
  if (opts.only) files = files.filter((f) => f.includes(opts.only));
  const sampled = sample(files, opts.only ? 0 : opts.perKind);
  files = sampled.files;
  const pages = files.map((f) => pageFor(f, base));
  const enCount = files.filter((f) => f.startsWith('en/')).length;
  console.log(`serving ${root} at ${base}`);
  console.log(`${pages.length} of the site's ${all} pages (${enCount} under en/), Chromium ${CHROMIUM}, axe-core ${require('axe-core/package.json').version}`);
  for (const n of sampled.notes) console.log(`sampled: ${n}`);

  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', locale: 'vi-VN' });
  const watch = new Watch(origin);
  let page = await newPage(context, watch);
  const phoneContext = await browser.newContext({ ...PHONE, serviceWorkers: 'block', locale: 'vi-VN' });
  let phone = await newPage(phoneContext, watch);

  const results = []; // { name, failures: [] }
  const warnings = []; // reported, but do not fail the run
  const record = (name, failures) => {
    results.push({ name, failures });
    console.log(`${failures.length ? 'FAIL' : 'ok  '} ${name}${failures.length ? ` (${failures.length})` : ''}`);
  };

  for (const p of pages) {
    const failures = [];
    try {
      if (page.isClosed()) page = await newPage(context, watch);
      watch.reset(p.url);
      const resp = await page.goto(p.url, { waitUntil: 'load' });
      if (!resp) failures.push('no response');
      else if (resp.status() !== p.status) failures.push(`status ${resp.status()}, expected ${p.status}`);
      await watch.settle(page);
      failures.push(...(await checkLinks(page, base, origin, p.file.endsWith('404.html'))));
      failures.push(...watch.failures(p.status));
      const shift = await page.evaluate(() => window.__layoutShift);
      if (shift > MAX_LAYOUT_SHIFT) failures.push(`layout shift ${shift.toFixed(3)} (at most ${MAX_LAYOUT_SHIFT})`);
      const shape = await pageShape(page);
      // Reported, not yet failing: issue 16 asks for fewer than MAX_DOM on every page, and the
      // region pages of the example site are still over it (its note has the figures).
      if (shape.elements >= MAX_DOM) warnings.push(`${p.label}: ${shape.elements} DOM elements (want fewer than ${MAX_DOM})`);
      if (shape.wide > 0) failures.push(`scrolls sideways by ${shape.wide}px at 1280 px (widest: ${shape.culprits.join(', ')})`);
      if (shape.unlinked.length) failures.push(`map: ${shape.unlinked.length} province(s) with a value not linked: ${shape.unlinked.slice(0, 3).join('; ')}`);
      for (const href of [...new Set(shape.mapLinks)]) {
        const r = await httpInfo(href);
        if (r.status !== 200) failures.push(`map link answers ${r.status || r.error}: ${href}`);
      }
      failures.push(...(await runAxe(page)).map(formatViolation));
      // The same page on a phone, loaded afresh: what a citizen meets first.
      if (phone.isClosed()) phone = await newPage(phoneContext, watch);
      watch.reset(p.url);
      const presp = await phone.goto(p.url, { waitUntil: 'load' });
      if (!presp || presp.status() !== p.status) failures.push(`360 px: status ${presp ? presp.status() : 'none'}`);
      await watch.settle(phone);
      failures.push(...watch.failures(p.status).map((f) => `360 px: ${f}`));
      const pshift = await phone.evaluate(() => window.__layoutShift);
      if (pshift > MAX_LAYOUT_SHIFT) failures.push(`360 px: layout shift ${pshift.toFixed(3)} (at most ${MAX_LAYOUT_SHIFT})`);
      const pshape = await pageShape(phone);
      if (pshape.wide > 0) failures.push(`360 px: scrolls sideways by ${pshape.wide}px (widest: ${pshape.culprits.join(', ')})`);
    } catch (e) {
      failures.push(`could not check: ${String(e.message || e).split('\n')[0]}`);
    }
    record(`page ${p.label}`, failures);
  }

  const checks = [];
  if (!opts.only) {
    const s = (lang, rel) => base + LANG_FOLDER[lang] + rel;
    for (const [q, text, rel] of [['huong hoa', 'Hướng Hóa', 'vung/huong-hoa/'], ['quang tri', 'Quảng Trị', 'vung/quang-tri/'], ['hai duong', 'Hải Dương', 'vung/hai-duong/']]) {
      checks.push([`search: typing "${q}" finds ${text}`, () => searchCheck(page, watch, { url: s('vi', 'tim-kiem/'), query: q, text, href: s('vi', rel), fill: true })]);
    }
    checks.push(['search: tim-kiem/?q=huong%20hoa finds Hướng Hóa', () => searchCheck(page, watch, { url: s('vi', 'tim-kiem/?q=huong%20hoa'), query: 'huong hoa', text: 'Hướng Hóa', href: s('vi', 'vung/huong-hoa/'), fill: false })]);
    checks.push(['search (en): typing "huong hoa" finds Huong Hoa', () => searchCheck(page, watch, { url: s('en', 'tim-kiem/'), query: 'huong hoa', text: 'Huong Hoa', href: s('en', 'vung/huong-hoa/'), fill: true })]);
    if (fs.existsSync(path.join(root, 'sitemap.xml'))) {
      checks.push(['sitemap.xml: every address answers 200', () => sitemapCheck(root, base)]);
    }
    for (const [rel, slug] of SHOT_PAGES) {
      checks.push([`language switch: ${slug} vi → en → vi`, () => langSwitchCheck(page, watch, base, rel)]);
    }
    if (opts.screenshots) {
      checks.push(['screenshots 360/1280 px', async () => {
        const r = await screenshots(page, watch, base, path.join(HERE, 'screenshots'), warnings);
        console.log(`     saved ${r.saved.length} screenshots to ${path.relative(process.cwd(), path.join(HERE, 'screenshots'))}/`);
        return r.failures;
      }]);
    }
  }
  for (const [name, fn] of checks) {
    let failures;
    try {
      if (page.isClosed()) page = await newPage(context, watch);
      failures = await fn();
    } catch (e) {
      failures = [`could not check: ${String(e.message || e).split('\n')[0]}`];
    }
    record(name, failures);
  }

  await browser.close();
  await srv.close();

  const failed = results.filter((r) => r.failures.length);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log('');
  const pagesFailed = results.filter((r) => r.name.startsWith('page ') && r.failures.length).length;
  console.log(`==== browser checks: ${pages.length} of ${all} pages checked${sampled.notes.length ? ' (a sample of the larger page kinds, named above)' : ''} (${pagesFailed} with failures), `
    + `${checks.length} interactive checks (${failed.length - pagesFailed} failed), ${secs}s`);
  if (failed.length) {
    console.log(`==== failures by page/check (${failed.length}):`);
    for (const r of failed) {
      console.log(`\n${r.name}`);
      for (const f of r.failures) console.log(`  - ${f}`);
    }
    // The same failure on many pages: a count, so the common causes stand out.
    const kinds = new Map();
    for (const r of failed) for (const f of r.failures) {
      const k = f.split('\n')[0].replace(/https?:\/\/\S+/g, '<url>').replace(/\(\d+ elements?\)/, '').slice(0, 110);
      kinds.set(k, (kinds.get(k) || 0) + 1);
    }
    console.log('\n==== most common failures:');
    for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${String(n).padStart(4)} × ${k}`);
  }
  if (warnings.length) {
    console.log(`\n==== warnings (${warnings.length}; these do not fail the run):`);
    for (const w of warnings) console.log(`  - ${w}`);
  }
  console.log('');
  console.log(`browser: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e) => {
  console.error(`browser checks could not run: ${e.stack || e}`);
  process.exitCode = 2;
});
