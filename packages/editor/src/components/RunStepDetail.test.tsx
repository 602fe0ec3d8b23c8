import { cleanup, render, screen } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/i18n.ts';
import type { NodeRunInfo } from '../run/run-state.ts';
import { RunStepDetail } from './RunStepDetail.tsx';

afterEach(cleanup);

const wait = { channel: 'card-orders', key: 'ORD-7', deadline: Date.UTC(2030, 0, 1) };

function renderStep(info: NodeRunInfo) {
  return render(<RunStepDetail flowId="detail-test" nodeId="awaitResult" info={info} />);
}

describe('RunStepDetail', () => {
  it('shows the channel, key and deadline while the node waits', () => {
    renderStep({ status: 'waiting', attempts: 1, wait });
    const banner = screen.getByTestId('run-wait');
    expect(banner.textContent).toContain('Waiting on channel card-orders for key ORD-7');
    expect(banner.textContent).toContain('until');
  });

  it('drops the waiting banner once the node resumed and succeeded, keeping what it waited for', () => {
    renderStep({ status: 'succeeded', attempts: 1, wait, output: { callback: { state: 'success' } } });
    expect(screen.queryByTestId('run-wait')).toBeNull();
    expect(screen.queryByText(/Waiting on channel/)).toBeNull();
    const past = screen.getByTestId('run-waited');
    expect(past.textContent).toContain('Waited on channel card-orders for key ORD-7');
    expect(past.textContent).not.toContain('until');
  });

  it('drops the waiting banner while the resumed node runs again', () => {
    renderStep({ status: 'running', attempts: 1, wait });
    expect(screen.queryByTestId('run-wait')).toBeNull();
  });

  it('speaks Chinese in zh-CN: the wait with its deadline in UTC+8, attempts and noted callbacks', async () => {
    await act(() => setLocale('zh-CN'));
    try {
      renderStep({
        status: 'waiting',
        attempts: 2,
        wait,
        noted: [{ at: Date.UTC(2029, 11, 31, 16), payload: { order_status: 'processing' } }],
      });
      expect(screen.getByTestId('run-wait').textContent).toBe(
        '正在等待渠道 card-orders 上键为 ORD-7 的回调，截止 2030年1月1日 08:00:00',
      );
      expect(screen.getByText('尝试 2 次')).toBeTruthy();
      expect(screen.getByTestId('run-noted').textContent).toContain('已记录，仍在等待：1 条回调不满足条件');
    } finally {
      await act(() => setLocale('en'));
    }
  });
});
