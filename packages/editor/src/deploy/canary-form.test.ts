import { describe, expect, it } from 'vitest';
import { type CanaryFormValues, canaryProblems, canaryRequest, EMPTY_CANARY } from './canary-form.ts';

const form = (values: Partial<CanaryFormValues>): CanaryFormValues => ({ ...EMPTY_CANARY, ...values });

describe('canary form', () => {
  it('sends the routing key as routingKey and the filter as match', () => {
    expect(
      canaryRequest(
        form({ version: '2', percent: '50', routingKey: '=body.customer_id', match: 'body.vip = true' }),
      ),
    ).toEqual({ version: 2, percent: 50, routingKey: '=body.customer_id', match: '=body.vip = true' });
    expect(canaryRequest(form({ version: '2', percent: '50', routingKey: '=body.customer_id' }))).toEqual({
      version: 2,
      percent: 50,
      routingKey: '=body.customer_id',
    });
    expect(canaryRequest(form({}))).toBeUndefined();
  });

  it('reports an expression that does not parse at its field, with a code', () => {
    const problems = canaryProblems(form({ version: '2', routingKey: '=body.(', match: '=$$$(' }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['routingKey', 'JX_EXPRESSION_SYNTAX'],
      ['match', 'JX_EXPRESSION_SYNTAX'],
    ]);
    expect(problems[0]!.message).toMatch(/^JX_EXPRESSION_SYNTAX: /);
  });

  it('checks version and share, and nothing when no canary is chosen', () => {
    expect(canaryProblems(form({ routingKey: '=(' }))).toEqual([]);
    expect(canaryProblems(form({ version: '1.5', percent: '120' })).map((p) => p.code)).toEqual([
      'JX_CANARY_VERSION_INVALID',
      'JX_CANARY_PERCENT_INVALID',
    ]);
    expect(canaryProblems(form({ version: '3', percent: '50', routingKey: 'body.id' }))).toEqual([]);
  });
});
