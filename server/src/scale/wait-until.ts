/**
 * Polls `check` until it holds: tests wait on conditions, not on clocks. The deadline is
 * generous (a loaded machine); `describe` says what was seen when it passes.
 */
export async function waitUntil(
  check: () => boolean,
  what: string,
  describe: () => string = () => '',
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}. ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
