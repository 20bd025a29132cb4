import { SHAPES } from './scripts/linearity.mjs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { analyzeDocument } = require('./out/server/src/core/analyze.js');
const { analyzeOptions } = require('./out/server/src/core/settings.js');
const names = process.argv.slice(2);
for (const s of SHAPES.filter(s => names.some(n => s.name.includes(n)))) {
  const o = analyzeOptions({ today: '2025-06-01' }, s.lang);
  for (const n of [2048, 4096, 8192, 16384, 32768]) {
    const t = s.make(n); analyzeDocument(t, o);
    let m = Infinity; for (let i = 0; i < 3; i++) { const a = performance.now(); analyzeDocument(t, o); m = Math.min(m, performance.now() - a); }
    console.log(s.name, n, m.toFixed(1));
  }
}
