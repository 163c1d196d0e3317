import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { openBrowser } from './browser.ts';
import { startTasklane } from './tasklane-server.ts';

/**
 * The hooks every browser suite needs: one real server per file, a fresh browser profile
 * per test, and a test that fails if the page requested another host or threw.
 */
export function setUpBrowserSuite() {
  const suite = setUpBrowsers(1);
  return {
    get origin(): string {
      return suite.origin;
    },
    get page(): Page {
      return suite.pages[0]!;
    },
  };
}

/**
 * The same with `count` browsers per test, each with a profile of its own: as many people
 * signed in at once, each with their own session cookie.
 */
export function setUpBrowsers(count: number) {
  let server: Awaited<ReturnType<typeof startTasklane>> | undefined;
  let browsers: Awaited<ReturnType<typeof openBrowser>>[] = [];

  beforeAll(async () => {
    server = await startTasklane();
  });
  afterAll(() => server?.close());

  beforeEach(async () => {
    browsers = await Promise.all(Array.from({ length: count }, () => openBrowser()));
  });
  afterEach(async () => {
    const problems = browsers.map((browser) => browser.problems());
    await Promise.all(browsers.map((browser) => browser.close()));
    for (const found of problems) expect(found).toEqual({ blocked: [], pageErrors: [] });
  });

  return {
    get origin(): string {
      return server!.origin;
    },
    get pages(): Page[] {
      return browsers.map((browser) => browser.page);
    },
  };
}
