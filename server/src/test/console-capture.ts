import { formatWithOptions } from 'node:util';
import { vi } from 'vitest';

type Level = 'log' | 'info' | 'warn' | 'error';

/**
 * Silences these console methods and collects each call as the console would print it
 * (without colours), for tests of what the server logs. `vi.restoreAllMocks()` undoes it.
 */
export function captureConsole(...levels: Level[]): string[] {
  const lines: string[] = [];
  for (const level of levels) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(formatWithOptions({ colors: false }, ...args));
    });
  }
  return lines;
}
