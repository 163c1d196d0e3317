import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/patch-dependencies.mjs', import.meta.url));

describe('fixes to dependencies (scripts/patch-dependencies.mjs, run at postinstall)', () => {
  it('are all in place in the installed packages', () => {
    // After an upgrade or an install without scripts this fails and shows the script's report.
    const result = spawnSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8' });
    const report = `${result.stdout}${result.stderr}`;
    expect(report).not.toMatch(/pending|missing|its fixes are for/);
    expect(report).toMatch(/applied @trpc\/server/);
    expect(report).toMatch(/applied drizzle-orm/);
    expect(result.status).toBe(0);
  });
});
