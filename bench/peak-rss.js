// Preload (node -r bench/peak-rss.js ...) that records the process's peak resident set size: on exit it
// writes process.resourceUsage().maxRSS (KiB) to the file named by PEAK_RSS_FILE. A fallback for
// validate.bench.js where /usr/bin/time is not available.
'use strict';
const fs = require('node:fs');

const file = process.env.PEAK_RSS_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
