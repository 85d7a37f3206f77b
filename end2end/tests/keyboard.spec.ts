import { test, expect, open, newAccount, activeOrg } from './helpers';

test.describe('keyboard', () => {
  test('"Skip to content" is the first tab stop', async ({ page, js }) => {
    await open(page, '/', js);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    // Hidden until focused, then on screen.
    await expect(skip).toBeInViewport();
    await expect(skip).toHaveAttribute('href', '#main');
  });

  test('"Skip to content" moves focus to the page content', async ({ page, js }) => {
    // The skip link has target="_self" so the hydrated router leaves it to the browser.
    await open(page, '/', js);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    // Focus, or at least the sequential focus starting point, is now in <main>:
    // the next tab stop is inside it, not one of the header's links.
    await page.keyboard.press('Tab');
    const focusedInMain = await page.evaluate(() => {
      const main = document.getElementById('main');
      const active = document.activeElement;
      return !!main && !!active && active !== main && main.contains(active);
    });
    expect(focusedInMain, 'the tab after "Skip to content" lands inside <main>').toBe(true);
  });

  test('the sign-up form can be filled and sent with the keyboard only', async ({ page, js }) => {
    const account = newAccount('keys');
    await open(page, '/signup', js);
    const name = page.getByLabel('Your name');
    // Tab from the top of the page to the first field (bounded).
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await name.evaluate((el) => el === document.activeElement)) break;
    }
    await expect(name).toBeFocused();
    await page.keyboard.type(account.name);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Work email')).toBeFocused();
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(account.password);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Organisation name')).toBeFocused();
    await page.keyboard.type(account.org);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Create account' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(activeOrg(page)).toHaveText(account.org);
  });
});
