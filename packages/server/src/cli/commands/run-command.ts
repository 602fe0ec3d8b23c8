import { join } from 'node:path';
import {
  createEngine,
  createMemoryStore,
  createSqliteStore,
  type EngineEvent,
  type FlowDocument,
  type Json,
  type RunStore,
} from '@junction/runtime';
import { ensurePrivateDir, openPrivately } from '../../db/private-files.ts';
import { migrateServerSchema } from '../../db/server-schema.ts';
import { sqliteDatabase } from '../../db/sqlite-database.ts';
import { secretFieldsOf, secretVariants, validateFlow } from '../../integration/runtime-glue.ts';
import { SecretScrubber } from '../../logging/secret-scrubber.ts';
import { egressRegistry } from '../../server/server-egress.ts';
import { CredentialVault } from '../../vault/credential-vault.ts';
import { loadMasterKey } from '../../vault/master-key-file.ts';
import { type CliIo, EXIT } from '../cli-io.ts';
import { parseInputOption, readJsonFile } from '../read-flow-file.ts';
import { type EgressFlags, egressAllowList } from './egress-options.ts';

/** Options of `junction run`. */
export interface RunCommandOptions extends EgressFlags {
  input?: string;
  /** Data directory: credentials come from its vault and the run is stored there. Default: in memory. */
  data?: string;
}

function progressLine(event: EngineEvent, scrubber: SecretScrubber): string | undefined {
  switch (event.type) {
    case 'node.started':
      return `▶ ${event.nodeId} (${event.nodeType})${event.attempt > 1 ? ` attempt ${event.attempt}` : ''}`;
    case 'node.completed':
      return `✓ ${event.nodeId} ${Math.round(event.durationMs)} ms`;
    case 'node.failed':
      return `✗ ${event.nodeId} ${event.error.code}: ${scrubber.scrub(event.error.message)}${event.willRetry ? ' (retrying)' : ''}`;
    case 'node.skipped':
      return `- ${event.nodeId} skipped`;
    case 'node.waiting':
      return `⏸ ${event.nodeId} waiting${event.channel ? ` for ${event.channel}/${event.key}` : ''}`;
    default:
      return undefined;
  }
}

/**
 * `junction run <flow.json>`: validates, runs the flow in-process with live per-node progress on
 * stderr, prints the output as JSON on stdout, and exits with the run's outcome.
 */
export async function runCommand(path: string, options: RunCommandOptions, io: CliIo): Promise<number> {
  const allow = egressAllowList(options);
  const { registry } = egressRegistry(
    allow ? { allow } : undefined,
    undefined,
    (entry) => `If it is yours, run again with --egress-allow ${entry} (or JUNCTION_EGRESS_ALLOW=${entry}).`,
  );
  const document = readJsonFile(path);
  const input: Json = parseInputOption(options.input);
  const problems = validateFlow(document, registry);
  if (problems.length > 0) {
    io.err(`${path} is invalid:`);
    for (const problem of problems)
      io.err(`  ${problem.pointer || '/'}  ${problem.code}  ${problem.message}`);
    return EXIT.failed;
  }
  const scrubber = new SecretScrubber();
  let store: RunStore;
  let vault: CredentialVault | undefined;
  if (options.data) {
    const dir = options.data;
    ensurePrivateDir(dir);
    const sqlite = openPrivately(dir, () => createSqliteStore({ path: join(dir, 'junction.db') }));
    const db = sqliteDatabase(sqlite.database);
    await migrateServerSchema(db);
    vault = await CredentialVault.open({
      db,
      ...loadMasterKey(options.data, process.env.JUNCTION_MASTER_KEY),
      scrubber,
      secretFieldsOf,
    });
    store = sqlite;
  } else {
    store = createMemoryStore();
  }
  const engine = createEngine({
    store,
    registry,
    credentials: { resolve: async (id) => vault?.resolve(id) },
    secretVariants,
    logger: (line) => io.err(`  ${line.nodeId} ${line.level}: ${scrubber.scrub(line.message)}`),
  });
  engine.on((event) => {
    const line = progressLine(event, scrubber);
    if (line) io.err(line);
  });
  try {
    const handle = await engine.start(document as FlowDocument, { input });
    const result = await handle.done;
    if (result.status === 'succeeded') {
      io.out(JSON.stringify(result.output ?? null, null, 2));
      return EXIT.ok;
    }
    if (result.status === 'waiting') {
      io.err(
        `Run ${handle.id} is waiting (for a callback or a timer); run it under \`junction serve\` to continue.`,
      );
      return EXIT.waiting;
    }
    const error = result.error;
    if (error?.code === 'JX_INPUT_INVALID' && options.input === undefined) {
      io.err(
        `This flow declares an input schema, so --input is required: give it as JSON (--input '{"…": …}') or a file (--input @input.json). (${scrubber.scrub(error.message)})`,
      );
      return EXIT.usage;
    }
    io.err(
      `Run ${handle.id} ${result.status}${error ? `: ${error.code} ${scrubber.scrub(error.message)}` : ''}`,
    );
    return EXIT.failed;
  } finally {
    await engine.stop();
    await store.close();
  }
}
