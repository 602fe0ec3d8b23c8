import { createRequire } from 'node:module';
import { JunctionError } from '../errors/junction-error.ts';

/** The database drivers the stores load on first use (optional dependencies of the runtime). */
export type DriverName = 'better-sqlite3' | 'pg';

const require = createRequire(import.meta.url);

/** `JX_STORE_DRIVER_MISSING`: a store was opened whose database driver is not installed. */
export function driverMissingError(driver: DriverName, store: string, cause: unknown): JunctionError {
  return new JunctionError(
    'JX_STORE_DRIVER_MISSING',
    `The ${store} store needs the ${driver} package, which is not installed; add it to the application that opens the store (pnpm add ${driver}).`,
    { driver, store },
    { cause },
  );
}

/**
 * Loads a database driver when a store first needs it, so the runtime (and its browser entry above
 * all) loads without drivers: they are optional dependencies, and a consumer that opens neither
 * store need not install them. Both drivers are CommonJS, so loading stays synchronous.
 */
export function loadDriver<T>(driver: DriverName, store: string): T {
  try {
    return require(driver) as T;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Only the driver itself missing; a driver that fails to load (e.g. a native build) says why.
    if (code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(`'${driver}'`)) {
      throw driverMissingError(driver, store, error);
    }
    throw error;
  }
}
