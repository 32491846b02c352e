// Start Debian's headless Chromium for the browser checks. A launch that dies before the
// browser is up (CI once saw Chromium segfault at start-up on a loaded machine) is retried,
// so a crash of the browser's own start does not read as a failure of the site.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    } catch (e) {
      if (attempt >= attempts) throw e;
      const first = String(e.message || e).split('\n')[0];
      console.log(`     Chromium did not start (${first}); trying again (${attempt + 1} of ${attempts})`);
      await new Promise((r) => setTimeout(r, 2000 * attempt));
    }
  }
}
