#!/usr/bin/env node
/**
 * Two fixes to PGlite 0.5.16's result parsing, applied after `npm install` (postinstall).
 * Both keep every result exactly as it was; they only stop needless allocation, which is
 * most of PGlite's JavaScript cost of reading rows (README, Performance: "PGlite's parser").
 *
 * 1. `BufferReader.bytes()` copied every field of every row into a fresh `ArrayBuffer`
 *    (`buffer.slice`) just to decode it as text once. A view over the same bytes decodes
 *    the same. Every caller decodes (or copies) at once, before the parser reuses its buffer.
 * 2. `parseResults()` spread all ~320 of the instance's parsers into a new object for every
 *    query that passes its own `parsers` (Drizzle passes them on every query). An object
 *    whose prototype is the instance's parsers finds the same parser for every type.
 *
 * Upstream: electric-sql/pglite, `packages/pg-protocol/src/buffer-reader.ts` and
 * `packages/pglite/src/parse.ts` (PR #1050 reworks the latter). Drop this script once a
 * release carries equivalent fixes; `server/src/db/pglite-patch.test.ts` fails when the
 * installed PGlite no longer matches, so a version bump cannot lose it silently.
 *
 *   node scripts/patch-pglite.mjs           apply (idempotent)
 *   node scripts/patch-pglite.mjs --check   exit 1 unless every fix is in place
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const PGLITE_VERSION = '0.5.16';

/** Exact minified text of 0.5.16's ESM chunk and CommonJS bundle, before and after. */
export const FIXES = [
  {
    name: 'field bytes are a view, not a copy (ESM)',
    file: 'dist/chunk-Y6PULSM7.js',
    before:
      'bytes(t){let n=r(this,x).buffer.slice(r(this,w),r(this,w)+t);return d(this,w,r(this,w)+t),new Uint8Array(n)}',
    after:
      'bytes(t){let n=new Uint8Array(r(this,x).buffer,r(this,w),t);return d(this,w,r(this,w)+t),n}',
  },
  {
    name: 'per-query parsers layered over the defaults (ESM)',
    file: 'dist/chunk-Y6PULSM7.js',
    before: 'm=n?.parsers?{...t,...n.parsers}:t;',
    after: 'm=n?.parsers?Object.assign(Object.create(t),n.parsers):t;',
  },
  {
    name: 'field bytes are a view, not a copy (CommonJS)',
    file: 'dist/index.cjs',
    before:
      'bytes(t){let r=c(this,he).buffer.slice(c(this,j),c(this,j)+t);return y(this,j,c(this,j)+t),new Uint8Array(r)}',
    after:
      'bytes(t){let r=new Uint8Array(c(this,he).buffer,c(this,j),t);return y(this,j,c(this,j)+t),r}',
  },
  {
    name: 'per-query parsers layered over the defaults (CommonJS)',
    file: 'dist/index.cjs',
    before: '_=r?.parsers?{...t,...r.parsers}:t;',
    after: '_=r?.parsers?Object.assign(Object.create(t),r.parsers):t;',
  },
];

function count(text, part) {
  return text.split(part).length - 1;
}

/** Where PGlite is installed, and which version. */
export function locatePglite(from = import.meta.url) {
  const main = createRequire(from).resolve('@electric-sql/pglite');
  let root = dirname(main);
  while (!root.endsWith(join('@electric-sql', 'pglite'))) root = dirname(root);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return { root, version };
}

/** Each fix's state in the installed files: 'applied', 'pending' or 'missing' (text not found). */
export function inspect(root) {
  return FIXES.map((fix) => {
    const text = readFileSync(join(root, fix.file), 'utf8');
    const state =
      count(text, fix.after) === 1 && count(text, fix.before) === 0
        ? 'applied'
        : count(text, fix.before) === 1 && count(text, fix.after) === 0
          ? 'pending'
          : 'missing';
    return { ...fix, state };
  });
}

function apply(root) {
  for (const fix of inspect(root)) {
    if (fix.state !== 'pending') continue;
    const path = join(root, fix.file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(fix.before, fix.after));
  }
}

function main() {
  const check = process.argv.includes('--check');
  const { root, version } = locatePglite();
  if (version !== PGLITE_VERSION) {
    // Not an install failure: the app works unpatched, only slower. The test says so loudly.
    console.warn(
      `patch-pglite: PGlite ${version} is installed; these fixes are for ${PGLITE_VERSION}. ` +
        'Nothing patched: check whether the new release still needs them, then update or drop scripts/patch-pglite.mjs.',
    );
    process.exit(check ? 1 : 0);
  }
  if (!check) apply(root);
  const states = inspect(root);
  for (const fix of states) console.log(`patch-pglite: ${fix.state.padEnd(7)} ${fix.name}`);
  if (states.some((fix) => fix.state !== 'applied')) {
    console.error(`patch-pglite: ${root} does not hold PGlite ${PGLITE_VERSION}'s expected text.`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
