#!/usr/bin/env node
// `pnpm test`: checks what the tests need (Chromium for the browser tests, PostgreSQL and Redis for
// the scale-out tests), installs it from Debian's packages when it can, then runs every Vitest project.
// It never skips a test silently: when something is missing and cannot be installed, it says what to
// install and stops.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.JUNCTION_CHROMIUM ?? '/usr/bin/chromium';

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("pnpm test: installing Debian's chromium for the browser tests");
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (existsSync(CHROMIUM)) return;
  }
  console.error(
    `pnpm test: the browser tests need Chromium at ${CHROMIUM}; install Debian's package with ` +
      '`sudo apt-get install chromium` (or set JUNCTION_CHROMIUM to its path) and run again.',
  );
  process.exit(1);
}

/**
 * Node icons are emoji and the zh-CN screenshots are Chinese; without a colour emoji font and a CJK font
 * they show empty boxes. Best effort: the tests read text from the page, not from pixels.
 */
function ensureFonts() {
  const fonts = {
    'fonts-noto-color-emoji': '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf',
    'fonts-noto-cjk': '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  };
  const missing = Object.keys(fonts).filter((name) => !existsSync(fonts[name]));
  if (missing.length === 0 || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  spawnSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

ensureChromium();
ensureFonts();
const services = spawnSync('bash', ['scripts/ensure-services.sh'], { stdio: 'inherit' });
if (services.status !== 0) {
  console.error(
    'pnpm test: PostgreSQL (127.0.0.1:5432, database test) and Redis (127.0.0.1:6379) are needed; ' +
      "install Debian's postgresql and redis-server packages and run again.",
  );
  process.exit(1);
}
const result = spawnSync('pnpm', ['exec', 'vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
