import { afterEach, describe, expect, it } from 'vitest';
import { raceAbort } from './abortable.ts';

const unobserved: unknown[] = [];
const onUnhandled = (reason: unknown) => unobserved.push(reason);
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  unobserved.length = 0;
});

describe('raceAbort', () => {
  it('observes the failure of a node whose signal was already aborted (no unhandled rejection)', async () => {
    process.on('unhandledRejection', onUnhandled);
    const controller = new AbortController();
    controller.abort(new Error('run handed over'));
    let fail!: (error: Error) => void;
    const request = new Promise<never>((_, reject) => {
      fail = reject;
    });
    await expect(raceAbort(request, controller.signal)).rejects.toThrow('run handed over');
    // The node's own request fails afterwards, as an aborted HTTP call does.
    fail(new Error('JX_HTTP_ABORTED: POST /api/gateway was cancelled'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unobserved).toEqual([]);
  });

  it('rejects with the signal reason when the signal aborts first, and observes the later failure', async () => {
    process.on('unhandledRejection', onUnhandled);
    const controller = new AbortController();
    let fail!: (error: Error) => void;
    const request = new Promise<never>((_, reject) => {
      fail = reject;
    });
    const raced = raceAbort(request, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(raced).rejects.toThrow('cancelled');
    fail(new Error('late'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unobserved).toEqual([]);
  });
});
