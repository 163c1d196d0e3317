import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser.ts';
import { setUpBrowsers } from './e2e-session.ts';

/**
 * Two people on one board, each in a browser of their own: Ada (admin) changes it, Max
 * (member) sees her changes as they happen, without reloading. The seeded "Launch site"
 * board of Acme Rockets, on a server of this file's own.
 */
const session = setUpBrowsers(2);

/** How soon the other person sees a change, from the moment the server answered it. */
const LIVE_WITHIN_MS = 1000;

const column = (page: Page, name: 'To do' | 'Doing' | 'Done') =>
  page.getByRole('region', { name: new RegExp(`^${name} \\(`) });
const liveStatus = (page: Page) => page.locator('.live-status');

/** Waits for the answer of a tRPC procedure (alone or in a batch). */
const answerOf = (page: Page, procedure: string) =>
  page.waitForResponse((response) => response.url().includes(procedure));

async function openBoardAs(page: Page, name: string) {
  await page.goto(`${session.origin}/sign-in`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByRole('heading', { name: 'Home' }).waitFor();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Projects' })
    .click();
  await page.getByRole('link', { name: 'Launch site' }).click();
  await column(page, 'To do').getByRole('article').first().waitFor();
  await liveStatus(page).getByText('Live', { exact: true }).waitFor();
}

/** Board requests a page made from now on (`tasks.list`), counted when their answer is in. */
function countBoardFetches(page: Page) {
  let finished = 0;
  page.on('requestfinished', (request) => {
    if (request.url().includes('tasks.list')) finished += 1;
  });
  return () => finished;
}

/** Marks the document: the mark is gone if the page reloads or navigates away. */
async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { e2eMark: boolean }).e2eMark = true;
  });
  return async () =>
    page.evaluate(() => (window as unknown as { e2eMark?: boolean }).e2eMark === true);
}

async function createTask(page: Page, title: string) {
  await page.getByRole('textbox', { name: 'New task' }).fill(title);
  const created = answerOf(page, 'tasks.create');
  await page.getByRole('button', { name: 'Add task' }).click();
  expect((await created).status()).toBe(200);
  return Date.now();
}

describe('the live board in Chromium, two people', () => {
  it("B sees A's move and A's new task within 1 s, without reloading, and says Live", async () => {
    const [ada, max] = session.pages as [Page, Page];
    const maxFetches = countBoardFetches(max);
    await Promise.all([openBoardAs(ada, 'Ada Admin'), openBoardAs(max, 'Max Member')]);
    // Max's stream started with nothing to resume from, so his board was fetched again once:
    // wait for it, so the fetches counted below can only be caused by Ada's changes.
    await expect.poll(maxFetches, { timeout: 10_000 }).toBe(2);
    const sameDocument = await markDocument(max);

    // Ada moves a card with the keyboard: To do → Doing.
    const title = 'Fence off the blast zone';
    const card = column(ada, 'To do').getByRole('article', { name: title });
    const key = await card.locator('.task-key').innerText();
    const moved = answerOf(ada, 'tasks.move');
    await ada.getByRole('button', { name: `Move ${key}` }).focus();
    await ada.keyboard.press('ArrowRight');
    expect((await moved).status()).toBe(200);
    const moveDone = Date.now();
    await column(max, 'Doing').getByRole('article', { name: title }).waitFor({ timeout: 10_000 });
    const moveSeenAfter = Date.now() - moveDone;
    expect(await column(max, 'To do').getByRole('article', { name: title }).count()).toBe(0);

    // Ada adds a task.
    const newTitle = 'Book the range safety officer';
    const createDone = await createTask(ada, newTitle);
    await column(max, 'To do')
      .getByRole('article', { name: newTitle })
      .waitFor({ timeout: 10_000 });
    const createSeenAfter = Date.now() - createDone;

    console.info(
      `live board: Max saw the move ${moveSeenAfter} ms and the new task ${createSeenAfter} ms after the server answered Ada`,
    );
    expect(moveSeenAfter).toBeLessThan(LIVE_WITHIN_MS);
    expect(createSeenAfter).toBeLessThan(LIVE_WITHIN_MS);
    expect(await liveStatus(max).innerText()).toBe('Live');
    expect(await sameDocument(), 'Max never reloaded').toBe(true);
    expect(maxFetches(), 'applied from the events, not fetched').toBe(2);
    await screenshot(max, '20-live-board-other-user');
  });

  it('the stream outlives the session token it was opened with: B reconnects with a fresh one and misses nothing', {
    timeout: 150_000,
  }, async () => {
    const [ada, max] = session.pages as [Page, Page];
    const connects: Promise<Record<string, string>>[] = [];
    const urls: string[] = [];
    max.on('request', (request: Request) => {
      if (!request.url().includes('/trpc/board.events')) return;
      urls.push(request.url());
      connects.push(request.allHeaders());
    });
    const maxFetches = countBoardFetches(max);
    await Promise.all([openBoardAs(ada, 'Ada Admin'), openBoardAs(max, 'Max Member')]);
    await expect.poll(maxFetches, { timeout: 10_000 }).toBe(2);
    const sameDocument = await markDocument(max);

    await createTask(ada, 'Before the token expires');
    await column(max, 'To do').getByRole('article', { name: 'Before the token expires' }).waitFor();

    // Local session tokens live 60 s and nothing shortens them. Once the token Max's stream
    // was opened with has expired, the server ends the stream (at the latest when it next
    // has something to send) and Max's EventSource connects again, resuming after his last
    // event: Ada's change made now reaches him through that.
    const [opening] = await Promise.all(connects);
    const expiresAt = tokenExpiry(opening!.authorization!);
    await expect.poll(() => Date.now() > expiresAt, { timeout: 90_000, interval: 250 }).toBe(true);
    const createDone = await createTask(ada, 'After the token expired');
    await column(max, 'To do').getByRole('article', { name: 'After the token expired' }).waitFor({
      timeout: 15_000,
    });
    console.info(
      `live board: across the reconnect, Max saw the new task ${Date.now() - createDone} ms after the server answered Ada`,
    );
    await liveStatus(max).getByText('Live', { exact: true }).waitFor();

    const headers = await Promise.all(connects);
    expect(headers).toHaveLength(2);
    const [first, second] = headers.map((h) => h.authorization);
    expect(second).toMatch(/^Bearer \S+$/);
    expect(tokenExpiry(second!), 'a fresh token for the new connection').toBeGreaterThan(expiresAt);
    expect(headers[1]!['last-event-id'], 'resumed after the last event').toMatch(/^\d+$/);
    for (const url of urls) {
      for (const authorization of [first, second]) {
        expect(url).not.toContain(authorization!.slice('Bearer '.length));
      }
    }
    expect(await sameDocument(), 'Max never reloaded').toBe(true);
    expect(maxFetches(), 'resumed from the events, not fetched again').toBe(2);
    expect(await max.getByText("Can't reach Tasklane").count()).toBe(0);
  });
});

/** When a session token (`Bearer <jwt>`) expires, in ms since the epoch. */
function tokenExpiry(authorization: string): number {
  const payload = authorization.replace(/^Bearer /, '').split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number }).exp * 1000;
}
