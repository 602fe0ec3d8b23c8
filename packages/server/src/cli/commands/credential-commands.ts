import { type Json, JunctionError } from '@junction/runtime';
import { apiTarget, createApiClient } from '../api-client.ts';
import { runApiCommand } from '../api-errors.ts';
import type { CliIo } from '../cli-io.ts';
import { readJsonFile } from '../read-flow-file.ts';
import type { ApiOptions } from './flow-commands.ts';

/** Options of `junction credentials create`. */
export interface CreateCredentialOptions extends ApiOptions {
  kind: string;
  name: string;
  id?: string;
  allowedHosts: string;
  dataFile?: string;
  dataStdin?: boolean;
  dataEnv?: string;
  replace?: boolean;
}

interface CredentialView {
  id: string;
  name: string;
  kind: string;
  allowedHosts: string[];
  fields: Record<string, Json>;
  secretFields: string[];
  updatedAt: number;
}

/**
 * `junction credentials create`: the fields (secret and public) come from a JSON file, standard input
 * or an environment variable — never from the command line, and never printed. The server checks
 * them against the kind (`JX_CREDENTIAL_INVALID`, `JX_CREDENTIAL_KIND_UNKNOWN`) and seals the secrets.
 * `--replace` updates the credential when `--id` exists already.
 */
export async function createCredentialCommand(options: CreateCredentialOptions, io: CliIo): Promise<number> {
  return runApiCommand(io, async () => {
    const data = await readData(options, io);
    const api = createApiClient(apiTarget(options));
    const credential = {
      name: options.name,
      kind: options.kind,
      allowedHosts: options.allowedHosts
        .split(',')
        .map((host) => host.trim())
        .filter(Boolean),
      data,
    };
    let view: CredentialView;
    try {
      ({ credential: view } = await api.request<{ credential: CredentialView }>('POST', '/api/credentials', {
        ...(options.id ? { id: options.id } : {}),
        ...credential,
      }));
    } catch (error) {
      if (
        !(options.replace && options.id && error instanceof JunctionError && error.details.status === 409)
      ) {
        throw error;
      }
      ({ credential: view } = await api.request<{ credential: CredentialView }>(
        'PUT',
        `/api/credentials/${encodeURIComponent(options.id)}`,
        credential,
      ));
    }
    io.out(
      `Credential ${view.id} (${view.kind}) saved; allowed hosts ${view.allowedHosts.join(', ')}; ` +
        `secret fields ${view.secretFields.join(', ') || 'none'} (write-only).`,
    );
  });
}

/** `junction credentials list`: metadata only — public field names, secret field names, hosts. */
export async function listCredentialsCommand(
  options: ApiOptions & { json?: boolean },
  io: CliIo,
): Promise<number> {
  return runApiCommand(io, async () => {
    const api = createApiClient(apiTarget(options));
    const { credentials } = await api.request<{ credentials: CredentialView[] }>('GET', '/api/credentials');
    if (options.json) return io.out(JSON.stringify(credentials, null, 2));
    io.out(['ID', 'KIND', 'NAME', 'ALLOWED HOSTS', 'SECRET FIELDS'].join('\t'));
    for (const c of credentials) {
      io.out([c.id, c.kind, c.name, c.allowedHosts.join(','), c.secretFields.join(',') || '-'].join('\t'));
    }
  });
}

async function readData(options: CreateCredentialOptions, io: CliIo): Promise<Record<string, Json>> {
  const sources = [options.dataFile, options.dataStdin, options.dataEnv].filter((s) => s !== undefined);
  if (sources.length !== 1) {
    throw new JunctionError(
      'JX_CLI_CREDENTIAL_DATA_SOURCE',
      'Give the credential fields with exactly one of --data-file <f.json>, --data-stdin or --data-env <VAR> (a JSON object).',
      {},
    );
  }
  let data: unknown;
  if (options.dataFile) data = readDataFile(options.dataFile);
  else if (options.dataEnv) data = parseData(process.env[options.dataEnv], `$${options.dataEnv}`);
  else data = parseData(await io.readStdin?.(), 'standard input');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new JunctionError(
      'JX_CLI_CREDENTIAL_DATA_INVALID',
      'The credential fields must be a JSON object.',
      {},
    );
  }
  return data as Record<string, Json>;
}

/** Parses the fields; the error never quotes the text (it holds secrets). */
function parseData(text: string | undefined, source: string): unknown {
  if (text === undefined || text.trim() === '') {
    throw new JunctionError(
      'JX_CLI_CREDENTIAL_DATA_INVALID',
      `${source} is empty: give the fields as a JSON object.`,
      {},
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new JunctionError(
      'JX_CLI_CREDENTIAL_DATA_INVALID',
      `${source} is not valid JSON; give the fields as a JSON object such as {"appKey": "…", "appSecret": "…"}.`,
      {},
    );
  }
}

/** Like {@link readJsonFile}, but a parse error does not quote the file (JSON.parse shows a snippet). */
function readDataFile(path: string): unknown {
  try {
    return readJsonFile(path);
  } catch (error) {
    if (!(error instanceof JunctionError && error.code === 'JX_CLI_FILE_NOT_JSON')) throw error;
    throw new JunctionError(
      'JX_CLI_CREDENTIAL_DATA_INVALID',
      `${path} is not valid JSON; give the fields as a JSON object such as {"appKey": "…", "appSecret": "…"}.`,
      { path },
    );
  }
}
