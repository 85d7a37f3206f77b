import type { ConsoleMessage, Page } from '@playwright/test';
import { test, expect, open, signUp } from './helpers';

/** Records console errors and warnings and uncaught exceptions of a page. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${message.type()} on ${page.url()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`));
  return problems;
}

// Leptos reports hydration mismatches as console errors, so a clean console on
// a full page load means the server and the browser rendered the same page.
test('pages hydrate without console errors or warnings', async ({ page, js }) => {
  test.skip(!js, 'only a browser running the app can report hydration problems');
  test.setTimeout(90_000);
  const problems = watchConsole(page);

  await open(page, '/', js);
  await expect(page.getByRole('heading', { name: 'Featured' })).toBeVisible();
  await open(page, '/apps/team-wiki', js);
  await expect(page.getByRole('heading', { level: 1, name: 'Team Wiki' })).toBeVisible();
  await open(page, '/category/productivity', js);
  await expect(page.getByRole('heading', { level: 1, name: 'Productivity' })).toBeVisible();
  await open(page, '/search?q=team', js);
  await expect(page.getByRole('heading', { level: 1, name: /team/ })).toBeVisible();
  await open(page, '/login', js);
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();

  await signUp(page, js); // opens /signup, ends on the dashboard (client-side)
  await open(page, '/dashboard', js);
  await expect(page.getByRole('heading', { level: 1, name: 'Deployments' })).toBeVisible();
  await open(page, '/apps/team-wiki', js); // logged in: plans offer to subscribe
  await expect(page.getByRole('button', { name: 'Get it free: Community plan' })).toBeVisible();
  await page.getByRole('button', { name: 'Get it free: Community plan' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const href = await page.getByRole('link', { name: 'Team Wiki', exact: true }).getAttribute('href');
  await open(page, `${href}`, js);
  await expect(page.getByRole('heading', { level: 2, name: 'Team Wiki' })).toBeVisible();
  await open(page, `${href}?confirm=delete`, js);
  await expect(page.getByRole('heading', { name: 'Delete Team Wiki?' })).toBeVisible();
  await open(page, '/team', js);
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await open(page, '/billing', js);
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();

  // Let late effects (polling, deferred work) run before judging.
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});
