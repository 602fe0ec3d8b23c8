// `node --import ./without-drivers.fixture.mjs`: better-sqlite3 and pg cannot be found, as for a
// consumer of @junction/runtime that did not install them (browser.test.ts). ESM imports go through
// the resolve hook; require() (how the stores load their driver) through Module._resolveFilename.
import Module, { register } from 'node:module';

const HIDDEN = ['better-sqlite3', 'pg'];
const hook = `const HIDDEN = ${JSON.stringify(HIDDEN)};
export function resolve(specifier, context, next) {
  if (HIDDEN.includes(specifier)) {
    throw Object.assign(new Error("Cannot find package '" + specifier + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (HIDDEN.includes(request)) {
    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
  }
  return resolveFilename.call(this, request, ...rest);
};
