import { test as base, expect, type BrowserContext, type Locator, type Page, type Response } from '@playwright/test';

/** A person made by the sign-up form for one test. */
export interface Account {
  name: string;
  email: string;
  password: string;
  org: string;
}

/** The demo accounts seeded by `agora serve --demo`. */
export const DEMO = {
  operator: { email: 'operator@agora.test', password: 'operator-demo-pass', org: 'Agora Operations' },
  vendor: { email: 'vendor@agora.test', password: 'vendor-demo-pass', org: 'Acme Software' },
  tenant: { email: 'tenant@agora.test', password: 'tenant-demo-pass', org: 'Globex Corporation' },
} as const;

/** A short random suffix that keeps names unique across tests, projects and runs. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** A fresh account's details (not yet created). */
export function newAccount(label = 'user'): Account {
  const id = unique();
  return {
    name: `E2E ${label} ${id}`,
    email: `e2e-${label}-${id}@example.test`,
    password: `pw-${id}-long-enough`,
    org: `E2E Org ${id}`,
  };
}

/**
 * Marks the page as hydrated once the WASM module is instantiated: the Leptos
 * loader calls `hydrate()` in the microtasks right after, so by the next task
 * the page is interactive. Only read by `waitForHydration`.
 */
const HYDRATION_HOOK = `(() => {
  if (typeof WebAssembly === 'undefined' || window.__agoraHookInstalled) return;
  window.__agoraHookInstalled = true;
  window.__agoraHydrated = false;
  const mark = () => setTimeout(() => { window.__agoraHydrated = true; }, 0);
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...args) {
      const result = original.apply(this, args);
      Promise.resolve(result).then(mark, () => {});
      return result;
    };
  }
})();`;

type Fixtures = {
  /** Whether this project runs with JavaScript (the hydrated app). */
  js: boolean;
  /**
   * Opens a page in a new browser context of its own (its own cookies: another
   * person), with this project's settings. Closed when the test ends.
   */
  newPerson: () => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  js: async ({}, use, testInfo) => {
    await use(testInfo.project.use.javaScriptEnabled !== false);
  },
  context: async ({ context }, use) => {
    await context.addInitScript(HYDRATION_HOOK);
    await use(context);
  },
  newPerson: async ({ browser, contextOptions }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const o = testInfo.project.use;
      const context = await browser.newContext({
        ...contextOptions,
        baseURL: o.baseURL,
        viewport: o.viewport,
        isMobile: o.isMobile,
        hasTouch: o.hasTouch,
        userAgent: o.userAgent,
        deviceScaleFactor: o.deviceScaleFactor,
        javaScriptEnabled: o.javaScriptEnabled,
        locale: o.locale,
        timezoneId: o.timezoneId,
      });
      contexts.push(context);
      await context.addInitScript(HYDRATION_HOOK);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };

/** Waits until the Leptos app on the page is hydrated (no-op without JavaScript). */
export async function waitForHydration(page: Page, js: boolean): Promise<void> {
  if (!js) return;
  await page.waitForFunction(() => (window as unknown as { __agoraHydrated?: boolean }).__agoraHydrated === true, null, {
    timeout: 15_000,
  });
}

/** Opens a page of the app and, with JavaScript, waits until it is hydrated. */
export async function open(page: Page, path: string, js: boolean): Promise<Response | null> {
  const response = await page.goto(path);
  await waitForHydration(page, js);
  return response;
}

/** The header's label of the active organisation. */
export function activeOrg(page: Page): Locator {
  return page.locator('.nav-org');
}

/** Creates an account through the sign-up form; ends on the dashboard. */
export async function signUp(page: Page, js: boolean, account: Account = newAccount()): Promise<Account> {
  await open(page, '/signup', js);
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Work email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByLabel('Organisation name').fill(account.org);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(activeOrg(page)).toHaveText(account.org);
  await waitForHydration(page, js);
  return account;
}

/** Logs in through the log-in form; ends on `next` or the dashboard. */
export async function logIn(page: Page, js: boolean, email: string, password: string, next?: string): Promise<void> {
  await open(page, next ? `/login?next=${encodeURIComponent(next)}` : '/login', js);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const target = next ?? '/dashboard';
  await expect(page).toHaveURL((url) => url.pathname === target.split('?')[0]);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await waitForHydration(page, js);
}

/** The dashboard card of the (single) deployment of `app`. */
export function deploymentCard(page: Page, app: string): Locator {
  return page.locator(`li.deployment[data-app="${app}"]`);
}

/**
 * Waits until the deployment of `app` on the dashboard reaches `status`. With
 * JavaScript the dashboard polls by itself; without it, reload (bounded).
 */
export async function waitForDeploymentStatus(
  page: Page,
  js: boolean,
  app: string,
  status: string,
  timeoutMs = 25_000,
): Promise<void> {
  const card = deploymentCard(page, app);
  if (js) {
    await expect(card).toHaveAttribute('data-status', status, { timeout: timeoutMs });
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const current = await card.getAttribute('data-status', { timeout: 2_000 }).catch(() => null);
    if (current === status) return;
    await page.waitForTimeout(1_000);
    // The no-JS dashboard may refresh itself (meta refresh) at the same moment.
    await page.goto('/dashboard', { waitUntil: 'domcontentloaded' }).catch(() => undefined);
  }
  await expect(card).toHaveAttribute('data-status', status, { timeout: 2_000 });
}

/** Waits until no deployment of `app` is listed (bounded reload loop without JavaScript). */
export async function waitForDeploymentGone(page: Page, js: boolean, app: string, timeoutMs = 25_000): Promise<void> {
  const card = deploymentCard(page, app);
  if (js) {
    await expect(card).toHaveCount(0, { timeout: timeoutMs });
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const count = await card.count();
    if (count === 0 && (await page.getByRole('heading', { name: 'Deployments' }).isVisible())) return;
    await page.waitForTimeout(1_000);
    await page.goto('/dashboard', { waitUntil: 'domcontentloaded' }).catch(() => undefined);
  }
  await expect(card).toHaveCount(0, { timeout: 2_000 });
}

