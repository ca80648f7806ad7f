import { existsSync } from 'node:fs';

/** Where Chromium or Chrome usually lives: Debian's package first (CI installs it), then common desktop installs. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The browser to render cards with: `CHROMIUM_PATH` when set, else the first installed candidate. */
export function findChromium(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export const NO_CHROMIUM = `no Chromium found (looked for CHROMIUM_PATH, ${CANDIDATES.slice(0, 4).join(', ')}, …); install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`;
