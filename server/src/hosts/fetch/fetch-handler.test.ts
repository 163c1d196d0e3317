import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('./fetch-handler.ts', import.meta.url));

/** Packages that only exist on Node, or tie the core to one framework or database driver. */
const NODE_ONLY =
  /^(node:|pg$|@electric-sql\/pglite|express|fastify|@fastify\/|@clerk\/express|@clerk\/fastify|helmet|cors$|tsx)/;

/** Every module the core loads at run time (type-only imports are erased), and its specifiers. */
function runtimeImports(entry: string) {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.set(specifier, file);
    }
  };
  visit(entry);
  return { files: seen, packages };
}

describe('the fetch handler core', () => {
  it('loads no Node-only module, so it runs on any runtime with Request and Response', () => {
    const { files, packages } = runtimeImports(CORE);
    expect(files.size).toBeGreaterThan(10);
    expect(packages.has('@trpc/server/adapters/fetch')).toBe(true);
    const offenders = [...packages].filter(([specifier]) => NODE_ONLY.test(specifier));
    expect(offenders).toEqual([]);
  });
});
