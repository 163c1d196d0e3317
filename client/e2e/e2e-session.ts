import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { openBrowser } from './browser.ts';
import { startTasklane } from './tasklane-server.ts';

/**
 * The hooks every browser suite needs: one real server per file, a fresh browser profile
 * per test, and a test that fails if the page requested another host or threw.
 */
export function setUpBrowserSuite() {
  let server: Awaited<ReturnType<typeof startTasklane>> | undefined;
  let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;

  beforeAll(async () => {
    server = await startTasklane();
  });
  afterAll(() => server?.close());

  beforeEach(async () => {
    browser = await openBrowser();
  });
  afterEach(async () => {
    const problems = browser!.problems();
    await browser!.close();
    expect(problems).toEqual({ blocked: [], pageErrors: [] });
  });

  return {
    get origin(): string {
      return server!.origin;
    },
    get page(): Page {
      return browser!.page;
    },
  };
}
