import { test, expect, signUp, open, deploymentCard, waitForDeploymentStatus, waitForDeploymentGone } from './helpers';

// The whole path of a new customer, in every project: sign up, find an app,
// get it for free, use it, stop it and delete it.
test('sign up, find an app, deploy it for free, open it, stop and delete it', async ({ page, js }) => {
  test.setTimeout(120_000);
  const account = await signUp(page, js);
  let markedAt = 0;

  await test.step('browse the store', async () => {
    await open(page, '/', js);
    await expect(page.getByRole('heading', { name: 'Featured' })).toBeVisible();
  });

  await test.step('search from the header', async () => {
    const search = page.getByRole('searchbox', { name: 'Search apps' });
    await search.click();
    await search.fill('wiki');
    await search.press('Enter');
    await expect(page).toHaveURL(/\/search\?q=wiki$/);
    await expect(page.getByRole('heading', { level: 1, name: /wiki/ })).toBeVisible();
    await page.getByRole('link', { name: /Team Wiki/ }).click();
  });

  await test.step('subscribe to the free plan on the app page', async () => {
    await expect(page).toHaveURL(/\/apps\/team-wiki$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Team Wiki' })).toBeVisible();
    await page.getByRole('button', { name: 'Get it free: Community plan' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    if (js) await page.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));
    markedAt = Date.now();
  });

  const card = deploymentCard(page, 'team-wiki');
  await test.step('the deployment appears and becomes running', async () => {
    await expect(card).toBeVisible();
    await expect(card.getByRole('heading', { name: 'Team Wiki' })).toBeVisible();
    await waitForDeploymentStatus(page, js, 'team-wiki', 'running');
    await expect(card.getByText('Running', { exact: true })).toBeVisible();
  });

  await test.step('the running app answers for this organisation', async () => {
    const link = card.locator('a.app-url');
    // On another host than the console's (127.0.0.1), so the app never sees the session cookie.
    await expect(link).toHaveAttribute('href', /^http:\/\/localhost:\d+\/$/);
    const [app] = await Promise.all([page.waitForEvent('popup'), link.click()]);
    await app.waitForLoadState('domcontentloaded');
    await expect(app.locator('body')).toContainText(account.org);
    await expect(app.getByRole('heading', { name: 'Team Wiki' })).toBeVisible();
    await app.close();
  });

  await test.step('stop it', async () => {
    await card.getByRole('button', { name: 'Stop' }).click();
    await waitForDeploymentStatus(page, js, 'team-wiki', 'stopped');
    if (js) {
      // The dashboard showed the deployment pending and provisioning. Its no-JavaScript
      // auto-refresh must have stayed inert: a live one reloads the page 3 s later.
      await page.waitForTimeout(Math.max(0, markedAt + 4_000 - Date.now()));
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    }
    await expect(card.locator('a.app-url')).toHaveCount(0);
    await expect(card.getByRole('button', { name: 'Start' })).toBeVisible();
  });

  await test.step('delete it', async () => {
    await card.getByRole('link', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]+\?confirm=delete$/);
    await expect(page.getByRole('heading', { name: 'Delete Team Wiki?' })).toBeVisible();
    // Cancelling keeps it.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { name: 'Team Wiki' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Delete' })).toBeVisible();
    await page.getByRole('link', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete Team Wiki' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await waitForDeploymentGone(page, js, 'team-wiki');
    await expect(page.getByText('Nothing deployed yet')).toBeVisible();
  });
});
