import { useSyncExternalStore } from 'react';

/** The environment the editor works in until the user picks another: never production by default. */
export const DEFAULT_EDITOR_ENVIRONMENT = 'sandbox';

/** The environment whose runs carry production credentials; the editor marks it and asks before test runs. */
export const PRODUCTION_ENVIRONMENT = 'production';

const STORAGE_KEY = 'junction.environment';
const listeners = new Set<() => void>();
/** The environment the user picked, or '' while they have not picked one in this browser. */
let picked: string | undefined;

function readPicked(): string {
  if (picked !== undefined) return picked;
  try {
    picked = globalThis.localStorage?.getItem(STORAGE_KEY) ?? '';
  } catch {
    picked = '';
  }
  return picked;
}

function read(): string {
  return readPicked() || DEFAULT_EDITOR_ENVIRONMENT;
}

/** The environment test runs use now: the picked one, else sandbox. */
export function selectedEnvironment(): string {
  return read();
}

/** Switches the editor's environment (remembered in this browser) and re-renders its users. */
export function setSelectedEnvironment(name: string): void {
  picked = name;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, name);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  for (const listener of listeners) listener();
}

/** React hook: the selected environment, updated when it changes. */
export function useSelectedEnvironment(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read,
    read,
  );
}

/**
 * React hook: the environment the user picked, or undefined before they pick one. Views whose
 * default is not sandbox use it: the runs list shows every environment and the deploy form targets
 * the server's default (production, as before environments) until the user switches.
 */
export function usePickedEnvironment(): string | undefined {
  const value = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    readPicked,
    readPicked,
  );
  return value || undefined;
}

/** True for the production environment (shown in the warning colour). */
export function isProduction(name: string): boolean {
  return name === PRODUCTION_ENVIRONMENT;
}
