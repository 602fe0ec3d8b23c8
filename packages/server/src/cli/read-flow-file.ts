import { readFileSync } from 'node:fs';
import { type Json, JunctionError } from '@junction/runtime';

/** Reads and parses a JSON file, with a coded error naming the file. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new JunctionError('JX_CLI_FILE_UNREADABLE', `Cannot read ${path}: ${(cause as Error).message}`, {
      path,
    });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new JunctionError(
      'JX_CLI_FILE_NOT_JSON',
      `${path} is not valid JSON: ${(cause as Error).message}`,
      { path },
    );
  }
}

/** `--input` as inline JSON or `@file.json`. */
export function parseInputOption(value: string | undefined): Json {
  if (value === undefined) return null;
  if (value.startsWith('@')) return readJsonFile(value.slice(1)) as Json;
  try {
    return JSON.parse(value) as Json;
  } catch (cause) {
    throw new JunctionError(
      'JX_CLI_INPUT_INVALID',
      `--input is not valid JSON: ${(cause as Error).message}`,
      {},
    );
  }
}
