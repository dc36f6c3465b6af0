// The baseline the validator is measured against: a bare Node process that reads the capture
// (fs.readFileSync, utf8), splits it into lines and JSON.parse's each line, nothing else.
// Usage: node bench/baseline.js FILE   (prints the number of events parsed)
'use strict';
const fs = require('node:fs');

const text = fs.readFileSync(process.argv[2], 'utf8');
let events = 0;
for (const line of text.split('\n')) {
  if (line.trim() === '') continue;
  JSON.parse(line);
  events++;
}
process.stdout.write(`${events}\n`);
