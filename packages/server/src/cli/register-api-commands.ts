import type { Command } from 'commander';
import type { CliIo } from './cli-io.ts';
import { createCredentialCommand, listCredentialsCommand } from './commands/credential-commands.ts';
import { deployCommand, listFlowsCommand } from './commands/flow-commands.ts';

const EXIT_HELP =
  '\nTalks to a running api process over HTTP (embedded or scale-out alike).\n' +
  'Exit codes:\n  0  done\n  1  the server refused the input (invalid flow or credential, unknown version, conflict)\n' +
  '  2  bad usage: missing token, unreadable or malformed file, bad flag\n' +
  '  4  no server answers at --url (or it answered 5xx)\n  5  the token was refused (401/403)';

function withApi(command: Command): Command {
  return command
    .option('--url <url>', 'API base URL (env JUNCTION_URL, default http://127.0.0.1:3000)')
    .option('--token <token>', 'API token (prefer env JUNCTION_TOKEN: flags show in the process list)')
    .addHelpText('after', EXIT_HELP);
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds `flows deploy|list` to the program and `create|list` to its `credentials` command. */
export function registerApiCommands(
  program: Command,
  credentials: Command,
  io: CliIo,
  setCode: (code: number) => void,
): void {
  const flows = program.command('flows').description('Deploy and list flows on a running server');
  withApi(
    flows
      .command('deploy')
      .description('Save a flow file as a new version (unless unchanged) and deploy it, or a canary of it')
      .argument('<flow.json>', 'flow document')
      .option('--version <n>', 'deploy this existing version instead of the file')
      .option('--canary-percent <p>', 'deploy as a canary taking p% of runs beside the current main')
      .option('--routing-key <expr>', 'canary routing key, JSONata over the trigger payload')
      .option('--var <name=value>', 'set a declared flow variable, e.g. notifyUrl=… (repeatable)', collect),
  ).action(async (path, options) => setCode(await deployCommand(path, options, io)));
  withApi(
    flows.command('list').description('List flows with latest and deployed versions').option('--json'),
  ).action(async (options) => setCode(await listFlowsCommand(options, io)));

  withApi(
    credentials
      .command('create')
      .description('Create a credential; its fields come from a file, stdin or env and are never printed')
      .requiredOption('--kind <kind>', 'credential kind, e.g. card-platform')
      .requiredOption('--name <name>', 'display name')
      .requiredOption('--allowed-hosts <list>', 'comma-separated hosts it may be sent to ("*" = any)')
      .option('--id <id>', 'credential id flows refer to (default generated)')
      .option('--data-file <f.json>', 'the fields as a JSON object in a file')
      .option('--data-stdin', 'read the fields as a JSON object from standard input')
      .option('--data-env <VAR>', 'read the fields as a JSON object from an environment variable')
      .option('--replace', 'update the credential when --id exists'),
  ).action(async (options) => setCode(await createCredentialCommand(options, io)));
  withApi(
    credentials
      .command('list')
      .description('List credentials (metadata only, no secret values)')
      .option('--json'),
  ).action(async (options) => setCode(await listCredentialsCommand(options, io)));
}
