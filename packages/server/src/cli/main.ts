import { JunctionError } from '@junction/runtime';
import { Command, CommanderError } from 'commander';
import { type CliIo, EXIT, processIo } from './cli-io.ts';
import { createTokenCommand, rotateKeyCommand, sandboxCommand } from './commands/admin-commands.ts';
import { EGRESS_ALLOW_HELP } from './commands/egress-options.ts';
import { purgeCommand } from './commands/purge-command.ts';
import { addRetentionOptions } from './commands/retention-options.ts';
import { runCommand } from './commands/run-command.ts';
import { serveCommand } from './commands/serve-command.ts';
import { testCommand } from './commands/test-command.ts';
import { validateCommand } from './commands/validate-command.ts';
import { registerApiCommands } from './register-api-commands.ts';

const DEFAULT_DATA = './junction-data';

function buildProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('junction')
    .description('Junction: run integration flows drawn in the editor, durably.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();

  const serve = program
    .command('serve')
    .description(
      'Start the server (API, webhooks, callbacks, editor) on one SQLite file, or one role of a scale-out cluster',
    )
    .option('-p, --port <port>', 'TCP port', '3000')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('-d, --data <dir>', 'data directory (junction.db, master.key)', DEFAULT_DATA)
    .option('--body-limit <bytes>', 'largest accepted request body in bytes (default 1 MiB)')
    .option('--role <role>', 'all (default) | api (HTTP, queues work) | worker (runs queued work)', 'all')
    .option('--database <url>', 'PostgreSQL URL instead of SQLite (env JUNCTION_DATABASE_URL)')
    .option('--database-schema <name>', 'PostgreSQL schema (default junction)')
    .option('--redis <url>', 'Redis URL for the run queue (env JUNCTION_REDIS_URL)')
    .option('--queue-prefix <prefix>', 'prefix of Redis keys and channels (default junction)')
    .option('--lease-ms <ms>', 'run lease: runs of a dead worker are taken over after this long')
    .option(
      '--sealed-retention <duration>',
      'erase sealed card keys of runs finished this long ago (30d, 12h)',
    )
    .option('--worker-id <id>', 'this process in run leases (default host:pid)')
    .option('--public-url <url>', 'where suppliers and shops reach the api (env JUNCTION_PUBLIC_URL)')
    .option('--master-key-file <path>', 'read the master key from this file instead of JUNCTION_MASTER_KEY')
    .option(
      '--require-tests',
      "deploys run the flow's stored tests first and are refused when they fail (env JUNCTION_REQUIRE_TESTS=1)",
    )
    .option('--egress-allow <list>', EGRESS_ALLOW_HELP)
    .option(
      '--trust-proxy <proxies>',
      'true, or proxy addresses/CIDRs whose X-Forwarded-For names the client (env JUNCTION_TRUST_PROXY)',
    )
    .option(
      '--rate-limit-client <n>',
      'requests per window one client may send to a webhook path or callback channel, 0 = off (default 1200; env JUNCTION_RATE_LIMIT_CLIENT)',
    )
    .option(
      '--rate-limit-flow <n>',
      'requests per window to one webhook path or callback channel from all clients, 0 = off (default 6000; env JUNCTION_RATE_LIMIT_FLOW)',
    )
    .option(
      '--rate-limit-window <seconds>',
      'rate-limit window in seconds (default 60; env JUNCTION_RATE_LIMIT_WINDOW)',
    )
    .option(
      '--expression-timeout-ms <ms>',
      'milliseconds one expression may evaluate; it holds the event loop meanwhile (default 1000; env JUNCTION_EXPRESSION_TIMEOUT_MS)',
    )
    .option(
      '--expression-max-depth <n>',
      'call depth of an expression (default 500; env JUNCTION_EXPRESSION_MAX_DEPTH)',
    )
    .option(
      '--expression-max-sequence <n>',
      'length of any sequence or range in an expression (default 1000000; env JUNCTION_EXPRESSION_MAX_SEQUENCE)',
    )
    .option(
      '--alert-interval-ms <ms>',
      'how often alert rules are evaluated, 0 = only on demand (default 60000; env JUNCTION_ALERT_INTERVAL_MS)',
    )
    .option(
      '--alert-channel-base-url <list>',
      "URL prefixes alert channels may use besides the robots' own hosts, e.g. a robot proxy (env JUNCTION_ALERT_CHANNEL_BASE_URLS)",
    )
    .action(async (options) => setCode(await serveCommand(options, io)));
  addRetentionOptions(serve, true);

  addRetentionOptions(
    program
      .command('purge')
      .description(
        'Purge finished runs past their retention (journals, callback log and markers, expired cache rows) and reclaim space; safe while the server runs',
      )
      .option('-d, --data <dir>', 'data directory', DEFAULT_DATA)
      .option('--database <url>', 'PostgreSQL URL instead of the data directory (env JUNCTION_DATABASE_URL)')
      .option('--database-schema <name>', 'PostgreSQL schema (default junction)')
      .option('--no-compact', 'skip the space reclaim (SQLite incremental vacuum, PostgreSQL VACUUM)')
      .option('--json', 'print the counts as JSON'),
    false,
  ).action(async (options) => setCode(await purgeCommand(options, io)));

  program
    .command('run')
    .description('Run a flow file headless with live per-node progress; exit code from the outcome')
    .argument('<flow.json>', 'flow document')
    .option('-i, --input <json|@file>', 'trigger input as JSON or @file.json')
    .option('-d, --data <dir>', 'data directory for credentials and run history (default: in memory)')
    .option('--egress-allow <list>', EGRESS_ALLOW_HELP)
    .addHelpText(
      'after',
      '\nExit codes:\n  0  the run succeeded (its output is printed as JSON)\n  1  the run failed or was cancelled, or the flow is invalid\n  2  bad usage: unreadable file, malformed --input, or --input missing for a flow that declares one\n  3  the run is waiting for a callback or a timer (continue it under `junction serve`)',
    )
    .action(async (path, options) => setCode(await runCommand(path, options, io)));

  program
    .command('validate')
    .description('Validate a flow file and print every problem (exit 1 when invalid)')
    .argument('<flow.json>', 'flow document')
    .action((path) => setCode(validateCommand(path, io)));

  program
    .command('test')
    .description(
      'Run flow test files (<flow>.tests.json) with the production engine under virtual time; exit 1 when a case fails',
    )
    .argument('[files...]', 'test files (default: every *.tests.json below the current directory)')
    .option('--junit <file>', 'also write the results as JUnit XML')
    .option(
      '-d, --data <dir>',
      'use the credentials of this junction serve data directory (read-only) for nodes that run for real',
    )
    .option('--egress-allow <list>', EGRESS_ALLOW_HELP)
    .addHelpText(
      'after',
      '\nExit codes:\n  0  every case passed\n  1  a case failed, or a test file or its flow is invalid\n  2  no test file found',
    )
    .action(async (files, options) => setCode(await testCommand(files, options, io)));

  program
    .command('sandbox')
    .description('Start the card-platform sandbox (simulated supplier API)')
    .option('-p, --port <port>', 'TCP port')
    .option('--host <host>', 'interface to listen on')
    .option('--seed <n>', 'random seed')
    .option('--time-factor <x>', 'speeds up settlement and callback schedules')
    .option('--config <file>', 'sandbox config (faults, merchants)')
    .action(async (options) => {
      const args = Object.entries(options).flatMap(([key, value]) => [
        `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
        String(value),
      ]);
      setCode(await sandboxCommand(args, io));
    });

  const tokens = program.command('tokens').description('Manage API tokens');
  tokens
    .command('create')
    .description('Create an API token and print it once')
    .requiredOption(
      '--scopes <list>',
      'comma-separated: flows:read,flows:write,runs:write,deploy,credentials:write,metrics:read,audit:read,admin',
    )
    .option('--name <name>', 'label shown in token lists', 'cli')
    .option('-d, --data <dir>', 'data directory', DEFAULT_DATA)
    .option('--database <url>', 'PostgreSQL URL instead of the data directory (env JUNCTION_DATABASE_URL)')
    .option('--database-schema <name>', 'PostgreSQL schema (default junction)')
    .action(async (options) => setCode(await createTokenCommand(options, io)));

  const credentials = program.command('credentials').description('Manage the credential vault');
  credentials
    .command('rotate-key')
    .description(
      'Re-encrypt every credential under a new master key (stop the server first; with --database, every ' +
        'process: the current key comes from JUNCTION_MASTER_KEY, the new one from JUNCTION_NEW_MASTER_KEY ' +
        'or is generated and printed)',
    )
    .option('-d, --data <dir>', 'data directory', DEFAULT_DATA)
    .option('--database <url>', 'PostgreSQL URL instead of the data directory (env JUNCTION_DATABASE_URL)')
    .option('--database-schema <name>', 'PostgreSQL schema (default junction)')
    .action(async (options) => setCode(await rotateKeyCommand(options, io)));

  registerApiCommands(program, credentials, io, setCode);
  return program;
}

/**
 * Runs the `junction` command line and resolves to its exit code (never calls `process.exit`,
 * so tests can run it in-process).
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof JunctionError) {
      io.err(`${error.code}: ${error.message}`);
      return error.code.startsWith('JX_CLI_') ? EXIT.usage : EXIT.failed;
    }
    io.err(`junction failed: ${(error as Error).message}`);
    return EXIT.failed;
  }
}
