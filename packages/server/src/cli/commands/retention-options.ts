import type { Command } from 'commander';

/** Adds the `--retention-*` flags (shared by `junction serve` and `junction purge`). */
export function addRetentionOptions(command: Command, withInterval: boolean): Command {
  command
    .option(
      '--retention-succeeded-days <n>',
      'days succeeded runs are kept, or off (default 30; env JUNCTION_RETENTION_SUCCEEDED_DAYS)',
    )
    .option(
      '--retention-failed-days <n>',
      'days failed and cancelled runs are kept, or off (default 90; env JUNCTION_RETENTION_FAILED_DAYS)',
    )
    .option(
      '--retention-max-runs <n>',
      'finished runs kept per flow at most, or off (default off; env JUNCTION_RETENTION_MAX_RUNS)',
    )
    .option(
      '--retention-callback-days <n>',
      'days the callback log and callback markers are kept, or off (default 30; env JUNCTION_RETENTION_CALLBACK_DAYS)',
    );
  if (withInterval) {
    command.option(
      '--retention-interval <duration>',
      'how often the server purges (1h, 30m) or off (default 1h; env JUNCTION_RETENTION_INTERVAL)',
    );
  }
  return command;
}
