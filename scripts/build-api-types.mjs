#!/usr/bin/env node
// `npm run build:api-types`: the API's types for projects outside this repository, as a
// package of one declaration file in server/types-dist/ (git-ignored):
//   index.d.ts    AppRouter, RouterInputs, RouterOutputs (from server/src/api-types.ts)
//   package.json  @tasklane/api-types; its one peer dependency is @trpc/server
// tsc emits declarations for every file api-types.ts reaches (the whole server); only
// api-types.d.ts is kept. It must import nothing but @trpc/server, or consumers would need
// the server's packages: that is checked here, with the imports named.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const server = `${root}server/`;
const out = `${server}types-dist/`;
const emitted = `${out}tsc/`;
const trpcVersion = JSON.parse(readFileSync(`${server}package.json`, 'utf8')).dependencies[
  '@trpc/server'
];

rmSync(out, { recursive: true, force: true });
const tsc = spawnSync('npx', ['tsc', '-p', 'server/tsconfig.types.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const declarations = readFileSync(`${emitted}api-types.d.ts`, 'utf8');
const imports = [
  ...declarations.matchAll(/(?:from\s+|import\(\s*|<reference\s+(?:types|path)=)['"]([^'"]+)['"]/g),
].map((match) => match[1]);
const foreign = [...new Set(imports.filter((specifier) => specifier !== '@trpc/server'))];
if (foreign.length > 0) {
  console.error(
    `build:api-types: server/src/api-types.ts's declarations import ${foreign.join(', ')}.\n` +
      'Only @trpc/server may be imported, or consumers would need the server and its packages.\n' +
      'A named type (an interface or type alias of the server or @tasklane/shared) in an input\n' +
      'or output is written as a reference to it: let that type be inferred instead.',
  );
  process.exit(1);
}

rmSync(emitted, { recursive: true });
mkdirSync(out, { recursive: true });
writeFileSync(`${out}index.d.ts`, declarations);
const pkg = {
  name: '@tasklane/api-types',
  version: '0.0.0',
  description: "Types of Tasklane's tRPC API (AppRouter, RouterInputs, RouterOutputs)",
  type: 'module',
  types: './index.d.ts',
  exports: { '.': { types: './index.d.ts' } },
  files: ['index.d.ts'],
  peerDependencies: { '@trpc/server': trpcVersion },
};
writeFileSync(`${out}package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`build:api-types: server/types-dist/index.d.ts (@trpc/server ${trpcVersion})`);
