#!/usr/bin/env node
/**
 * Small, exact fixes to installed dependencies, applied after `npm install` (postinstall).
 * Each one cuts CPU time the benchmark found in a library's own code and changes no result;
 * each package's file in `scripts/dependency-patches/` says what and why (README,
 * Performance: "Fixes to dependencies").
 *
 * A fix is an exact text replacement in the installed package, for one exact version. After
 * an upgrade nothing is patched and `server/src/dependency-patches.test.ts` fails, saying so:
 * check whether the new release still needs the fix, then update or drop it.
 *
 *   node scripts/patch-dependencies.mjs           apply (idempotent)
 *   node scripts/patch-dependencies.mjs --check   exit 1 unless every fix is in place
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import drizzleOrm from './dependency-patches/drizzle-orm.mjs';
import trpcServer from './dependency-patches/trpc-server.mjs';

const PATCHES = [trpcServer, drizzleOrm];

function count(text, part) {
  return text.split(part).length - 1;
}

/** The installed package's root directory and version; null when it is not installed. */
function locate(name) {
  let entry;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    return null;
  }
  let root = dirname(entry);
  while (!root.endsWith(join('node_modules', ...name.split('/')))) {
    if (dirname(root) === root) throw new Error(`patch-dependencies: cannot find ${name}`);
    root = dirname(root);
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return { root, version };
}

/** Each fix's state: 'applied', 'pending', or 'missing' (neither text found exactly once). */
function inspect(root, fixes) {
  return fixes.map((fix) => {
    const text = readFileSync(join(root, fix.file), 'utf8');
    const [before, after] = [count(text, fix.before), count(text, fix.after)];
    const state =
      after === 1 && before === 0 ? 'applied' : before === 1 && after === 0 ? 'pending' : 'missing';
    return { ...fix, state };
  });
}

function apply(root, fixes) {
  for (const fix of inspect(root, fixes)) {
    if (fix.state !== 'pending') continue;
    const path = join(root, fix.file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(fix.before, fix.after));
  }
}

/**
 * Applies (unless `check`) and reports. 'outdated': a package is at another version than its
 * fixes were written for (the app works unpatched, only slower); 'broken': a fix is not in
 * place at the right version (a package that is not what it claims, or a check before install).
 */
function run({ check }) {
  let outcome = 'ok';
  for (const { name, version: wanted, fixes } of PATCHES) {
    const installed = locate(name);
    if (!installed) {
      console.log(`patch-dependencies: ${name} is not installed; nothing to patch.`);
      continue;
    }
    const { root, version } = installed;
    if (version !== wanted) {
      console.warn(
        `patch-dependencies: ${name} ${version} is installed; its fixes are for ${wanted}. ` +
          'Nothing patched: see whether the new release still needs them, then update or drop ' +
          'them (scripts/dependency-patches/).',
      );
      if (outcome === 'ok') outcome = 'outdated';
      continue;
    }
    if (!check) apply(root, fixes);
    for (const fix of inspect(root, fixes)) {
      console.log(`patch-dependencies: ${fix.state.padEnd(7)} ${name}: ${fix.name}`);
      if (fix.state !== 'applied') outcome = 'broken';
    }
  }
  return outcome;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outcome = run({ check: process.argv.includes('--check') });
  // An upgrade must not break `npm install`; the test suite fails on it instead.
  if (outcome === 'broken' || (outcome === 'outdated' && process.argv.includes('--check'))) {
    process.exit(1);
  }
}
