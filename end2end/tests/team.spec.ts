import { test, expect, open, signUp, newAccount, activeOrg, deploymentCard, waitForDeploymentStatus } from './helpers';

test('an invited member joins the organisation and may look but not operate', async ({ page, js, newPerson }) => {
  test.setTimeout(120_000);
  const owner = await signUp(page, js, newAccount('owner'));
  const member = newAccount('member');

  await test.step('the owner deploys an app', async () => {
    await open(page, '/apps/company-site', js);
    await page.getByRole('button', { name: 'Get it free: Free plan' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await waitForDeploymentStatus(page, js, 'company-site', 'running');
    await expect(deploymentCard(page, 'company-site').getByRole('button', { name: 'Stop' })).toBeVisible();
  });

  let link = '';
  await test.step('the owner invites a member by email', async () => {
    await open(page, '/team', js);
    await expect(page.getByRole('heading', { level: 1, name: owner.org })).toBeVisible();
    const invite = page.getByRole('region', { name: 'Invite someone' });
    await expect(invite.getByText('No pending invitations.')).toBeVisible();
    await invite.getByLabel('Email').fill(member.email);
    await expect(invite.getByLabel('Role')).toHaveValue('member');
    await invite.getByRole('button', { name: 'Create invitation' }).click();
    const status = invite.getByRole('status');
    await expect(status).toContainText(`Send this link to ${member.email}`);
    const field = invite.getByRole('textbox', { name: 'Invitation link' });
    await expect(field).toHaveValue(/\/invite\/[^/]+$/);
    link = await field.inputValue();
    await expect(invite.getByRole('listitem').filter({ hasText: member.email })).toContainText('Member');
  });

  await test.step('the invited person signs up with that email and accepts', async () => {
    const memberPage = await newPerson();
    await signUp(memberPage, js, member);
    await open(memberPage, new URL(link).pathname, js);
    await expect(memberPage.getByRole('heading', { level: 1, name: `Join ${owner.org}` })).toBeVisible();
    await expect(memberPage.getByText(`You were invited as Member (${member.email}).`)).toBeVisible();
    await memberPage.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(memberPage).toHaveURL(/\/dashboard$/);
    await expect(activeOrg(memberPage)).toHaveText(owner.org);
    // Their own organisation is one switch away.
    await expect(memberPage.getByLabel('Switch organisation')).toContainText(member.org);

    await test.step('a member sees deployments without the buttons to operate them', async () => {
      const card = deploymentCard(memberPage, 'company-site');
      await expect(card).toBeVisible();
      await expect(card).toHaveAttribute('data-status', 'running');
      await expect(card.locator('a.app-url')).toBeVisible();
      await expect(card.getByRole('button', { name: 'Stop' })).toHaveCount(0);
      await expect(card.getByRole('link', { name: 'Delete' })).toHaveCount(0);
      await expect(card.getByRole('button')).toHaveCount(0);
      // Nor on the deployment's own page, even when asked to confirm a deletion.
      const href = await card.getByRole('heading', { name: 'Company Site' }).getByRole('link').getAttribute('href');
      await open(memberPage, `${href}?confirm=delete`, js);
      await expect(deploymentCard(memberPage, 'company-site')).toBeVisible();
      await expect(memberPage.getByRole('heading', { name: 'Delete Company Site?' })).toHaveCount(0);
      await expect(memberPage.getByRole('main').getByRole('button')).toHaveCount(0);
      await expect(memberPage.getByRole('main').getByRole('link', { name: 'Delete' })).toHaveCount(0);
    });

    await test.step('and cannot subscribe', async () => {
      await open(memberPage, '/apps/team-wiki', js);
      await expect(memberPage.getByText('Only owners and admins of your organisation can subscribe.')).toBeVisible();
      await expect(memberPage.getByRole('region', { name: 'Plans' }).getByRole('button')).toHaveCount(0);
    });
  });

  await test.step("the owner's team page lists the new member", async () => {
    await open(page, '/team', js);
    const row = page.getByRole('region', { name: 'Members' }).getByRole('row').filter({ hasText: member.email });
    await expect(row).toContainText(member.name);
    await expect(row.getByRole('cell', { name: 'Member', exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Invite someone' }).getByText('No pending invitations.')).toBeVisible();
  });
});
