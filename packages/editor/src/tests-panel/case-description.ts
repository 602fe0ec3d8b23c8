import { translator } from '../i18n/i18n.ts';
import { runStatusLabel } from '../i18n/status-labels.ts';
import type { Translator } from '../i18n/translator.ts';

/** The description the server drafts for a case made from a run (case-from-run.ts). */
const DRAFTED = /^Made from (test run|run) (\S+) \((\w+)\)\.$/;

/**
 * A case's description as the Tests panel shows it: the server's drafted "Made from run … (…)."
 * in the user's language (`testsPanel.madeFromRun`), anything the user wrote as it is.
 */
export function caseDescription(description: string, using: Translator = translator()): string {
  const drafted = DRAFTED.exec(description);
  if (!drafted) return description;
  const [, kind, runId, status] = drafted as unknown as [string, string, string, string];
  return (
    using.lookup('testsPanel.madeFromRun', {
      test: kind === 'test run' ? 'yes' : 'no',
      runId,
      status: runStatusLabel(using, status),
    }) ?? description
  );
}
