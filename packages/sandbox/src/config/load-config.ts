import { readFileSync } from 'node:fs';
import { JunctionError } from '@junction/runtime';
import { parseFaultConfig } from '../faults/parse-fault-settings.ts';
import { parseCharsetSetting, parseFormatSetting } from '../wire/wire-format.ts';
import type { SandboxConfig } from './sandbox-config.ts';

const KNOWN_KEYS = new Set([
  'merchants',
  'faults',
  'magicAccounts',
  'processingDelayMs',
  'settleDelayMs',
  'callbackScheduleMs',
  'callbackTimeoutMs',
  'timestampToleranceMs',
  'adminToken',
  'charset',
  'format',
]);

/**
 * Checks the outer shape of a config object. Unknown keys are refused because a typo
 * (`fault` for `faults`) would otherwise silently run the sandbox without the intended faults.
 */
export function parseSandboxConfig(value: unknown, source = 'config'): SandboxConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JunctionError('JX_SANDBOX_CONFIG', `The sandbox ${source} must be a JSON object.`, { source });
  }
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new JunctionError(
        'JX_SANDBOX_CONFIG',
        `The sandbox ${source} has an unknown key "${key}"; known keys: ${[...KNOWN_KEYS].join(', ')}.`,
        { source, key },
      );
    }
  }
  const config = value as SandboxConfig;
  for (const merchant of config.merchants ?? []) {
    if (typeof merchant?.appKey !== 'string' || typeof merchant.appSecret !== 'string') {
      throw new JunctionError(
        'JX_SANDBOX_CONFIG',
        `Every merchant in the sandbox ${source} needs appKey and appSecret strings.`,
        {
          source,
        },
      );
    }
    if (Buffer.byteLength(merchant.appSecret) !== 32) {
      throw new JunctionError(
        'JX_SANDBOX_CONFIG',
        `The app secret of merchant ${merchant.appKey} must be 32 characters (it is the AES-256 card key).`,
        { source, appKey: merchant.appKey },
      );
    }
  }
  if (config.faults !== undefined) parseFaultConfig(config.faults, `${source} faults`);
  const where = `The sandbox ${source}`;
  return {
    ...config,
    ...(config.charset === undefined ? {} : { charset: parseCharsetSetting(config.charset, where) }),
    ...(config.format === undefined ? {} : { format: parseFormatSetting(config.format, where) }),
  };
}

/** Reads and checks a JSON config file. */
export function loadSandboxConfig(path: string): SandboxConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new JunctionError(
      'JX_SANDBOX_CONFIG',
      `The sandbox config file ${path} cannot be read.`,
      { path },
      { cause: error },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new JunctionError(
      'JX_SANDBOX_CONFIG',
      `The sandbox config file ${path} is not valid JSON.`,
      { path },
      { cause: error },
    );
  }
  return parseSandboxConfig(parsed, `config file ${path}`);
}
