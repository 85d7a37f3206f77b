import { test, expect, open, signUp, activeOrg, waitForHydration, DEMO } from './helpers';

test.describe('sessions', () => {
  test('member pages send visitors to log in, and back after it', async ({ page, js }) => {
    const response = await page.goto('/billing');
    expect(response?.ok()).toBe(true);
    await expect(page).toHaveURL(/\/login\?next=%2Fbilling$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await waitForHydration(page, js);
    await page.getByLabel('Email').fill(DEMO.tenant.email);
    await page.getByLabel('Password').fill(DEMO.tenant.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(/\/billing$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
    await expect(activeOrg(page)).toHaveText(DEMO.tenant.org);
  });

  test('an app page sends visitors to log in and back to the app', async ({ page, js }) => {
    await open(page, '/apps/company-site', js);
    await page.getByRole('region', { name: 'Plans' }).getByRole('link', { name: 'Log in to subscribe' }).click();
    await expect(page).toHaveURL(/\/login\?next=\/apps\/company-site$/);
    await page.getByLabel('Email').fill(DEMO.tenant.email);
    await page.getByLabel('Password').fill(DEMO.tenant.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(/\/apps\/company-site$/);
    await expect(page.getByRole('button', { name: 'Get it free: Free plan' })).toBeVisible();
  });

  test('log out ends the session', async ({ page, js }) => {
    await signUp(page, js);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Log in' })).toBeVisible();
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  });
});
