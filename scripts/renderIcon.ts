// Renders media/icon.png (the marketplace icon, 256x256) from the SVG mark with Debian's Chromium.
// Usage: npx tsx scripts/renderIcon.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

async function main(): Promise<void> {
  const mark = fs.readFileSync(path.join(__dirname, '..', 'media', 'call-events.svg'), 'utf8')
    .replace('width="24" height="24"', 'width="176" height="176"').replace('stroke="currentColor"', 'stroke="#ffffff"');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">
      <div style="width:256px;height:256px;border-radius:48px;background:linear-gradient(135deg,#1f6feb,#6e40c9);display:flex;align-items:center;justify-content:center">${mark}</div>
      </body></html>`);
    await page.screenshot({ path: path.join(__dirname, '..', 'media', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
