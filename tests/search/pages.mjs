// The pages of a built portal worth checking one of each: found by following the portal's own
// links from the home page, so the same list works for the Vietnamese and the English build
// (whose URLs differ) and for any portal. Shared by tests/search/a11y.mjs and
// benches/page_weight.mjs.

/** `[{ type, path }]`: one page of each type the portal has, in a stable order. */
export async function pageTypes(page, base) {
  const found = new Map();
  const add = (type, url) => {
    if (url && !found.has(type)) found.set(type, new URL(url, base).pathname);
  };
  const links = (selector) => page.$$eval(selector, (as) => as.map((a) => a.href));
  const visit = (path) => page.goto(new URL(path, base).href, { waitUntil: 'load' });

  await visit('/');
  add('home', '/');
  add('search', await page.$eval('form[role=search]', (f) => f.action).catch(() => null));
  add('404', '/404.html');
  for (const section of await links('.main-nav a')) {
    const path = new URL(section).pathname;
    if (new URL(section).origin !== new URL(base).origin) continue;
    await visit(path);
    if (await page.$('.ind-cards')) {
      add('indicators', path);
      // The first indicator with a table by commune (the widest page), else the first one.
      const indicators = await links('.ind-cards .ind-card__title a');
      for (const url of indicators) {
        await visit(new URL(url).pathname);
        if (await page.$('.ind-areas')) {
          add('indicator', url);
          break;
        }
      }
      add('indicator', indicators[0]);
      continue;
    }
    const article = await page.$('main article.article');
    if (article) {
      add('page', path); // a standalone page in the menu (Giới thiệu)
      continue;
    }
    const kind = await page.$eval('main', (m) => m.querySelector('[class*="card--"]')?.className.match(/card--([a-z-]+)/)?.[1])
      .catch(() => null);
    const name = kind ?? path.split('/').filter(Boolean).pop();
    add(`list ${name}`, path);
    add(`list ${name} (page 2)`, await page.$eval('a[rel=next]', (a) => a.href).catch(() => null));
    add(name, (await links('main .card__title a'))[0]);
  }
  // A taxonomy term and its taxonomy, from the tags at the end of a news article.
  const news = found.get('news');
  if (news) {
    await visit(news);
    const term = (await links('.article__footer .tags a'))[0];
    if (term) {
      add('term', term);
      add('taxonomy', new URL('..', term).href);
    }
  }
  return [...found].map(([type, path]) => ({ type, path }));
}
