#!/usr/bin/env node
// Launcher for the `junction` command. Plain Node runs the compiled build (dist/, made by
// `pnpm build`). The TypeScript sources run instead, through tsx, when Node was started with the
// `development` condition (`node --conditions=development`, as `pnpm junction` and the tests do) or
// when nothing is built yet.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

// Resolving the package itself tells which entries the active conditions pick: src/ under
// `development`, dist/ otherwise.
const fromSources = import.meta.resolve('@junction/server').endsWith('.ts');
const built = new URL('../dist/cli/main.js', import.meta.url);

let entry = built;
if (fromSources || !existsSync(built)) {
  if (!fromSources) {
    // Not built: let workspace packages resolve to their sources, as `--conditions=development` would.
    register(
      'data:text/javascript,export function resolve(specifier, context, next) {' +
        ' return next(specifier, { ...context, conditions: [...context.conditions, "development"] }); }',
    );
  }
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  entry = new URL('../src/cli/main.ts', import.meta.url);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
