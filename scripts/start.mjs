#!/usr/bin/env node
// `pnpm start`: builds what is missing or older than its sources (scripts/build.mjs: the server-side
// packages to dist/, the editor bundle), then starts Junction from the build with plain Node — the
// card-platform sandbox and the example flows included (scripts/start-junction.ts).
import { build } from './build.mjs';

try {
  build();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

// In this process: start-junction reads the same arguments (`--scale-out`) and handles the signals.
await import('./dist/start-junction.js');
