import { describe, expect, it } from 'vitest';
import { closeDatabaseWithin } from './close-database.ts';

const closing = (close: () => Promise<void>) => ({ close });
const pendingTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('closeDatabaseWithin', () => {
  it('reports a database that closed, without waiting for the time limit', async () => {
    // A limit longer than the test's own timeout: only an early return lets it pass.
    await expect(
      closeDatabaseWithin(
        closing(async () => {}),
        60_000,
      ),
    ).resolves.toBe('closed');
  });

  it('leaves no timer behind that would hold the process open', async () => {
    const before = pendingTimers();
    await closeDatabaseWithin(
      closing(async () => {}),
      60_000,
    );
    expect(pendingTimers()).toBe(before);
  });

  it('reports a close that never ends once the time limit has passed', async () => {
    const never = closing(() => new Promise<void>(() => {}));
    await expect(closeDatabaseWithin(never, 20)).resolves.toBe('timed out');
  });

  it('reports a close that failed, with its error, instead of throwing', async () => {
    const error = new Error('terminating connection due to administrator command');
    const failing = closing(() => Promise.reject(error));
    await expect(closeDatabaseWithin(failing, 60_000)).resolves.toEqual({ failed: error });
  });
});
