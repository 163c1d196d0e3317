import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/patch-dependencies.mjs', import.meta.url));

describe('fixes to dependencies (scripts/patch-dependencies.mjs, run at postinstall)', () => {
  it('are all in place in the installed packages', () => {
    // Fails, with the script's explanation, after an upgrade or an install without scripts.
    const output = execFileSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8' });
    expect(output).not.toMatch(/pending|missing/);
    expect(output).toMatch(/applied @electric-sql\/pglite/);
    expect(output).toMatch(/applied @trpc\/server/);
  });
});
