import { test, expect, open } from './helpers';

test.describe('store', () => {
  test('home shows featured apps and the categories', async ({ page, js }) => {
    const response = await open(page, '/', js);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle('App store · Agora');
    await expect(page.getByRole('heading', { level: 1, name: 'Apps for your whole organisation' })).toBeVisible();

    const featured = page.getByRole('region', { name: 'Featured' });
    await expect(featured.getByRole('heading', { name: 'Featured' })).toBeVisible();
    for (const name of ['Team Wiki', 'Company Site', 'Status Board', 'Metrics Lite']) {
      await expect(featured.getByRole('link', { name: new RegExp(name) })).toBeVisible();
    }
    await expect(page.getByRole('region', { name: 'New in the store' }).getByRole('listitem')).not.toHaveCount(0);

    const categories = page.getByRole('navigation', { name: 'Categories' });
    for (const name of ['Productivity', 'Developer tools', 'Operations', 'Analytics', 'Communication', 'Security', 'Content']) {
      await expect(categories.getByRole('link', { name: new RegExp(`^${name}`) })).toBeVisible();
    }
  });

  test('a category page lists its apps', async ({ page, js }) => {
    await open(page, '/', js);
    await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: /^Operations/ }).click();
    await expect(page).toHaveURL(/\/category\/operations$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Operations' })).toBeVisible();
    const main = page.getByRole('main');
    await expect(main.getByRole('link', { name: /Status Board/ })).toBeVisible();
    await expect(main.getByRole('link', { name: /Uptime Watch/ })).toBeVisible();
    await expect(main.getByRole('link', { name: /Team Wiki/ })).toHaveCount(0);
  });

  test('the header search finds an app by a word of its summary', async ({ page, js }) => {
    await open(page, '/', js);
    const search = page.getByRole('searchbox', { name: 'Search apps' });
    await search.fill('surveys');
    await search.press('Enter');
    await expect(page).toHaveURL(/\/search\?q=surveys$/);
    await expect(page.getByRole('heading', { level: 1, name: /surveys/ })).toBeVisible();
    const results = page.getByRole('main').getByRole('listitem');
    await expect(results).toHaveCount(1);
    await expect(results.getByRole('link', { name: /Form Builder/ })).toBeVisible();
    // The query stays in the box.
    await expect(search).toHaveValue('surveys');

    await search.fill('no-such-app-anywhere');
    await search.press('Enter');
    await expect(page).toHaveURL(/q=no-such-app-anywhere/);
    await expect(page.getByText('No apps match.')).toBeVisible();
  });

  test('an app page shows the description, versions and plans', async ({ page, js }) => {
    const response = await open(page, '/apps/team-wiki', js);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle('Team Wiki · Agora');
    await expect(page.getByRole('heading', { level: 1, name: 'Team Wiki' })).toBeVisible();
    await expect(page.getByText('A simple wiki your whole team can edit and search.')).toBeVisible();

    const about = page.getByRole('region', { name: 'About' });
    await expect(about.getByRole('heading', { name: "Your team's memory" })).toBeVisible();
    await expect(about.getByRole('listitem').filter({ hasText: 'Full-text search' })).toBeVisible();

    const versions = page.getByRole('region', { name: 'Versions' });
    await expect(versions.getByText('1.0.0', { exact: true })).toBeVisible();

    const plans = page.getByRole('region', { name: 'Plans' });
    const community = plans.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Community' }) });
    const business = plans.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Business' }) });
    await expect(community).toContainText('Free');
    await expect(business).toContainText('19.00 EUR');
    await expect(business).toContainText('/ month');
    // Visitors are sent to log in first, and come back here.
    await expect(community.getByRole('link', { name: 'Log in to subscribe' })).toHaveAttribute(
      'href',
      '/login?next=/apps/team-wiki',
    );
  });

  test('an unknown app shows "not found"', async ({ page, js }) => {
    await open(page, '/apps/no-such-app', js);
    await expect(page.getByRole('alert')).toHaveText('App was not found.');
    await expect(page.getByRole('heading', { name: 'Team Wiki' })).toHaveCount(0);
  });

  test('an unknown address answers 404 with the not-found page', async ({ page, js }) => {
    const response = await open(page, '/no-such-page', js);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to the store' })).toBeVisible();
  });

  test('an unknown app or category answers HTTP 404', async ({ page, js }) => {
    const response = await open(page, '/apps/no-such-app', js);
    expect(response?.status()).toBe(404);
    await expect(page.getByText('App was not found.')).toBeVisible();
    const category = await open(page, '/category/no-such-category', js);
    expect(category?.status()).toBe(404);
  });
});
