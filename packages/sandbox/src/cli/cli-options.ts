import { JunctionError } from '@junction/runtime';
import { Command } from 'commander';
import { loadSandboxConfig } from '../config/load-config.ts';
import type { SandboxConfig } from '../config/sandbox-config.ts';
import type { SandboxHandle } from '../server/sandbox-handle.ts';
import type { StartSandboxOptions } from '../server/start-sandbox.ts';
import { parseCharsetSetting, parseFormatSetting } from '../wire/wire-format.ts';

/** Port the command-line sandbox listens on unless told otherwise. */
export const DEFAULT_CLI_PORT = 8090;

function numberOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new JunctionError('JX_SANDBOX_CLI', `--${name} must be a number, got "${text}".`, { option: name });
  }
  return value;
}

const OPTION_NAMES = '--port, --host, --seed, --time-factor, --config, --admin-token, --charset, --format';

/**
 * Reads `--port`, `--host`, `--seed`, `--time-factor`, `--config`, `--admin-token`, `--charset`
 * (`utf-8`, `gbk`) and `--format` (`json`, `xml`) (or the `SANDBOX_PORT`, `SANDBOX_HOST`,
 * `SANDBOX_SEED`, `SANDBOX_TIME_FACTOR`, `SANDBOX_CONFIG`, `SANDBOX_ADMIN_TOKEN`, `SANDBOX_CHARSET`,
 * `SANDBOX_FORMAT` variables; flags win, and both win over the config file). Shared by `pnpm start`
 * and `junction sandbox`.
 */
export function parseSandboxCliOptions(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): StartSandboxOptions {
  const command = new Command('sandbox')
    .option('--port <n>')
    .option('--host <host>')
    .option('--seed <n>')
    .option('--time-factor <x>')
    .option('--config <file>')
    .option('--admin-token <token>')
    .option('--charset <charset>')
    .option('--format <format>')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  try {
    // `pnpm start -- --port 1` passes the `--` through.
    command.parse(argv[0] === '--' ? argv.slice(1) : argv, { from: 'user' });
  } catch (error) {
    throw new JunctionError('JX_SANDBOX_CLI', `${(error as Error).message}. Options: ${OPTION_NAMES}.`);
  }
  const flags =
    command.opts<
      Partial<
        Record<
          'port' | 'host' | 'seed' | 'timeFactor' | 'config' | 'adminToken' | 'charset' | 'format',
          string
        >
      >
    >();
  const values = {
    port: flags.port,
    host: flags.host,
    seed: flags.seed,
    'time-factor': flags.timeFactor,
    config: flags.config,
    'admin-token': flags.adminToken,
  };
  const configPath = values.config ?? env.SANDBOX_CONFIG;
  const config: SandboxConfig = configPath ? loadSandboxConfig(configPath) : {};
  const adminToken = values['admin-token'] ?? env.SANDBOX_ADMIN_TOKEN;
  const charset = flags.charset ?? env.SANDBOX_CHARSET;
  const format = flags.format ?? env.SANDBOX_FORMAT;
  if (charset !== undefined) config.charset = parseCharsetSetting(charset, '--charset', 'JX_SANDBOX_CLI');
  if (format !== undefined) config.format = parseFormatSetting(format, '--format', 'JX_SANDBOX_CLI');
  return {
    port: numberOption('port', values.port ?? env.SANDBOX_PORT, DEFAULT_CLI_PORT),
    host: values.host ?? env.SANDBOX_HOST ?? '127.0.0.1',
    seed: numberOption('seed', values.seed ?? env.SANDBOX_SEED, 1),
    timeFactor: numberOption('time-factor', values['time-factor'] ?? env.SANDBOX_TIME_FACTOR, 1),
    config: adminToken === undefined ? config : { ...config, adminToken },
  };
}

/** The start banner: where the sandbox listens and the credentials to use (test credentials by design). */
export function formatSandboxBanner(handle: SandboxHandle): string {
  const wire = handle.wireFormat();
  return [
    `Junction card-platform sandbox listening on ${handle.url}`,
    `  gateway      POST ${handle.gatewayUrl}`,
    `  app key      ${handle.appKey}`,
    `  app secret   ${handle.appSecret}`,
    `  admin        ${handle.adminUrl}  (header x-admin-token: ${handle.adminToken})`,
    `  seed ${handle.seed}, time factor ${handle.timeFactor}, speaks ${wire.format} in ${wire.charset}`,
  ].join('\n');
}
