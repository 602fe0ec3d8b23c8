import { GatewayRefusal } from './gateway-errors.ts';

/** Business parameters decoded from `biz_content`. */
export type BizParams = Record<string, unknown>;

/** A required non-empty string (numbers are accepted and stringified, as lenient suppliers do). */
export function requireString(biz: BizParams, name: string): string {
  const value = optionalString(biz, name);
  if (value === undefined) throw new GatewayRefusal('missingParameter', `biz_content.${name} is required.`);
  return value;
}

/** An optional string; an empty string counts as absent. */
export function optionalString(biz: BizParams, name: string): string | undefined {
  const value = biz[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new GatewayRefusal('invalidParameter', `biz_content.${name} must be a string.`);
}

/** An optional positive integer given as a number or a numeric string, with a default. */
export function positiveInt(biz: BizParams, name: string, fallback: number): number {
  const value = biz[name];
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 10_000) {
    throw new GatewayRefusal('invalidParameter', `biz_content.${name} must be an integer from 1 to 10000.`);
  }
  return number;
}

/** An optional number given as a number or numeric string. */
export function optionalNumber(biz: BizParams, name: string): number | undefined {
  const value = biz[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new GatewayRefusal('invalidParameter', `biz_content.${name} must be a number.`);
  }
  return number;
}

/** An optional `http:`/`https:` URL. */
export function optionalUrl(biz: BizParams, name: string): string | undefined {
  const value = optionalString(biz, name);
  if (value === undefined) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new GatewayRefusal('invalidParameter', `biz_content.${name} must be an http(s) URL.`);
  }
  return value;
}
