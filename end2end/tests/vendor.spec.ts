import type { Page } from '@playwright/test';
import { test, expect, open, signUp, logIn, unique, DEMO } from './helpers';

interface VendorApp {
  name: string;
  slug: string;
  word: string;
  summary: string;
}

/** A new vendor creates an app with a free plan and submits version 1.0.0 for review. */
async function submitNewApp(page: Page, js: boolean): Promise<VendorApp> {
  const id = unique();
  const app: VendorApp = {
    name: `Review App ${id}`,
    slug: `e2e-review-${id}`,
    word: `zz${id}`,
    summary: `Keeps zz${id} notes for the review test.`,
  };
  await signUp(page, js);

  await test.step('become a vendor', async () => {
    await open(page, '/team', js);
    await page.getByLabel('Publisher name').fill(`E2E Publisher ${id}`);
    await page.getByRole('button', { name: 'Become a vendor' }).click();
    await expect(page).toHaveURL(/\/vendor$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your apps' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vendor' })).toBeVisible();
  });

  await test.step('create the app', async () => {
    await page.getByRole('link', { name: 'New app' }).click();
    await expect(page).toHaveURL(/\/vendor\/apps\/new$/);
    await expect(page.getByRole('heading', { level: 1, name: 'New app' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(app.name);
    await page.getByLabel('URL name').fill(app.slug);
    await page.getByLabel('Summary').fill(app.summary);
    await page.getByLabel('Description').fill('## About\n\nAn app made by the end-to-end tests.');
    await page.getByLabel('Category').selectOption({ label: 'Productivity' });
    await page.getByRole('button', { name: 'Create app' }).click();
    await expect(page).toHaveURL(new RegExp(`/vendor/apps/${app.slug}$`));
    await expect(page.getByRole('heading', { level: 1, name: app.name })).toContainText('Not published');
    await waitForVendorPage(page, js);
  });

  const versions = page.getByRole('region', { name: 'Versions' });
  const plans = page.getByRole('region', { name: 'Plans' });

  await test.step('add a free plan', async () => {
    await expect(plans.getByText('No plans yet.')).toBeVisible();
    await plans.getByLabel('Plan name').fill('Starter');
    await plans.getByLabel('Monthly price').fill('0');
    await plans.getByLabel('Currency').fill('EUR');
    await plans.getByRole('button', { name: 'Add plan' }).click();
    await expect(plans.getByRole('listitem').filter({ hasText: 'Starter' })).toBeVisible();
    await expect(plans.getByText('No plans yet.')).toHaveCount(0);
  });

  await test.step('add version 1.0.0 with the example manifest', async () => {
    await expect(versions.getByLabel('Deployment manifest (TOML)')).toHaveValue(/\[run\][\s\S]*\[health\]/);
    await versions.getByLabel('Version', { exact: true }).fill('1.0.0');
    await versions.getByLabel('Release notes').fill('First release.');
    await versions.getByRole('button', { name: 'Add version' }).click();
    const row = versions.getByRole('listitem').filter({ hasText: '1.0.0' });
    await expect(row.getByText('Draft', { exact: true })).toBeVisible();
  });

  await test.step('submit it for review', async () => {
    await versions.getByRole('button', { name: 'Submit 1.0.0 for review' }).click();
    const row = versions.getByRole('listitem').filter({ hasText: '1.0.0' });
    await expect(row.getByText('In review', { exact: true })).toBeVisible();
    await expect(versions.getByRole('button', { name: 'Submit 1.0.0 for review' })).toHaveCount(0);
  });
  return app;
}

/** With JavaScript, actions on the vendor page refetch it; wait for the page to settle. */
async function waitForVendorPage(page: Page, js: boolean) {
  await expect(page.getByRole('region', { name: 'Versions' }).getByRole('button', { name: 'Add version' })).toBeEnabled();
  if (js) await page.waitForLoadState('networkidle');
}

/** The demo operator, in a browser of their own, on the operator console. */
async function operatorConsole(newPerson: () => Promise<Page>, js: boolean): Promise<Page> {
  const page = await newPerson();
  await logIn(page, js, DEMO.operator.email, DEMO.operator.password, '/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Operator console' })).toBeVisible();
  return page;
}

test.describe('publishing through review', () => {
  test('a new vendor publishes an app once the operator approves it', async ({ page, js, newPerson }) => {
    test.setTimeout(120_000);
    const app = await submitNewApp(page, js);

    // Not in the store before approval.
    await open(page, `/apps/${app.slug}`, js);
    await expect(page.getByText('App was not found.')).toBeVisible();

    await test.step('the operator approves it', async () => {
      const operator = await operatorConsole(newPerson, js);
      const item = operator.locator(`li.review[data-app="${app.slug}"]`);
      await expect(item.getByRole('heading', { name: `${app.name} 1.0.0` })).toBeVisible();
      await expect(item).toContainText('First release.');
      await item.getByRole('button', { name: `Approve ${app.name} 1.0.0` }).click();
      await expect(item).toHaveCount(0);
      const row = operator.locator(`tr[data-app="${app.slug}"]`);
      await expect(row.getByText('Published', { exact: true })).toBeVisible();
    });

    await test.step('the app is in the store', async () => {
      await open(page, `/apps/${app.slug}`, js);
      await expect(page.getByRole('heading', { level: 1, name: app.name })).toBeVisible();
      await expect(page.getByText(app.summary)).toBeVisible();
      const plans = page.getByRole('region', { name: 'Plans' });
      await expect(plans.getByRole('heading', { name: 'Starter' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Versions' })).toContainText('1.0.0');
    });

    await test.step('search finds it by a word of its summary', async () => {
      const search = page.getByRole('searchbox', { name: 'Search apps' });
      await search.fill(app.word);
      await search.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/search\\?q=${app.word}$`));
      const results = page.getByRole('main').getByRole('listitem');
      await expect(results).toHaveCount(1);
      await expect(results.getByRole('link', { name: new RegExp(app.name) })).toBeVisible();
    });

    await test.step('the vendor sees it published', async () => {
      await open(page, `/vendor/apps/${app.slug}`, js);
      await expect(page.getByRole('heading', { level: 1, name: app.name })).toContainText('Published');
      const row = page.getByRole('region', { name: 'Versions' }).getByRole('listitem').filter({ hasText: '1.0.0' });
      await expect(row.getByText('Published', { exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: 'View in store' })).toHaveAttribute('href', `/apps/${app.slug}`);
    });
  });

  test('a rejected version shows the reason to the vendor', async ({ page, js, newPerson }) => {
    test.setTimeout(120_000);
    const app = await submitNewApp(page, js);
    const reason = `Please add a health check (${unique()}).`;

    await test.step('the operator rejects it with a reason', async () => {
      const operator = await operatorConsole(newPerson, js);
      const item = operator.locator(`li.review[data-app="${app.slug}"]`);
      await expect(item).toBeVisible();
      await item.getByLabel('Reason for rejecting').fill(reason);
      await item.getByRole('button', { name: `Reject ${app.name} 1.0.0` }).click();
      await expect(item).toHaveCount(0);
    });

    await test.step('the vendor sees "Rejected" and the reason', async () => {
      await open(page, `/vendor/apps/${app.slug}`, js);
      const row = page.getByRole('region', { name: 'Versions' }).getByRole('listitem').filter({ hasText: '1.0.0' });
      await expect(row.getByText('Rejected', { exact: true })).toBeVisible();
      await expect(row).toContainText(`Reason: ${reason}`);
      // A rejected version may be submitted again.
      await expect(row.getByRole('button', { name: 'Submit 1.0.0 for review' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 1, name: app.name })).toContainText('Not published');
    });

    await test.step('the app is still not in the store', async () => {
      await open(page, `/apps/${app.slug}`, js);
      await expect(page.getByText('App was not found.')).toBeVisible();
    });
  });
});
