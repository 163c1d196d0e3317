import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { setUpBrowserSuite } from './e2e-session.ts';

/**
 * The product screens against the real server and the seeded demo board (Acme Rockets).
 * The tests share one server and run in order: the admin's changes come after the member's.
 */
const session = setUpBrowserSuite();
let page: Page;
beforeEach(() => {
  page = session.page;
});

async function signInAs(name: string) {
  await page.goto(`${session.origin}/sign-in`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByRole('heading', { name: 'Home' }).waitFor();
}

const column = (name: 'To do' | 'Doing' | 'Done') =>
  page.getByRole('region', { name: new RegExp(`^${name} \\(`) });

/** Waits for the answer of a tRPC procedure (alone or in a batch). */
const answerOf = (procedure: string) =>
  page.waitForResponse((response) => response.url().includes(procedure));

const TITLE = 'Check the launch weather';

describe('product screens in Chromium', () => {
  it('a member creates a task, moves it by keyboard and by drag, edits and comments; all of it persists', async () => {
    await page.goto(`${session.origin}/`);
    await page.getByRole('heading', { name: 'Sign in to Tasklane' }).waitFor();
    await screenshot(page, '10-sign-in');
    await page.getByRole('button', { name: 'Sign in as Max Member' }).click();

    // Home: organization, role, my open tasks.
    await page.getByRole('heading', { name: 'My open tasks' }).waitFor();
    await page.getByRole('link', { name: /ACME-\d+ Install the fuel lines/ }).waitFor();
    expect(await page.locator('dt:has-text("Your role") + dd').innerText()).toBe('Member');
    await screenshot(page, '11-home');

    // Projects, with open task counts.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Projects' })
      .click();
    await page.getByRole('link', { name: 'Launch site' }).waitFor();
    await page.getByText('4 open tasks').first().waitFor();
    expect(await page.getByRole('button', { name: /^Archive/ }).count()).toBe(0);
    await screenshot(page, '12-projects');

    // Board: create a task.
    await page.getByRole('link', { name: 'Launch site' }).click();
    await page.getByRole('heading', { name: 'Launch site' }).waitFor();
    await column('To do').getByRole('article', { name: 'Fence off the blast zone' }).waitFor();
    await page.getByRole('textbox', { name: 'New task' }).fill(TITLE);
    await page
      .getByLabel('Assignee', { exact: true })
      .first()
      .selectOption({ label: 'Max Member' });
    await page.getByLabel('Due date').fill('2030-01-15');
    const created = answerOf('tasks.create');
    await page.getByRole('button', { name: 'Add task' }).click();
    expect((await created).status()).toBe(200);
    const card = column('To do').getByRole('article', { name: TITLE });
    await card.waitFor();
    const key = await card.locator('.task-key').innerText();
    expect(key).toMatch(/^ACME-\d+$/);
    await card.getByText('Due 2030-01-15').waitFor();

    // Keyboard: the move handle takes arrow keys; the move is announced.
    const moved = answerOf('tasks.move');
    await page.getByRole('button', { name: `Move ${key}` }).focus();
    await page.keyboard.press('ArrowRight');
    await column('Doing').getByRole('article', { name: TITLE }).waitFor();
    expect((await moved).status()).toBe(200);
    await page.getByText(`Moved ${key} to Doing`).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Move ${key}`,
    );

    // Drag and drop: Doing → Done.
    const dragged = answerOf('tasks.move');
    await column('Doing')
      .getByRole('article', { name: TITLE })
      .dragTo(column('Done').getByRole('list'));
    await column('Done').getByRole('article', { name: TITLE }).waitFor();
    expect((await dragged).status()).toBe(200);
    await screenshot(page, '13-board');

    // Task detail: edit the description, add a comment.
    await column('Done').getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: `${key} ${TITLE}` }).waitFor();
    await page.getByLabel('Description').fill('Wind under 20 knots at T-0.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByLabel('Add a comment').fill('Forecast looks good for Friday.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.getByText('Forecast looks good for Friday.').waitFor();
    await screenshot(page, '14-task-detail');

    // Reload: everything came from the server.
    await page.reload();
    await page.getByRole('heading', { name: `${key} ${TITLE}` }).waitFor();
    await page.getByText('Forecast looks good for Friday.').waitFor();
    expect(await page.getByLabel('Description').inputValue()).toBe('Wind under 20 knots at T-0.');
    expect(await page.locator('dt:has-text("Status") + dd').innerText()).toBe('Done');
    expect(await page.locator('dt:has-text("Assignee") + dd').innerText()).toBe('Max Member');
    await page.getByRole('link', { name: 'Board' }).click();
    await page.reload();
    await column('Done').getByRole('article', { name: TITLE }).waitFor();

    // The admin pages refuse a member, in the server's words.
    for (const path of ['/admin/audit', '/admin/settings']) {
      await page.goto(`${session.origin}${path}`);
      const refusal = page.getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('Organization admins only.');
    }

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Tasklane' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('an admin archives a project, changes settings, and finds both in the audit log', async () => {
    await signInAs('Ada Admin');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Projects' })
      .click();
    await page.getByRole('button', { name: 'Archive Hiring' }).click();
    await page.getByText('Hiring was archived.').waitFor();
    await page.getByRole('link', { name: 'Hiring' }).waitFor({ state: 'detached' });
    await page.getByLabel('Show archived projects').check();
    await page.getByRole('button', { name: 'Restore Hiring' }).waitFor();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Admin' })
      .click();
    await page.getByText('Confirmed by the server').waitFor();
    const adminNav = page.getByRole('navigation', { name: 'Administration' });
    await adminNav.getByRole('link', { name: 'Settings' }).click();
    const prefix = page.getByLabel('Task key prefix');
    expect(await prefix.inputValue()).toBe('ACME');
    // The shared schema's message, before anything is sent.
    await prefix.fill('R');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('2 to 6 capital letters, e.g. ACME').waitFor();
    await prefix.fill('ROCK');
    await page.getByLabel('Default due in (days)').fill('14');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await screenshot(page, '16-admin-settings');

    await adminNav.getByRole('link', { name: 'Audit log' }).click();
    const log = page.getByRole('table');
    await log.getByRole('row', { name: /Settings changed/ }).waitFor();
    await log.getByRole('row', { name: /Project archived.*Hiring/ }).waitFor();
    expect(await log.getByRole('row', { name: /Settings changed/ }).innerText()).toContain(
      'taskKeyPrefix: "ACME" → "ROCK"',
    );
    await screenshot(page, '15-admin-audit-log');

    await page.getByLabel('Action').selectOption({ label: 'Project archived' });
    await log.getByRole('row', { name: /Settings changed/ }).waitFor({ state: 'detached' });
    await log.getByRole('row', { name: /Project archived.*Hiring/ }).waitFor();

    // Task keys everywhere follow the new prefix.
    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('link', { name: /ROCK-\d+ Permit from the county/ }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Tasklane' }).waitFor();
  });
});
