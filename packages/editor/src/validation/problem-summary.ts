import type { ValidationProblem } from './problem.ts';

/** What the toolbar's validation button says. */
export interface ProblemSummary {
  label: string;
  /** `hint`: nothing is wrong yet, the flow is just not started (a new flow has no trigger). */
  tone: 'valid' | 'hint' | 'problems';
  title: string;
}

/**
 * Summarises the problem list for the toolbar. A flow whose only problem is the missing trigger is
 * a flow still being started, not a broken one, so it gets a kind nudge instead of a warning count.
 */
export function summarizeProblems(problems: readonly ValidationProblem[], empty = false): ProblemSummary {
  // An empty flow is only "valid" until validation has run; it is the same nudge either way.
  if (empty || (problems.length && problems.every((p) => p.code === 'JX_NO_TRIGGER'))) {
    return {
      label: 'Add a trigger to start',
      tone: 'hint',
      title: 'A flow starts at a trigger: drag “Manual trigger”, “Webhook” or “Schedule” from the palette.',
    };
  }
  if (!problems.length) {
    return { label: '✓ Valid', tone: 'valid', title: 'Validate on the server and show problems' };
  }
  const count = problems.length;
  return {
    label: `⚠ ${count} problem${count === 1 ? '' : 's'}`,
    tone: 'problems',
    title: 'Validate on the server and show problems',
  };
}
