// File: wasm/e2e/browser.js
//
// Debian's Chromium, headless, driven by playwright-core (which never
// downloads a browser), with a fresh profile that is removed afterwards.
// Flags: shared/reference/toolchain.md §7 (--no-sandbox for root; the
// networking ones keep Chromium off the network).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Launches Chromium; `close()` closes it and deletes the profile. */
export async function launch({ width = 1360, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'iameval-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width, height },
    deviceScaleFactor: 1,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
