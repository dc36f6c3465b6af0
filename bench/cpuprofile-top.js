// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time, and
// the most total time (self + callees, each sample counted once per function), with their share of
// all samples. Bundle positions are mapped back to src/ through the bundle's source map when present.
// Usage: node bench/cpuprofile-top.js [N=15] PROFILE.cpuprofile...   (several profiles are summed)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const { SourceMap } = require('node:module');

const args = process.argv.slice(2);
const top = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 15;

const maps = new Map();
function where({ url, lineNumber, columnNumber }) {
  if (!url) return '';
  const js = url.startsWith('file:') ? fileURLToPath(url) : url;
  if (!maps.has(js)) {
    let map = null;
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(`${js}.map`, 'utf8')));
    } catch {
      // no source map beside it: raw positions
    }
    maps.set(js, map);
  }
  const entry = maps.get(js)?.findEntry(lineNumber, columnNumber);
  if (entry && entry.originalSource) {
    const source = entry.originalSource.replace(/^.*?(src\/|node_modules\/)/, '$1');
    return `${source}:${entry.originalLine + 1}`;
  }
  return `${path.relative(process.cwd(), js)}:${lineNumber + 1}`;
}

const self = new Map(), total = new Map();
let all = 0;
for (const file of args) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const keys = new Map(profile.nodes.map((n) => [n.id, `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame)}`]));
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    self.set(keys.get(id), (self.get(keys.get(id)) ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const key = keys.get(n);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
}

function print(title, map) {
  console.log(`${title} (of ${(all / 1000).toFixed(0)} ms sampled in ${args.length} profile(s))`);
  [...map].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([key, us], i) =>
    console.log(`${String(i + 1).padStart(3)}. ${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / all).toFixed(1).padStart(5)}%  ${key}`));
}
print(`top ${top} by self time`, self);
console.log('');
print(`top ${top} by total time (self + callees), functions of src/ and node_modules/ only`,
  new Map([...total].filter(([key]) => /\s(src|node_modules)\//.test(key))));
