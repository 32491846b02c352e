// `baophu serve` in a real browser: an open page follows a data edit by itself (no reload from
// the test), a broken edit keeps the last good page and shows the errors over it, and mending
// the file takes them away.
//
//   node serve.mjs <baophu-binary> [--port 8792]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './launch.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');

const args = process.argv.slice(2);
const bin = path.resolve(args[0] || '');
const port = Number(args[args.indexOf('--port') + 1] || 8792) || 8792;
if (!fs.existsSync(bin)) throw new Error(`usage: node serve.mjs <baophu-binary> [--port N]`);

// A copy of the example site to edit.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'baophu-serve-'));
for (const part of ['config.toml', 'data', 'content', 'themes']) {
  fs.cpSync(path.join(REPO, part), path.join(root, part), { recursive: true });
}
const figures = path.join(root, 'data/figures/2019.toml');
const edit = (from, to) => {
  const text = fs.readFileSync(figures, 'utf8');
  if (!text.includes(from)) throw new Error(`2019.toml has no ${from}`);
  fs.writeFileSync(figures, text.replace(from, to));
};

const server = spawn(bin, ['serve', '--lang', 'en', '--root', root, '--port', String(port)], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
server.stdout.on('data', (d) => { log += d; });
server.stderr.on('data', (d) => { log += d; });

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const base = `http://127.0.0.1:${port}/`;
async function up() {
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(base);
      if (r.ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`serve did not start:\n${log}`);
}

let browser;
try {
  browser = await launchChromium();
  await up();
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}vung/huong-hoa/`);
  const text = () => page.evaluate(() => document.body.innerText);
  check((await text()).includes('49.923'), 'the page shows the labour force 49.923');

  let start = Date.now();
  edit('actual = 49923', 'actual = 51234');
  await page.waitForFunction(() => document.body.innerText.includes('51.234'), null, { timeout: 30000 })
    .then(() => check(true, `the open page shows 51.234 by itself, ${Date.now() - start} ms after the save`))
    .catch(() => check(false, 'the open page shows the edited figure by itself'));

  start = Date.now();
  edit('actual = 51234', 'actual = 51.234.0');
  await page.waitForSelector('#baophu-errors', { state: 'visible', timeout: 30000 })
    .then(() => check(true, `a broken edit shows its errors over the page, ${Date.now() - start} ms after the save`))
    .catch(() => check(false, 'a broken edit shows its errors over the page'));
  const overlay = await page.locator('#baophu-errors').innerText().catch(() => '');
  check(/2019\.toml:\d+:\d+/.test(overlay), 'the errors name the file, line and column');
  check((await text()).includes('51.234'), 'the last good page is still shown under them');

  edit('actual = 51.234.0', 'actual = 52000');
  await page.waitForFunction(
    () => document.body.innerText.includes('52.000') && !document.querySelector('#baophu-errors'),
    null,
    { timeout: 30000 },
  )
    .then(() => check(true, 'mending the file takes the errors away and shows 52.000'))
    .catch(() => check(false, 'mending the file takes the errors away'));
  check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);
  check(/reloaded \/vung\/huong-hoa\/ \d+ ms after the save/.test(log), 'the terminal reports the time from save to reload');
} finally {
  await browser?.close();
  server.kill();
  fs.rmSync(root, { recursive: true, force: true });
}
const saved = log.match(/reloaded .* ms after the save/g) || [];
console.log(saved.map((l) => `  serve: ${l}`).join('\n'));
if (failures.length) {
  console.log(`\n${failures.length} serve checks failed\n${log}`);
  process.exit(1);
}
console.log('serve: all checks passed');
