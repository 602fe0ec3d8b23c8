import { describe, expect, it } from 'vitest';
import { alertFormProblems, alertRuleRequest, EMPTY_ALERT_FORM } from './alert-rule-form.ts';

describe('the new alert rule form', () => {
  it('names each missing field', () => {
    expect(alertFormProblems(EMPTY_ALERT_FORM).map((p) => p.field)).toEqual([
      'name',
      'threshold',
      'channelUrl',
    ]);
    expect(
      alertFormProblems({
        ...EMPTY_ALERT_FORM,
        kind: 'supplier-balance',
        name: 'x',
        threshold: '5',
        channelUrl: 'https://a/',
      }),
    ).toEqual([{ field: 'credentialId', key: 'alertsTab.credentialRequired' }]);
  });

  it('builds the request: the open flow or every flow, window in ms, the channel secret only when given', () => {
    const values = {
      ...EMPTY_ALERT_FORM,
      name: ' 失败率 ',
      threshold: '20',
      channelUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
    };
    expect(alertRuleRequest(values, 'orders')).toEqual({
      name: '失败率',
      kind: 'failure-rate',
      threshold: 20,
      flowId: 'orders',
      windowMs: 900_000,
      minRuns: 10,
      channels: [{ kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' }],
    });
    const all = alertRuleRequest(
      { ...values, kind: 'waiting-runs', thisFlow: false, channelKind: 'dingtalk', channelSecret: 'SEC1' },
      'orders',
    );
    expect(all).toEqual({
      name: '失败率',
      kind: 'waiting-runs',
      threshold: 20,
      channels: [{ kind: 'dingtalk', url: values.channelUrl, secret: 'SEC1' }],
    });
    const balance = alertRuleRequest(
      { ...values, kind: 'supplier-balance', credentialId: 'supplier' },
      'orders',
    );
    expect(balance).toMatchObject({ credentialId: 'supplier' });
    expect(balance.flowId).toBeUndefined();
  });
});
