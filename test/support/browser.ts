import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';
import { NO_CHROMIUM } from '../../scripts/cards-preview/find-chromium.js';

/** The browser test project's shared headless Chromium (test/support/global/chromium.ts); fails, never skips, when there is none. */
export async function connectChromium(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  if (endpoint === '') throw new Error(NO_CHROMIUM);
  return chromium.connect(endpoint);
}
