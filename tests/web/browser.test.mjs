// Browser checks in Debian's Chromium, driven by playwright-core:
//  - the built example site: axe-core (WCAG 2.1 A/AA) finds no violations,
//    pages work without JavaScript, fit 320 px, and follow dark mode;
//  - the preview: `sitrep serve` reloads an open page by itself when an
//    incident file changes, shows the error overlay for a broken file and
//    drops it when the file is fixed.
// Usage: node browser.test.mjs <sitrep-binary> <repo-root>
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [sitrep, repo] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let failures = 0;
const ok = (name) => console.log(`ok   ${name}`);
const fail = (name, detail) => { failures++; console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`); };
const check = (cond, name, detail) => (cond ? ok(name) : fail(name, detail));

const freePort = () => new Promise((resolve) => {
  const srv = createServer();
  srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
});

async function startServe(root, port) {
  const child = spawn(sitrep, ['serve', '--root', root, '--port', String(port), '--now', '2026-11-26T00:00:00Z'],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return { child, log: () => log }; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sitrep serve did not start: ${log}`);
}

const root = mkdtempSync(join(tmpdir(), 'sitrep-browser-'));
for (const dir of ['content', 'schemas', 'themes']) cpSync(join(repo, dir), join(root, dir), { recursive: true });
const port = await freePort();
const served = await startServe(root, port);
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

try {
  // 1. Accessibility with axe-core on the main page kinds.
  const pages = ['/', '/incidents/INC-2026-04-14-001/', '/history/', '/components/auth/',
                 '/maintenance/MNT-2026-12-05-network/', '/no-such-page'];
  const page = await browser.newPage();
  for (const path of pages) {
    await page.goto(base + path);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      // The preview's error overlay and reload script are not part of the site.
      return await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    });
    const v = result.violations.map((x) => `${x.id} (${x.nodes.length}): ${x.nodes[0]?.target}`);
    check(v.length === 0, `axe WCAG 2.1 AA: ${path}`, v.join('; '));
  }

  // 2. Without JavaScript the page is complete.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await noJs.newPage();
  await p2.goto(base + '/');
  const banner = await p2.textContent('#overall-status');
  check(/Operational|Outage|Maintenance/.test(banner || ''), 'front page works without JavaScript', banner);
  const components = await p2.locator('.component').count();
  check(components >= 5, 'components listed without JavaScript', String(components));
  await noJs.close();

  // 3. Usable at 320 px: nothing wider than the viewport.
  const narrow = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const p3 = await narrow.newPage();
  for (const path of ['/', '/incidents/INC-2026-04-14-001/', '/history/']) {
    await p3.goto(base + path);
    const width = await p3.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 320, `no horizontal scrolling at 320 px: ${path}`, `scrollWidth ${width}`);
  }
  await narrow.close();

  // 4. Light and dark follow the reader's preference.
  const colours = {};
  for (const scheme of ['light', 'dark']) {
    const ctx = await browser.newContext({ colorScheme: scheme });
    const p = await ctx.newPage();
    await p.goto(base + '/');
    colours[scheme] = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await p.addScriptTag({ content: axeSource });
    const contrast = await p.evaluate(async () =>
      (await window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } })).violations.length);
    check(contrast === 0, `colour contrast (AA) in ${scheme} mode`);
    await ctx.close();
  }
  check(colours.light !== colours.dark, 'dark mode follows prefers-color-scheme', JSON.stringify(colours));

  // 5. Live reload: an open page updates by itself, shows and drops the overlay.
  const file = join(root, 'content/incidents/2026/2026-04-14-auth-cache-ttl.toml');
  const original = readFileSync(file, 'utf8');
  const live = await browser.newPage();
  await live.goto(base + '/incidents/INC-2026-04-14-001/');
  writeFileSync(file, original.replace('title = "', 'title = "Live reload works: '));
  try {
    await live.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Live reload works'), null, { timeout: 10000 });
    ok('open page reloads itself after an edit');
  } catch { fail('open page reloads itself after an edit'); }
  writeFileSync(file, original + '\nnot = [valid\n');
  try {
    await live.waitForSelector('#sitrep-errors', { timeout: 10000 });
    const text = await live.textContent('#sitrep-errors');
    check(text.includes('2026-04-14-auth-cache-ttl.toml') && /:\d+:\d+: error:/.test(text),
          'broken file shows the error overlay with file:line:col', text.slice(0, 200));
  } catch { fail('broken file shows the error overlay'); }
  writeFileSync(file, original);
  try {
    await live.waitForFunction(() => !document.querySelector('#sitrep-errors'), null, { timeout: 10000 });
    ok('fixing the file removes the overlay');
  } catch { fail('fixing the file removes the overlay'); }
} catch (e) {
  fail('browser run', e.stack);
} finally {
  await browser.close();
  served.child.kill('SIGINT');
  rmSync(root, { recursive: true, force: true });
}
console.log(`${failures} failure(s)`);
process.exit(failures ? 1 : 0);
