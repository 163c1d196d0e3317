import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { setUpBrowserSuite } from './e2e-session.ts';

const session = setUpBrowserSuite();
let page: Page;
beforeEach(() => {
  page = session.page;
});

const path = () => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

async function signInAs(name: string) {
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
}

/** The value shown next to a label in the home page's facts list. */
async function fact(label: string) {
  return page
    .locator('dt', { hasText: label })
    .locator('xpath=following-sibling::dd[1]')
    .innerText();
}

describe('local auth mode in Chromium', () => {
  it('member signs in, sees org and role, stays signed in on reload, and is refused /admin', async () => {
    await page.goto(`${session.origin}/`);
    await page.getByRole('heading', { name: 'Sign in to Tasklane' }).waitFor();
    expect(path()).toBe('/sign-in');
    await page.getByText('Admin of Acme Rockets').waitFor();
    await screenshot(page, '01-sign-in');

    await signInAs('Max Member');
    await page.getByRole('heading', { name: 'Home' }).waitFor();
    await page.locator('dt', { hasText: 'Your role' }).waitFor();
    expect(path()).toBe('/');
    expect(await fact('Signed in as')).toBe('user_demo_max');
    expect(await fact('Active organization')).toContain('acme');
    expect(await fact('Your role')).toBe('Member');
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await screenshot(page, '02-home-member');

    await page.reload();
    await page.locator('dt', { hasText: 'Your role' }).waitFor();
    expect(path()).toBe('/');
    expect(await fact('Your role')).toBe('Member');

    await page.goto(`${session.origin}/admin`);
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Organization admins only.');
    await screenshot(page, '03-admin-refused-member');
  });

  it('admin is sent to sign in from /admin, comes back to it, and the server confirms admin', async () => {
    await page.goto(`${session.origin}/admin`);
    await page.getByRole('heading', { name: 'Sign in to Tasklane' }).waitFor();
    expect(path()).toBe('/sign-in?returnTo=%2Fadmin');

    await signInAs('Ada Admin');
    await page.getByText('Confirmed by the server').waitFor();
    expect(path()).toBe('/admin');
    await page.getByRole('link', { name: 'Admin' }).waitFor();
    await screenshot(page, '04-admin-confirmed');
  });

  it('switching to no organization drops admin; signing out returns to sign in for good', async () => {
    await page.goto(`${session.origin}/sign-in`);
    await signInAs('Ada Admin');
    await page.locator('dt', { hasText: 'Your role' }).waitFor();
    expect(await fact('Your role')).toBe('Admin');

    await page
      .getByRole('combobox', { name: 'Organization' })
      .selectOption({ label: 'No organization' });
    await page.getByText('You have no active organization.').waitFor();
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await screenshot(page, '05-no-organization');

    // A copy of the session cookie, as someone who copied it from this browser would hold.
    const copied = (await page.context().cookies()).find(
      (c) => c.name === 'tasklane_local_session',
    );
    if (!copied) throw new Error('signed in, yet no tasklane_local_session cookie to copy');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Tasklane' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, '06-signed-out');

    const refused = await fetch(`${session.origin}/auth/local/token`, {
      method: 'POST',
      headers: { cookie: `${copied.name}=${copied.value}`, origin: session.origin },
    });
    expect(refused.status).toBe(401);

    // The session is gone on the server too: reloading home lands on sign in again.
    await page.goto(`${session.origin}/`);
    await page.getByRole('heading', { name: 'Sign in to Tasklane' }).waitFor();
    expect(path()).toBe('/sign-in');
  });

  it('refreshes the 60 s session token before it expires, and API calls use the new one', async () => {
    // The page's clock is ours to move; the server keeps real time and checks every token.
    await page.clock.install();
    const apiTokens: string[] = [];
    page.on('request', (request) => {
      const authorization = request.headers().authorization;
      if (request.url().includes('/trpc/') && authorization) apiTokens.push(authorization);
    });
    await page.goto(`${session.origin}/sign-in`);
    await signInAs('Max Member');
    await page.locator('dt', { hasText: 'Your role' }).waitFor();
    const firstToken = apiTokens.at(-1);
    expect(firstToken).toMatch(/^Bearer /);

    const refresh = page.waitForResponse(
      (response) =>
        response.url().endsWith('/auth/local/token') && response.request().method() === 'POST',
    );
    await page.clock.fastForward(46_000); // past the refresh point (15 s before expiry)
    const { token } = (await (await refresh).json()) as { token: string };
    expect(`Bearer ${token}`).not.toBe(firstToken);

    // Coming back to the tab (React Query listens on window) refetches the now stale
    // queries: they carry the new token.
    const refetch = page.waitForResponse((response) => response.url().includes('/trpc/'));
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    expect((await refetch).status()).toBe(200);
    expect(apiTokens.at(-1)).toBe(`Bearer ${token}`);
    expect(await fact('Your role')).toBe('Member');
  });
});
