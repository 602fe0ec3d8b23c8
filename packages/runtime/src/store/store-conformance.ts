import { describe } from 'vitest';
import { describeJournalConformance } from './conformance/journal-suite.ts';
import { describeKeyValueConformance } from './conformance/kv-suite.ts';
import { describeLifecycleConformance, type ReopenStore } from './conformance/lifecycle-suite.ts';
import { describePendingResumesConformance } from './conformance/pending-resumes-suite.ts';
import { describeReopenConformance } from './conformance/reopen-suite.ts';
import { describeRunsConformance } from './conformance/runs-suite.ts';
import type { OpenStore } from './conformance/suite-context.ts';
import { describeTimersAndLeasesConformance } from './conformance/timers-leases-suite.ts';
import { describeWaitsConformance } from './conformance/waits-suite.ts';

export type { ReopenStore } from './conformance/lifecycle-suite.ts';
export type { OpenStore } from './conformance/suite-context.ts';

/** Options of {@link describeRunStore}. */
export interface RunStoreSuiteOptions {
  /** Durable stores pass this to prove that data survives `close()` and a new open. */
  reopen?: ReopenStore;
}

/**
 * The conformance suite every {@link RunStore} implementation runs (Vitest `describe` blocks):
 * the same scenarios, races included, against memory, SQLite and PostgreSQL.
 * `open` must return a fresh, empty store each time; the suite closes it.
 */
export function describeRunStore(name: string, open: OpenStore, options: RunStoreSuiteOptions = {}): void {
  describe(`RunStore conformance: ${name}`, () => {
    describeRunsConformance(open);
    describeJournalConformance(open);
    describeReopenConformance(open);
    describeWaitsConformance(open);
    describePendingResumesConformance(open, options.reopen);
    describeTimersAndLeasesConformance(open);
    describeKeyValueConformance(open);
    describeLifecycleConformance(open, options.reopen);
  });
}
