import { describe, expect, it } from 'vitest';
import { saveStateLabel } from '../app/save-state.ts';
import { summarizeProblems } from './problem-summary.ts';

const problem = (code: string) => ({ code, pointer: '', message: code });

describe('toolbar summaries', () => {
  it('nudges a flow without a trigger kindly instead of counting a problem', () => {
    expect(summarizeProblems([problem('JX_NO_TRIGGER')])).toMatchObject({
      label: 'Add a trigger to start',
      tone: 'hint',
    });
    expect(summarizeProblems([])).toMatchObject({ label: '✓ Valid', tone: 'valid' });
    // Before the first validation of an empty flow, too.
    expect(summarizeProblems([], true)).toMatchObject({ label: 'Add a trigger to start' });
    expect(summarizeProblems([problem('JX_NO_TRIGGER'), problem('JX_CONFIG_INVALID')])).toMatchObject({
      label: '⚠ 2 problems',
      tone: 'problems',
    });
  });

  it('never calls a flow that was never saved "Saved"', () => {
    expect(saveStateLabel(null, '{}')).toEqual({ label: 'Not saved yet', dirty: true });
    expect(saveStateLabel('{}', '{}')).toEqual({ label: 'Saved', dirty: false });
    expect(saveStateLabel('{}', '{"a":1}')).toEqual({ label: '● Unsaved', dirty: true });
  });
});
