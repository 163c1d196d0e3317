/**
 * The client's production bundle, read from client/dist after `npm run build`: what a first
 * visit downloads (the scripts and styles `index.html` references, plus every chunk those
 * scripts import statically) and each lazily loaded chunk, raw and gzip (level 9, as Vite
 * reports sizes). Clerk's runtime (clerk-js) is not in the bundle: in Clerk mode the browser
 * loads it from Clerk's frontend API.
 *
 *   npm run build && npm run bench -- --bundle
 *   node --import tsx server/bench/bundle-report.ts [client/dist]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

/** Issue 6's budget: initial JavaScript, gzip, Clerk's runtime script excluded. */
export const INITIAL_JS_BUDGET_GZIP_KB = 150;

export interface AssetSize {
  file: string;
  /** The chunk's name without Vite's content hash, e.g. `ClerkAuthProvider`. */
  name: string;
  kind: 'js' | 'css';
  rawBytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  distDir: string;
  builtAt: string;
  initial: AssetSize[];
  lazy: AssetSize[];
  totals: {
    initialJs: { rawBytes: number; gzipBytes: number };
    initialCss: { rawBytes: number; gzipBytes: number };
    lazyJs: { rawBytes: number; gzipBytes: number };
  };
  budget: { initialJsGzipKb: number; met: boolean };
}

function sizeOf(distDir: string, file: string): AssetSize {
  const bytes = readFileSync(join(distDir, file));
  return {
    file,
    name: basename(file)
      .replace(/-[\w-]{8}\.(js|css)$/, '')
      .replace(/\.(js|css)$/, ''),
    kind: file.endsWith('.css') ? 'css' : 'js',
    rawBytes: bytes.byteLength,
    gzipBytes: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).byteLength,
  };
}

/** `/assets/x.js` in index.html → `assets/x.js` relative to dist. */
const fromRoot = (url: string) => url.replace(/^\//, '');

/** Chunks a module imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function staticImports(source: string): string[] {
  const found = new Set<string>();
  const pattern = /\bimport\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.\/[^"']+\.js)["']/g;
  for (const match of source.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

function sum(assets: AssetSize[]) {
  return {
    rawBytes: assets.reduce((total, a) => total + a.rawBytes, 0),
    gzipBytes: assets.reduce((total, a) => total + a.gzipBytes, 0),
  };
}

export function bundleReport(distDir = CLIENT_DIST): BundleReport {
  const indexHtml = join(distDir, 'index.html');
  if (!existsSync(indexHtml)) {
    throw new Error(`No client build in ${distDir}: run \`npm run build\` first.`);
  }
  const html = readFileSync(indexHtml, 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+\.css)"/g),
  ].map((m) => fromRoot(m[1]!));

  // Initial: what index.html names, and everything those scripts import statically.
  const initial = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (initial.has(file) || !existsSync(join(distDir, file))) continue;
    initial.add(file);
    if (!file.endsWith('.js')) continue;
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    for (const imported of staticImports(readFileSync(join(distDir, file), 'utf8'))) {
      queue.push(join(dir, imported));
    }
  }
  const assetsDir = join(distDir, 'assets');
  const all = existsSync(assetsDir)
    ? readdirSync(assetsDir)
        .filter((f) => /\.(js|css)$/.test(f))
        .map((f) => relative(distDir, join(assetsDir, f)))
    : [];
  const initialSizes = [...initial].map((f) => sizeOf(distDir, f));
  const lazySizes = all.filter((f) => !initial.has(f)).map((f) => sizeOf(distDir, f));
  const initialJs = sum(initialSizes.filter((a) => a.kind === 'js'));
  return {
    distDir,
    builtAt: statSync(indexHtml).mtime.toISOString(),
    initial: initialSizes,
    lazy: lazySizes,
    totals: {
      initialJs,
      initialCss: sum(initialSizes.filter((a) => a.kind === 'css')),
      lazyJs: sum(lazySizes.filter((a) => a.kind === 'js')),
    },
    budget: {
      initialJsGzipKb: INITIAL_JS_BUDGET_GZIP_KB,
      met: initialJs.gzipBytes / 1000 < INITIAL_JS_BUDGET_GZIP_KB,
    },
  };
}

/** kB = 1,000 bytes, as Vite prints its sizes. */
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export function formatBundleReport(report: BundleReport): string {
  const rows = [
    ...report.initial.map((a) => ['initial', a]),
    ...report.lazy.map((a) => ['lazy', a]),
  ] as [string, AssetSize][];
  const lines = [
    `Client bundle (${relative(process.cwd(), report.distDir) || '.'}, built ${report.builtAt}); gzip level 9`,
    '',
    '| loaded | chunk | file | raw | gzip |',
    '|---|---|---|---:|---:|',
    ...rows.map(
      ([when, a]) =>
        `| ${when} | ${a.name} (${a.kind}) | ${a.file} | ${kb(a.rawBytes)} | ${kb(a.gzipBytes)} |`,
    ),
    `| **initial JS** | | | ${kb(report.totals.initialJs.rawBytes)} | **${kb(report.totals.initialJs.gzipBytes)}** |`,
    `| **initial CSS** | | | ${kb(report.totals.initialCss.rawBytes)} | ${kb(report.totals.initialCss.gzipBytes)} |`,
    '',
    `Initial JS ${kb(report.totals.initialJs.gzipBytes)} gzip: target < ${report.budget.initialJsGzipKb} kB ` +
      `${report.budget.met ? 'met' : 'MISSED'} (Clerk's runtime script, loaded from Clerk in Clerk mode only, is not part of the bundle).`,
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatBundleReport(bundleReport(process.argv[2] ?? CLIENT_DIST)));
}
