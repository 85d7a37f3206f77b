import { defineConfig, devices } from '@playwright/test';

/**
 * Agora's browser tests.
 *
 * Four projects: desktop and mobile, each with JavaScript (hydrated Leptos app)
 * and without (plain HTML forms posted by the browser). Every test makes its own
 * account, so tests are independent and run in parallel.
 *
 * Run from the repository root:  npx playwright test -c end2end/playwright.config.ts
 * or from this folder:           npx playwright test
 *
 * The server is started fresh (empty database, demo data) by start-server.sh.
 * AGORA_E2E_BIN, AGORA_E2E_SITE_ROOT and AGORA_E2E_PORT choose the binary, the
 * built site and the port.
 */

const port = Number(process.env.AGORA_E2E_PORT ?? 4100);
const baseURL = `http://127.0.0.1:${port}`;

const launchOptions = {
  executablePath: process.env.AGORA_E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const desktop = {
  browserName: 'chromium' as const,
  viewport: { width: 1280, height: 800 },
  launchOptions,
};

const mobile = {
  ...devices['Pixel 7'],
  browserName: 'chromium' as const,
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  launchOptions,
};

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: './playwright-report', open: 'never' }]],
  use: {
    baseURL,
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-GB',
    timezoneId: 'UTC',
  },
  projects: [
    { name: 'desktop-js', use: { ...desktop, javaScriptEnabled: true } },
    { name: 'mobile-js', use: { ...mobile, javaScriptEnabled: true } },
    { name: 'desktop-nojs', use: { ...desktop, javaScriptEnabled: false } },
    { name: 'mobile-nojs', use: { ...mobile, javaScriptEnabled: false } },
  ],
  webServer: {
    command: 'bash ./start-server.sh',
    cwd: __dirname,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { AGORA_E2E_PORT: String(port) },
  },
});
