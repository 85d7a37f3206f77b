import { test, expect, open, signUp, deploymentCard, waitForDeploymentStatus } from './helpers';

test('a paid plan is invoiced, and paying the invoice deploys the app', async ({ page, js }) => {
  test.setTimeout(90_000);
  await signUp(page, js);
  await open(page, '/apps/pastebin', js);
  const plans = page.getByRole('region', { name: 'Plans' });
  await expect(plans.getByRole('listitem').filter({ hasText: 'Team' })).toContainText('5.00 USD');
  await plans.getByRole('button', { name: 'Subscribe: Team plan' }).click();

  await expect(page).toHaveURL(/\/billing$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
  const subscription = page.getByRole('region', { name: 'Subscriptions' }).getByRole('listitem');
  await expect(subscription).toHaveCount(1);
  await expect(subscription).toContainText('Pastebin');
  await expect(subscription).toContainText('Team');
  await expect(subscription).toContainText('5.00 USD');
  await expect(subscription.getByText('Awaiting payment', { exact: true })).toBeVisible();

  const invoices = page.getByRole('region', { name: 'Invoices' });
  const invoice = invoices.locator('tbody tr');
  await expect(invoice).toHaveCount(1);
  await expect(invoice).toContainText('5.00 USD');
  await expect(invoice.getByText('Open', { exact: true })).toBeVisible();
  await expect(invoice).toContainText('Bank transfer reference');

  // Nothing runs before the invoice is paid.
  await open(page, '/dashboard', js);
  await expect(deploymentCard(page, 'pastebin')).toHaveCount(0);
  await open(page, '/billing', js);

  const pay = invoice.getByRole('button', { name: /^Mark invoice .+ as paid$/ });
  await expect(pay).toHaveText('Mark as paid');
  await pay.click();
  await expect(invoice.getByText('Paid', { exact: true })).toBeVisible();
  await expect(pay).toHaveCount(0);
  await expect(subscription.getByText('Active', { exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(deploymentCard(page, 'pastebin')).toBeVisible();
  await waitForDeploymentStatus(page, js, 'pastebin', 'running');
  await expect(deploymentCard(page, 'pastebin').locator('a.app-url')).toBeVisible();
});
