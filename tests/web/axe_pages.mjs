// axe-core over every page of built trees, in Debian's Chromium through
// playwright-core: WCAG 2.0/2.1 A and AA plus axe's best-practice rules, no
// violation allowed; colour contrast is checked again in dark mode.
// Each tree is served over HTTP at "/" by a small static server, so pages
// load their CSS the way a host serves them (404.html links from the root).
// One browser for every page; pages are loaded two at a time. A page whose
// bytes and stylesheets equal a page already checked (the same settled
// incident in two builds of one site) gets the same result and is skipped.
// Usage: node axe_pages.mjs TREE_DIR...
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, relative } from 'node:path';

const trees = process.argv.slice(2);
if (!trees.length) {
  console.error('usage: node axe_pages.mjs TREE_DIR...');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.js': 'text/javascript', '.atom': 'application/atom+xml',
  '.rss': 'application/rss+xml', '.ics': 'text/calendar', '.csv': 'text/csv; charset=utf-8',
};

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

// Folder URLs get index.html; anything missing gets the tree's 404.html, as a host would.
function serve(root) {
  const server = createServer((req, res) => {
    let path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(root)) { res.writeHead(403).end(); return; }
    let status = 200;
    try { if (statSync(path).isDirectory()) path = join(path, 'index.html'); statSync(path); } catch {
      status = 404; path = join(root, '404.html');
    }
    try {
      const body = readFileSync(path);
      res.writeHead(status, { 'content-type': types[extname(path)] || 'application/octet-stream' }).end(body);
    } catch { res.writeHead(404).end(); }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function check(page, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || response.status() !== 200) return [`HTTP ${response?.status()}`];
  // Every stylesheet must load: a page without its CSS is checked for
  // contrast against the browser's defaults, which proves nothing.
  const unstyled = await page.evaluate(() => [...document.styleSheets].filter((s) => {
    try { return s.cssRules.length === 0; } catch { return true; }
  }).map((s) => s.href));
  const problems = unstyled.map((href) => `stylesheet did not load: ${href}`);
  await page.addScriptTag({ content: axeSource });
  const run = (options) => page.evaluate(async (o) => {
    const r = await window.axe.run(document, o);
    return r.violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') + (v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ''));
  }, options);
  problems.push(...await run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }));
  await page.emulateMedia({ colorScheme: 'dark' });
  problems.push(...(await run({ runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] }))
    .map((p) => `dark mode: ${p}`));
  await page.emulateMedia({ colorScheme: 'light' });
  return problems;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-extensions'],
});
let pages = 0, failed = 0, same = 0;
const seen = new Set();
const hash = (...parts) => { const h = createHash('sha256'); for (const p of parts) h.update(p); return h.digest('hex'); };
const styles = (tree) => hash('', ...readdirSync(tree).sort().filter((n) => n.endsWith('.css'))
  .map((n) => readFileSync(join(tree, n))));
try {
  const context = await browser.newContext({ colorScheme: 'light' });
  // Nothing leaves the machine: a page that reaches another origin fails.
  const tabs = [];
  for (let i = 0; i < 2; i++) {
    const tab = { page: await context.newPage(), offsite: [] };
    await tab.page.route((url) => !/^http:\/\/127\.0\.0\.1:\d+\//.test(url.href), (route) => {
      tab.offsite.push(route.request().url());
      route.abort();
    });
    tabs.push(tab);
  }
  for (const tree of trees) {
    const server = await serve(tree);
    const base = `http://127.0.0.1:${server.address().port}/`;
    const css = styles(tree);
    const files = htmlFiles(tree).filter((file) => {
      const key = hash(css, relative(tree, file), readFileSync(file));
      if (seen.has(key)) { same++; return false; }
      seen.add(key);
      return true;
    });
    let next = 0;
    await Promise.all(tabs.map(async (tab) => {
      while (next < files.length) {
        const file = files[next++];
        const url = base + relative(tree, file).split('/').map(encodeURIComponent).join('/');
        tab.offsite.length = 0;
        let problems;
        try { problems = await check(tab.page, url); } catch (e) { problems = [String(e).split('\n')[0]]; }
        problems.push(...tab.offsite.map((u) => `loads another origin: ${u}`));
        pages++;
        if (problems.length) {
          failed++;
          console.log(`FAIL ${file}`);
          for (const p of problems) console.log(`  ${p}`);
        }
      }
    }));
    server.close();
  }
} finally {
  await browser.close();
}
console.log(`axe-core (${tags.join(', ')}; contrast also in dark mode): ${pages} pages, ${failed} with violations` +
            (same ? ` (${same} more identical to a page checked)` : ''));
process.exit(failed || pages === 0 ? 1 : 0);
