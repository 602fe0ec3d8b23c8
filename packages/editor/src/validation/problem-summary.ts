import { translator } from '../i18n/i18n.ts';
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
      label: translator().t('problems.startHint'),
      tone: 'hint',
      title: translator().t('problems.startHintTitle'),
    };
  }
  if (!problems.length) {
    return {
      label: translator().t('problems.valid'),
      tone: 'valid',
      title: translator().t('problems.validateTitle'),
    };
  }
  const count = problems.length;
  return {
    label: translator().t('problems.count', { count }),
    tone: 'problems',
    title: translator().t('problems.validateTitle'),
  };
}
