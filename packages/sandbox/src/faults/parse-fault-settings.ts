import { JunctionError } from '@junction/runtime';
import type { FaultConfig, FaultSettings } from './fault-settings.ts';

const NUMBER_FIELDS = [
  'latencyMs',
  'orderNotFoundMs',
  'callbackDelayMs',
  'callbackOutOfOrderWindowMs',
  'rateLimitPerSecond',
];
const BOOLEAN_FIELDS = [
  'dropAfterAccept',
  'callbackDuplicate',
  'callbackBeforeResponse',
  'callbackBeforeSettlement',
  'callbackNever',
  'callbackBadSignature',
];
const KNOWN = new Set([...NUMBER_FIELDS, ...BOOLEAN_FIELDS, 'http5xx', 'settlement']);

function invalid(where: string, sentence: string): JunctionError {
  return new JunctionError('JX_SANDBOX_FAULT_INVALID', `${where}: ${sentence}`, { where });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks fault settings from JSON (admin API, config file) so a typo fails loudly instead of doing nothing. */
export function parseFaultSettings(value: unknown, where = 'faults'): FaultSettings {
  if (!isObject(value)) throw invalid(where, 'fault settings must be a JSON object.');
  for (const [key, field] of Object.entries(value)) {
    if (!KNOWN.has(key))
      throw invalid(where, `unknown fault "${key}"; known faults: ${[...KNOWN].join(', ')}.`);
    if (NUMBER_FIELDS.includes(key) && (typeof field !== 'number' || !(field >= 0))) {
      throw invalid(where, `${key} must be a number ≥ 0.`);
    }
    if (BOOLEAN_FIELDS.includes(key) && typeof field !== 'boolean')
      throw invalid(where, `${key} must be true or false.`);
  }
  if (value.settlement !== undefined && value.settlement !== 'success' && value.settlement !== 'failed') {
    throw invalid(where, 'settlement must be "success" or "failed".');
  }
  const http5xx = value.http5xx;
  if (http5xx !== undefined) {
    if (!isObject(http5xx)) throw invalid(where, 'http5xx must be an object {status?, rate?}.');
    const { status, rate } = http5xx;
    if (status !== undefined && (typeof status !== 'number' || status < 500 || status > 599)) {
      throw invalid(where, 'http5xx.status must be from 500 to 599.');
    }
    if (rate !== undefined && (typeof rate !== 'number' || rate < 0 || rate > 1)) {
      throw invalid(where, 'http5xx.rate must be from 0 to 1.');
    }
  }
  return value as FaultSettings;
}

/** Checks a whole {@link FaultConfig}. */
export function parseFaultConfig(value: unknown, where = 'faults'): FaultConfig {
  if (!isObject(value))
    throw invalid(where, 'the fault config must be a JSON object {global?, appKeys?, products?}.');
  const config: FaultConfig = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'global') config.global = parseFaultSettings(field, `${where}.global`);
    else if (key === 'appKeys' || key === 'products') {
      if (!isObject(field)) throw invalid(where, `${key} must map ids to fault settings.`);
      const scoped: Record<string, FaultSettings> = {};
      for (const [id, settings] of Object.entries(field))
        scoped[id] = parseFaultSettings(settings, `${where}.${key}.${id}`);
      config[key] = scoped;
    } else throw invalid(where, `unknown key "${key}"; use global, appKeys or products.`);
  }
  return config;
}
