// End-to-end: the built portal's /admin/ editor (Decap CMS, loaded from the npm package and
// served on localhost) saves through decap-server into a copy of the portal, driven in
// headless Chromium through playwright-core. Run by tests/cms.rs, which then builds the
// copy with hoctap and checks the pages.
// PORTAL: the portal copy; SITE: its built output; PROXY_PORT: the port hoctap.toml names for
// decap-server; CHROMIUM: the browser (default /usr/bin/chromium); IMAGE: a JPEG to upload.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const decapDir = dirname(require.resolve('decap-cms/dist/decap-cms.js'));
const serverScript = require.resolve('decap-server/dist/index.js');
const { PORTAL, SITE, PROXY_PORT, IMAGE } = process.env;

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.yml': 'text/yaml', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

// The site, with the npm package's Decap CMS at /decap/ (the config's `script_url`).
function serveSite() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [root, rest] = path.startsWith('/decap/') ? [decapDir, path.slice(7)] : [SITE, path.slice(1)];
    let file = normalize(join(root, rest));
    try {
      if (!file.startsWith(root) || statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// decap-server writing into the portal copy, on the port the generated config names.
async function startProxy() {
  const child = spawn(process.execPath, [serverScript], {
    env: { ...process.env, PORT: PROXY_PORT, BIND_HOST: '127.0.0.1', MODE: 'fs', GIT_REPO_DIRECTORY: PORTAL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  for (let i = 0; i < 100 && !log.includes('listening'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(log.includes('listening'), `decap-server did not start:\n${log}`);
  return child;
}

const server = await serveSite();
const proxy = await startProxy();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync'],
});
const problems = [];

// The editor's control of the front-matter field `name` (Decap gives it the id `<name>-field-N`).
function control(page, name) {
  return page.locator(`div[class*="ControlContainer"]:has(> div > label[for^="${name}-field-"])`).first();
}

async function fill(page, name, value) {
  await page.locator(`[id^="${name}-field-"]`).first().fill(value);
}

async function select(page, name, option) {
  await page.locator(`[id^="${name}-field-"]`).first().click();
  await page.locator('[id^="react-select"][id*="-option-"]', { hasText: option }).first().click();
}

// Uploads IMAGE through the media library and inserts it.
async function chooseImage(page, name) {
  await control(page, name).getByRole('button', { name: 'Chọn một hình' }).click();
  await page.locator('input[type=file]').setInputFiles(IMAGE);
  await page.getByRole('button', { name: 'Lấy những cái đã chọn' }).click();
}

async function publish(page) {
  await page.getByRole('button', { name: 'Công bố', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Công bố ngay' }).click();
  await page.waitForURL(/\/entries\//, { timeout: 20000 });
  await page.getByText('Thay đổi chưa được lưu').waitFor({ state: 'detached', timeout: 20000 });
}

try {
  const context = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(base) && !url.startsWith(`http://127.0.0.1:${PROXY_PORT}`) && !url.startsWith('data:')
      && !url.startsWith('blob:')) problems.push(`outside request: ${url}`);
  });
  await page.goto(`${base}/admin/`);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Bộ sưu tập').first().waitFor();

  // A news item: title with diacritics, date, tags, image with its description, text.
  await page.goto(`${base}/admin/#/collections/tin-tuc/new`);
  await fill(page, 'title', 'Xã Mỹ Hòa khai giảng lớp “Bình dân học vụ số”');
  await fill(page, 'date', '2025-04-21');
  await fill(page, 'tags', 'kỹ năng số, học tập suốt đời');
  await chooseImage(page, 'image');
  await fill(page, 'image_alt', 'Bà con xã Mỹ Hòa học dùng điện thoại');
  await control(page, 'body').locator('[data-slate-editor="true"]').click();
  await page.keyboard.type('Sáng 21/4, xã Mỹ Hòa khai giảng lớp học kỹ năng số cho bà con.');
  await publish(page);

  // A role model: category from the select, recognition year, achievements.
  await page.goto(`${base}/admin/#/collections/guong-dien-hinh/new`);
  await fill(page, 'title', 'Gia đình ông Đặng Văn Được, ấp Mỹ Thạnh');
  await fill(page, 'date', '2025-05-02');
  await select(page, 'category', 'Gia đình học tập');
  await fill(page, 'recognized', '2024');
  await fill(page, 'achievements', 'Ba con đỗ đại học, Tủ sách gia đình 300 cuốn');
  await chooseImage(page, 'image');
  await fill(page, 'image_alt', 'Gia đình ông Được bên tủ sách');
  await publish(page);
  // An event: its start is a date and time, saved with Vietnam's offset.
  await page.goto(`${base}/admin/#/collections/su-kien/new`);
  await fill(page, 'title', 'Ngày hội đọc sách xã Mỹ Hòa');
  await fill(page, 'start', '2027-04-21T07:30');
  await select(page, 'type', 'Ngày Sách và Văn hóa đọc Việt Nam');
  await publish(page);
  assert.deepEqual(problems, []);
  console.log('ok: a news item, a role model and an event saved through /admin/');
} catch (e) {
  await browser.contexts()[0]?.pages()[0]?.screenshot({ path: join(PORTAL, '..', 'failure.png'), fullPage: true })
    .catch(() => {});
  throw e;
} finally {
  await browser.close();
  proxy.kill();
  server.close();
}
