// Real Statuspage v2 clients read the api/v2 that `sitrep serve` publishes:
//  - statuspage.io (npm, ffflorian/api-clients), a Node client of the public
//    v2 API, pointed at the server with its own setApiUrl(); every endpoint is
//    fetched through it, checked against the shapes and enums the client
//    declares (dist/interfaces/Result.d.ts) and against the example site's
//    content;
//  - @statuspage/status-widget (npm, Atlassian's embeddable status widget) in
//    Debian's Chromium, embedded in a page of another origin, so it also needs
//    the API's CORS header; it shows summary.json's status.
// Three servers, each a `sitrep serve` with its own clock:
//  calm        the example site at 2026-11-26T00:00Z: all operational, one
//              maintenance upcoming, nothing unresolved;
//  maintenance the example site at 2026-12-06T10:00Z: that maintenance in
//              progress, its components under maintenance;
//  incident    the example site plus content/incidents/ from this folder (an
//              open SEV2 incident) at the same clock.
// The expected values below come from content/ (components.toml, the
// incidents and the maintenance windows) and that fixture.
// statuspage.io is pinned to 3.3.8: 3.4.6, the newest, was published without
// its dist/ (nothing to import) and asks for Node >= 21.
// Usage: node api_client.test.mjs <sitrep-binary> <repo-root>
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const [sitrep, repo] = process.argv.slice(2);
if (!sitrep || !repo) {
  console.error('usage: node api_client.test.mjs <sitrep-binary> <repo-root>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
// Only loopback traffic: no proxy may catch 127.0.0.1 (axios and Chromium both read these).
for (const v of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']) delete process.env[v];

const { Statuspage, IncidentStatus, IncidentImpact, MaintenanceStatus } = require('statuspage.io');
const clientVersion = require('statuspage.io/package.json').version;
const widgetVersion = require('@statuspage/status-widget/package.json').version;

let passed = 0, failed = 0;
const ok = (name) => { passed++; console.log(`ok   ${name}`); };
const fail = (name, detail) => { failed++; console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`); };
const check = (cond, name, detail) => (cond ? ok(name) : fail(name, detail));
const show = (v) => JSON.stringify(v);
const same = (actual, expected, name) => check(isDeepStrictEqual(actual, expected), name,
                                               `expected ${show(expected)}, got ${show(actual)}`);

// ---------------------------------------------------------------- servers ---

const freePort = () => new Promise((resolve) => {
  const srv = createServer();
  srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
});

const children = [];
async function startServe(root, now) {
  const port = await freePort();
  const child = spawn(sitrep, ['serve', '--quiet', '--root', root, '--port', String(port), '--now', now],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) break;
    try { if ((await fetch(`${base}/api/v2/summary.json`)).ok) return base; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sitrep serve --root ${root} --now ${now} did not start: ${log}`);
}

const tmp = mkdtempSync(join(tmpdir(), 'sitrep-api-client-'));
const stopAll = () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
};
process.on('exit', stopAll);

// The incident scenario: a copy of the example site plus this folder's content.
const incidentRoot = join(tmp, 'incident');
for (const dir of ['content', 'schemas', 'themes']) cpSync(join(repo, dir), join(incidentRoot, dir), { recursive: true });
cpSync(join(here, 'content'), join(incidentRoot, 'content'), { recursive: true });

const CALM_NOW = '2026-11-26T00:00:00Z';
const WINDOW_NOW = '2026-12-06T10:00:00Z';  // inside MNT-2026-12-05-network (06:00Z-15:00Z)
const [calm, maintenance, incident] = await Promise.all([
  startServe(repo, CALM_NOW), startServe(repo, WINDOW_NOW), startServe(incidentRoot, WINDOW_NOW)]);

// What sitrep writes under api/v2: every file must be read by a client below.
execFileSync(sitrep, ['build', '--quiet', '--root', repo, '--now', CALM_NOW, '--out', join(tmp, 'built')], { stdio: 'pipe' });
const apiDir = join(tmp, 'built', 'public', 'api', 'v2');
const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
const builtEndpoints = walk(apiDir).map((f) => `/api/v2/${relative(apiDir, f)}`).sort();

// ---------------------------------------------------- the statuspage.io client

const requested = new Set();
function client(base) {
  const sp = new Statuspage('sitrep');  // the page id only names the default host...
  sp.setApiUrl(base);                    // ...which the client's own setter replaces
  sp.apiClient.interceptors.request.use((config) => { requested.add(config.url); return config; });
  return sp;
}

async function readAll(base) {
  const sp = client(base);
  const r = {
    summary: await sp.api.getSummary(),
    status: await sp.api.getStatus(),
    components: await sp.api.getComponents(),
    incidents: await sp.api.incidents.getAll(),
    unresolved: await sp.api.incidents.getUnresolved(),
    upcoming: await sp.api.scheduledMaintenances.getUpcoming(),
    // statuspage.io 3.3.8's getActive() and getAll() both request
    // upcoming.json (its Endpoint table maps active to 'upcoming.json'), so
    // those two files are read through the client's own HTTP instance.
    active: (await sp.apiClient.get('/api/v2/scheduled-maintenances/active.json')).data,
    maintenances: (await sp.apiClient.get('/api/v2/scheduled-maintenances.json')).data,
    clientActive: await sp.api.scheduledMaintenances.getActive(),
  };
  return r;
}

// ------------------------------------------------------------------ shapes ---
// The shapes statuspage.io declares in dist/interfaces/Result.d.ts.

const isStr = (v) => typeof v === 'string';
const isStrOrNull = (v) => v === null || typeof v === 'string';
const isTime = (v) => isStr(v) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v) && !Number.isNaN(Date.parse(v));
const isTimeOrNull = (v) => v === null || isTime(v);
const fieldChecks = {
  page: { id: isStr, name: isStr, time_zone: isStr, updated_at: isTime, url: isStr },
  component: {
    created_at: isTime, description: isStrOrNull, group: (v) => typeof v === 'boolean', group_id: isStrOrNull,
    id: isStr, name: isStr, only_show_if_degraded: (v) => typeof v === 'boolean', page_id: isStr,
    position: Number.isInteger, showcase: (v) => typeof v === 'boolean', start_date: isStrOrNull,
    status: (v) => COMPONENT_STATUSES.includes(v), updated_at: isTime,
  },
  incident: {
    created_at: isTime, id: isStr, impact: (v) => Object.values(IncidentImpact).includes(v),
    incident_updates: Array.isArray, monitoring_at: isTimeOrNull, name: isStr, page_id: isStr,
    resolved_at: isTimeOrNull, shortlink: isStr, status: (v) => Object.values(IncidentStatus).includes(v),
    updated_at: isTime,
  },
  update: { body: isStr, created_at: isTime, display_at: isTime, id: isStr, incident_id: isStr, updated_at: isTime },
};
// ScheduledMaintenance = Omit<Incident, 'status'> & {scheduled_for, scheduled_until, status: MaintenanceStatus}.
// Its impact is typed IncidentImpact, but Statuspage itself sends "maintenance" there.
fieldChecks.maintenance = {
  ...fieldChecks.incident,
  impact: (v) => [...Object.values(IncidentImpact), 'maintenance'].includes(v),
  status: (v) => Object.values(MaintenanceStatus).includes(v),
  scheduled_for: isTime, scheduled_until: isTime,
};
const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];
const INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'];

function shapeProblems(obj, kind, where, out) {
  if (obj === null || typeof obj !== 'object') { out.push(`${where}: not an object`); return; }
  for (const [field, test] of Object.entries(fieldChecks[kind]))
    if (!(field in obj)) out.push(`${where}: no '${field}'`);
    else if (!test(obj[field])) out.push(`${where}: '${field}' = ${show(obj[field])}`);
}

function checkShapes(label, r) {
  const out = [];
  const pageId = r.summary?.page?.id;
  for (const [name, body] of Object.entries(r)) {
    if (name === 'clientActive') continue;
    shapeProblems(body?.page, 'page', `${name}.page`, out);
    if (body?.page?.id !== pageId) out.push(`${name}.page.id differs from summary's`);
    for (const list of ['components', 'incidents', 'scheduled_maintenances']) {
      if (!(list in body)) continue;
      if (!Array.isArray(body[list])) { out.push(`${name}.${list}: not an array`); continue; }
      body[list].forEach((item, i) => {
        const where = `${name}.${list}[${i}]`;
        const kind = list === 'components' ? 'component' : list === 'incidents' ? 'incident' : 'maintenance';
        shapeProblems(item, kind, where, out);
        if (item.page_id !== pageId) out.push(`${where}: page_id ${show(item.page_id)}`);
        if (kind === 'component') return;
        for (const c of item.components ?? []) shapeProblems(c, 'component', `${where}.components[${c.id}]`, out);
        const statuses = kind === 'incident' ? Object.values(IncidentStatus) : Object.values(MaintenanceStatus);
        (item.incident_updates ?? []).forEach((u, j) => {
          shapeProblems(u, 'update', `${where}.incident_updates[${j}]`, out);
          if (!statuses.includes(u.status)) out.push(`${where}.incident_updates[${j}]: status ${show(u.status)}`);
          if (u.incident_id !== item.id) out.push(`${where}.incident_updates[${j}]: incident_id ${show(u.incident_id)}`);
        });
      });
    }
  }
  for (const name of ['summary', 'status']) {
    const s = r[name]?.status;
    if (!s || !isStr(s.description) || !INDICATORS.includes(s.indicator)) out.push(`${name}.status = ${show(s)}`);
  }
  check(out.length === 0, `${label}: every endpoint has the shapes statuspage.io declares`, out.slice(0, 8).join('; '));
}

// The files agree with each other the way Statuspage's do.
function checkConsistency(label, r) {
  same(r.summary.status, r.status.status, `${label}: summary.json and status.json give one status`);
  same(r.summary.components, r.components.components, `${label}: summary.json and components.json list the same components`);
  same(r.summary.incidents, r.unresolved.incidents, `${label}: summary.json's incidents are incidents/unresolved.json's`);
  const ids = (l) => l.map((x) => x.id);
  same(ids(r.summary.scheduled_maintenances).sort(),
       [...ids(r.upcoming.scheduled_maintenances), ...ids(r.active.scheduled_maintenances)].sort(),
       `${label}: summary.json's maintenances are upcoming.json's and active.json's`);
  same(r.clientActive, r.upcoming, `${label}: statuspage.io's getActive() reads upcoming.json (the client's own mapping)`);
  const groups = r.components.components.filter((c) => c.group);
  const problems = groups.flatMap((g) => g.components
    .filter((id) => r.components.components.find((c) => c.id === id)?.group_id !== g.id)
    .map((id) => `${g.id} lists ${id}`));
  check(problems.length === 0, `${label}: every group's components name it as group_id`, problems.join('; '));
}

// ---------------------------------------------------------- expected values ---

const COMPONENTS = [  // content/components.toml, display order; billing-batch is internal
  ['core', 'Core platform', true, null], ['auth', 'Authentication', false, 'core'],
  ['api', 'Public API', false, 'core'], ['webhooks', 'Webhooks', false, 'core'],
  ['apps', 'Customer apps', true, null], ['ticket-portal', 'Ticket portal', false, 'apps'],
  ['dashboard', 'Web dashboard', false, 'apps'], ['email-delivery', 'Email notifications', false, 'apps'],
  ['infra', 'Infrastructure', true, null], ['db', 'Database', false, 'infra'],
  ['file-storage', 'File storage', false, 'infra'],
];
const NETWORK_MNT = 'MNT-2026-12-05-network';
const NETWORK_COMPONENTS = ['api', 'ticket-portal', 'dashboard', 'webhooks'];
const statusesWith = (overrides) => Object.fromEntries(COMPONENTS.map(([id]) => [id, overrides[id] ?? 'operational']));
const underMaintenance = Object.fromEntries([...NETWORK_COMPONENTS, 'core', 'apps'].map((id) => [id, 'under_maintenance']));

function checkComponents(label, r, statuses) {
  const list = r.components.components;
  same(list.map((c) => [c.id, c.name, c.group, c.group_id]), COMPONENTS,
       `${label}: components (id, name, group, group_id) in display order, no internal one`);
  same(Object.fromEntries(list.map((c) => [c.id, c.status])), statuses, `${label}: component statuses`);
  same(list.map((c) => c.position), COMPONENTS.map((_, i) => i + 1), `${label}: positions 1..${COMPONENTS.length}`);
}

function checkNetworkMaintenance(label, m, status) {
  same([m.id, m.name, m.status, m.scheduled_for, m.scheduled_until],
       [NETWORK_MNT, 'Network equipment upgrade', status, '2026-12-06T06:00:00Z', '2026-12-06T15:00:00Z'],
       `${label}: ${NETWORK_MNT} id, name, status, window`);
  same(m.components.map((c) => c.id), NETWORK_COMPONENTS, `${label}: ${NETWORK_MNT} components`);
  check(m.incident_updates.at(-1)?.body?.startsWith('Maintenance scheduled for Saturday, December 5'),
        `${label}: ${NETWORK_MNT} first update's body`, show(m.incident_updates.at(-1)?.body));
}

function checkCalm(r) {
  const label = 'calm';
  same(r.status.status, { indicator: 'none', description: 'All Systems Operational' }, `${label}: status`);
  same(r.status.page.name, 'Acme Cloud Status', `${label}: page name`);
  same(r.status.page.time_zone, 'America/Los_Angeles', `${label}: page time zone`);
  checkComponents(label, r, statusesWith({}));
  same(r.unresolved.incidents, [], `${label}: no unresolved incident`);
  const incidents = r.incidents.incidents;
  same(incidents.length, 15, `${label}: incidents.json lists the 15 public incidents`);
  same([incidents[0]?.id, incidents[0]?.name, incidents[0]?.status, incidents[0]?.impact],
       ['INC-2026-11-17-001', 'Ticket search unavailable', 'resolved', 'minor'], `${label}: newest incident`);
  same(incidents.at(-1)?.id, 'INC-2024-03-15-001', `${label}: oldest incident`);
  check(incidents.every((i) => i.resolved_at && ['resolved', 'postmortem'].includes(i.status)), `${label}: all resolved`);
  check(!incidents.some((i) => i.id.startsWith('INC-2025-11-14')), `${label}: the internal incident is not listed`);
  const search = incidents[0];
  same(search?.incident_updates.map((u) => u.status), ['resolved', 'monitoring', 'identified', 'investigating'],
       `${label}: INC-2026-11-17-001 updates, newest first`);
  same(search?.incident_updates.at(-1)?.affected_components,
       [{ code: 'ticket-portal', name: 'Ticket portal', old_status: 'operational', new_status: 'partial_outage' }],
       `${label}: INC-2026-11-17-001 first update's affected component`);
  same([search?.created_at, search?.resolved_at], ['2026-11-17T22:05:00Z', '2026-11-17T23:45:00Z'],
       `${label}: INC-2026-11-17-001 times`);
  same(r.upcoming.scheduled_maintenances.length, 1, `${label}: one upcoming maintenance`);
  if (r.upcoming.scheduled_maintenances[0]) checkNetworkMaintenance(label, r.upcoming.scheduled_maintenances[0], 'scheduled');
  same(r.active.scheduled_maintenances, [], `${label}: no active maintenance`);
  same(r.maintenances.scheduled_maintenances.map((m) => [m.id, m.status]),
       [[NETWORK_MNT, 'scheduled'], ['MNT-2026-09-12-db', 'completed']], `${label}: scheduled-maintenances.json`);
}

function checkMaintenance(r) {
  const label = 'maintenance';
  checkComponents(label, r, statusesWith(underMaintenance));
  same(r.status.status.description, 'Service Under Maintenance', `${label}: status description`);
  // Statuspage sends indicator "maintenance" while a window is in progress and
  // nothing is worse (its status widget has a colour for it).
  same(r.status.status.indicator, 'maintenance', `${label}: status indicator`);
  same(r.unresolved.incidents, [], `${label}: no unresolved incident`);
  same(r.upcoming.scheduled_maintenances, [], `${label}: nothing upcoming`);
  same(r.active.scheduled_maintenances.length, 1, `${label}: one active maintenance`);
  const m = r.active.scheduled_maintenances[0];
  if (m) {
    checkNetworkMaintenance(label, m, 'in_progress');
    check(m.components.every((c) => c.status === 'under_maintenance'), `${label}: its components are under maintenance`);
  }
  same(r.summary.scheduled_maintenances.map((x) => [x.id, x.status]), [[NETWORK_MNT, 'in_progress']],
       `${label}: summary.json's maintenances`);
}

function checkIncident(r) {
  const label = 'incident';
  same(r.status.status, { indicator: 'major', description: 'Partial System Outage' }, `${label}: status`);
  checkComponents(label, r, statusesWith({
    ...underMaintenance, core: 'partial_outage', auth: 'partial_outage', infra: 'degraded_performance',
    db: 'degraded_performance',
  }));
  same(r.unresolved.incidents.length, 1, `${label}: one unresolved incident`);
  const i = r.unresolved.incidents[0];
  if (i) {
    same([i.id, i.name, i.status, i.impact, i.created_at, i.started_at, i.monitoring_at, i.resolved_at],
         ['INC-2026-12-06-001', 'Sign-in errors', 'identified', 'major', '2026-12-06T08:30:00Z',
          '2026-12-06T08:30:00Z', null, null], `${label}: the incident's id, name, status, impact, times`);
    same(i.components.map((c) => [c.id, c.status]), [['auth', 'partial_outage'], ['db', 'degraded_performance']],
         `${label}: the incident's components`);
    same(i.incident_updates.map((u) => [u.status, u.body, u.created_at, u.affected_components]), [
      ['identified', 'We found the cause: a database replica fell behind. Most sign-ins work again.',
       '2026-12-06T09:30:00Z',
       [{ code: 'auth', name: 'Authentication', old_status: 'major_outage', new_status: 'partial_outage' }]],
      ['investigating', "Many sign-ins fail with an error page. We're investigating.", '2026-12-06T08:45:00Z',
       [{ code: 'auth', name: 'Authentication', old_status: 'operational', new_status: 'major_outage' },
        { code: 'db', name: 'Database', old_status: 'operational', new_status: 'degraded_performance' }]],
    ], `${label}: the incident's updates (newest first, Markdown as text, "mitigating" as "identified")`);
    check(i.shortlink.endsWith('/incidents/INC-2026-12-06-001/'), `${label}: shortlink`, i.shortlink);
  }
  same(r.incidents.incidents.length, 16, `${label}: incidents.json lists 16`);
  same(r.incidents.incidents[0], i, `${label}: incidents.json starts with the open incident`);
  same(r.active.scheduled_maintenances.map((m) => [m.id, m.status]), [[NETWORK_MNT, 'in_progress']],
       `${label}: the maintenance is still active`);
}

// ------------------------------------------------------------------- run ---

console.log(`statuspage.io ${clientVersion}, @statuspage/status-widget ${widgetVersion}, Node ${process.version}`);
const scenarios = [['calm', calm, checkCalm], ['maintenance', maintenance, checkMaintenance],
                   ['incident', incident, checkIncident]];
for (const [label, base, checkValues] of scenarios) {
  let r;
  try {
    r = await readAll(base);
    ok(`${label}: statuspage.io read and parsed every endpoint of ${base}`);
  } catch (e) {
    fail(`${label}: statuspage.io read ${base}`, `${e.message} ${e.config?.url ?? ''}`);
    continue;
  }
  checkShapes(label, r);
  checkConsistency(label, r);
  checkValues(r);
}
same([...requested].sort(), builtEndpoints, 'statuspage.io requested every api/v2 file sitrep writes');
for (const path of builtEndpoints) {
  const built = JSON.parse(readFileSync(join(apiDir, path.slice('/api/v2/'.length)), 'utf8'));
  const served = await (await fetch(calm + path)).json();
  same(served, built, `calm: ${path} served equals ${path} built`);
}

// ------------------------------------------------- Atlassian's status widget

const widgetJs = readFileSync(require.resolve('@statuspage/status-widget/dist/index.js'));
const embed = createHttpServer((req, res) => {
  if (req.url === '/status-widget.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(widgetJs);
    return;
  }
  // The widget's README: <statuspage-widget src="<page URL>">; appearance "badge" is its other template.
  const widgets = scenarios.map(([label, base]) =>
    `<p><statuspage-widget id="${label}" src="${base}"></statuspage-widget></p>
     <p><statuspage-widget id="${label}-badge" src="${base}" appearance="badge" title="Acme"></statuspage-widget></p>`);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><title>Embed</title>${widgets.join('')}<script src="/status-widget.js"></script></html>`);
});
await new Promise((resolve) => embed.listen(0, '127.0.0.1', resolve));
const embedUrl = `http://127.0.0.1:${embed.address().port}/`;  // another origin than any sitrep serve

const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-proxy-server'],
});
try {
  const page = await browser.newPage();
  const errors = [], summaryRequests = [];
  // status-widget 1.0.5's bundle ends in a strict-mode assignment to an
  // undeclared `parcelRequire`, after it has defined the element; it throws
  // this on every page that embeds it, whatever the server.
  page.on('pageerror', (e) => { if (!/parcelRequire is not defined/.test(e.message)) errors.push(e.message); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('requestfinished', (req) => { if (req.url().endsWith('/api/v2/summary.json')) summaryRequests.push(req.url()); });
  await page.goto(embedUrl);
  const expected = {
    calm: ['none', 'All Systems Operational'],
    maintenance: ['maintenance', 'Service Under Maintenance'],
    incident: ['major', 'Partial System Outage'],
  };
  for (const [label, base] of scenarios) {
    for (const id of [label, `${label}-badge`]) {
      const widget = page.locator(`#${id}`);
      try {
        await widget.locator('.status-indicator').waitFor({ timeout: 10000 });
      } catch {
        fail(`widget #${id}: rendered a status from ${base}`, errors.join('; ') || 'nothing rendered');
        continue;
      }
      const [indicator, description] = expected[label];
      const text = id.endsWith('-badge') ? '.status-indicator' : '.status-text';
      same((await widget.locator(text).textContent()).trim(), description, `widget #${id}: shows the description`);
      const classes = (await widget.locator('.status-indicator').getAttribute('class')).split(/\s+/);
      check(classes.includes(indicator), `widget #${id}: indicator class "${indicator}"`, classes.join(' '));
      same(await widget.locator('a').getAttribute('href'), base, `widget #${id}: links to the status page`);
    }
  }
  same([...new Set(summaryRequests)].sort(), scenarios.map(([, base]) => `${base}/api/v2/summary.json`).sort(),
       'widgets fetched each summary.json cross-origin');
  same(errors, [], 'no script or network error on the embedding page');
} finally {
  await browser.close();
  embed.close();
}

// Stop the servers and wait for them, so none outlives the test.
await Promise.all(children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((resolve) => {
  c.once('exit', resolve);
  c.kill('SIGTERM');
  setTimeout(() => { c.kill('SIGKILL'); resolve(); }, 5000).unref();
})));

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
