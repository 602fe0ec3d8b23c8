/** JSON Schemas of the retention routes and of the retention part of `GET /api/health`. */

const days = (what: string) => ({
  type: ['integer', 'null'],
  minimum: 1,
  maximum: 36_500,
  description: `${what}; null keeps forever.`,
});

/** The server's retention defaults (`--retention-*` flags, `JUNCTION_RETENTION_*`). */
export const retentionSettingsSchema = {
  type: 'object',
  description:
    'Retention defaults, set by --retention-succeeded-days, --retention-failed-days, --retention-max-runs, --retention-callback-days and --retention-interval.',
  required: ['succeededDays', 'failedDays', 'maxRuns', 'callbackDays', 'intervalMs'],
  properties: {
    succeededDays: days('Days a succeeded run is kept after it finished'),
    failedDays: days('Days a failed or cancelled run is kept after it finished'),
    maxRuns: { ...days('Finished runs kept per flow at most, newest first'), maximum: 100_000_000 },
    callbackDays: days('Days the callback log and delivered / timed-out callback markers are kept'),
    intervalMs: { type: 'integer', description: 'How often the server purges (ms); 0 = only on request.' },
  },
} as const;

/** A flow's own policy: a field left out follows the default, null keeps forever. */
export const retentionPolicyBody = {
  type: 'object',
  additionalProperties: false,
  description: 'A field left out follows the server default; null keeps forever (no age limit, no cap).',
  properties: {
    succeededDays: days('Days a succeeded run is kept after it finished'),
    failedDays: days('Days a failed or cancelled run is kept after it finished'),
    maxRuns: { ...days('Finished runs kept per flow at most, newest first'), maximum: 100_000_000 },
  },
} as const;

/** What a purge deleted. */
export const purgeReportSchema = {
  type: 'object',
  required: [
    'startedAt',
    'durationMs',
    'runs',
    'journalEntries',
    'callbackLogs',
    'callbackMarks',
    'kv',
    'inbox',
    'nonces',
  ],
  properties: {
    startedAt: { type: 'integer' },
    durationMs: { type: 'integer' },
    runs: { type: 'integer', description: 'Finished runs deleted.' },
    journalEntries: { type: 'integer', description: 'Their journal entries.' },
    callbackLogs: { type: 'integer', description: 'Callback log rows past the callback retention.' },
    callbackMarks: { type: 'integer', description: 'Delivered and timed-out callback-key markers past it.' },
    kv: { type: 'integer', description: 'Expired key/value (cache) rows.' },
    inbox: { type: 'integer', description: 'Inbox notices past their time to live.' },
    nonces: { type: 'integer', description: 'Expired nonces of verified messages.' },
    bytesBefore: { type: 'integer', description: 'Store size on disk before the compaction.' },
    bytesAfter: { type: 'integer', description: 'And after it.' },
  },
} as const;
