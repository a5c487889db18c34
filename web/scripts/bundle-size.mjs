#!/usr/bin/env node
// Prints what the first screens download, from the build output (dist/.vite/manifest.json):
// the JavaScript and CSS each screen needs before it can draw, raw and gzip-compressed
// (the `.gz` files the build wrote beside each asset, as the server sends them), and fails
// when the sign-in screen's JavaScript exceeds the budget.
//
//   npm run build && node scripts/bundle-size.mjs [--budget-kb 300]
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const budgetArgument = process.argv.indexOf('--budget-kb');
const budgetKb = budgetArgument > 0 ? Number(process.argv[budgetArgument + 1]) : 300;
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`No ${manifestPath}: run "npm run build" first.`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** The files a chunk needs before it runs: itself, its static imports, their CSS. */
function closure(keys) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

function sizes(file) {
  const path = join(dist, file);
  const raw = statSync(path).size;
  const gz = existsSync(`${path}.gz`) ? statSync(`${path}.gz`).size : gzipSync(readFileSync(path), { level: 9 }).length;
  const br = existsSync(`${path}.br`) ? statSync(`${path}.br`).size : null;
  return { raw, gz, br };
}

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(7);
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const screens = [
  { name: '登录页 (sign-in, the first screen)', keys: [entry, 'src/views/auth/login/index.vue'], budget: true },
  { name: '首页 (workbench after sign-in)', keys: [entry, 'src/layouts/BasicLayout.vue', 'src/views/dashboard/home/index.vue'] },
];

let failed = false;
for (const screen of screens) {
  const files = [...closure(screen.keys)].sort();
  const totals = { js: { raw: 0, gz: 0, br: 0 }, css: { raw: 0, gz: 0, br: 0 } };
  console.log(`\n${screen.name}`);
  console.log(`  ${'file'.padEnd(46)} ${'raw KB'.padStart(7)} ${'gzip KB'.padStart(7)} ${'br KB'.padStart(7)}`);
  for (const file of files) {
    const size = sizes(file);
    const kind = file.endsWith('.css') ? 'css' : 'js';
    totals[kind].raw += size.raw;
    totals[kind].gz += size.gz;
    totals[kind].br += size.br ?? 0;
    console.log(`  ${file.padEnd(46)} ${kb(size.raw)} ${kb(size.gz)} ${size.br === null ? '      -' : kb(size.br)}`);
  }
  for (const kind of ['js', 'css']) {
    const total = totals[kind];
    console.log(`  ${`total ${kind.toUpperCase()}`.padEnd(46)} ${kb(total.raw)} ${kb(total.gz)} ${kb(total.br)}`);
  }
  if (screen.budget) {
    const over = totals.js.gz > budgetKb * 1024;
    console.log(`  budget: JavaScript ≤ ${budgetKb} KB gzipped — ${over ? 'EXCEEDED' : 'met'} (${(totals.js.gz / 1024).toFixed(1)} KB)`);
    failed ||= over;
  }
}
process.exit(failed ? 1 : 0);
