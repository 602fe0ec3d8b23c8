import type { Json } from '@junction/runtime';
import { configInvalid } from '../../control/support/node-errors.ts';

type Container = { [key: string]: Json } | Json[];

// Writing to these would reach Object.prototype; a flow document must not be able to do that.
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Splits `customer.address.0.city` into segments; `field` names the config field for errors. */
export function parsePath(path: string, field: string): string[] {
  const segments = path.split('.');
  if (path === '' || segments.some((segment) => segment === '')) {
    throw configInvalid(
      field,
      `"${path}" is not a dot path (use names separated by dots, e.g. customer.email).`,
    );
  }
  const bad = segments.find((segment) => FORBIDDEN.has(segment));
  if (bad) throw configInvalid(field, `"${bad}" cannot be used as a field name.`);
  return segments;
}

function isContainer(value: Json | undefined): value is Container {
  return typeof value === 'object' && value !== null;
}

function child(container: Container, segment: string): Json | undefined {
  if (Array.isArray(container)) return /^\d+$/.test(segment) ? container[Number(segment)] : undefined;
  return Object.hasOwn(container, segment) ? container[segment] : undefined;
}

function assign(container: Container, segment: string, value: Json): void {
  if (Array.isArray(container) && /^\d+$/.test(segment)) container[Number(segment)] = value;
  else if (!Array.isArray(container)) container[segment] = value;
}

/** The value at `segments` or undefined. */
export function getPath(root: Json, segments: string[]): Json | undefined {
  let current: Json | undefined = root;
  for (const segment of segments) {
    if (!isContainer(current)) return undefined;
    current = child(current, segment);
  }
  return current;
}

/** Sets the value at `segments`, creating objects on the way (replacing non-objects in the way). */
export function setPath(root: Container, segments: string[], value: Json): void {
  let current: Container = root;
  for (const segment of segments.slice(0, -1)) {
    let next = child(current, segment);
    if (!isContainer(next)) {
      next = {};
      assign(current, segment, next);
    }
    current = next;
  }
  assign(current, segments.at(-1)!, value);
}

/** Removes the value at `segments`; returns whether something was there. */
export function removePath(root: Container, segments: string[]): boolean {
  const parent = getPath(root, segments.slice(0, -1));
  const last = segments.at(-1)!;
  if (!isContainer(parent) || child(parent, last) === undefined) return false;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return true;
}
