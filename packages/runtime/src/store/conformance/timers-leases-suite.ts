import { describe, expect, it } from 'vitest';
import type { TimerRecord } from '../run-records.ts';
import { makeRun, type OpenStore, useFreshStore } from './suite-context.ts';

function timer(id: string, dueAt: number, extra: Partial<TimerRecord> = {}): TimerRecord {
  return { id, runId: `run-${id}`, nodeId: 'sleep', kind: 'sleep', dueAt, ...extra };
}

/** Conformance: durable timers with claim leases, and run execution leases. */
export function describeTimersAndLeasesConformance(open: OpenStore): void {
  describe('timers', () => {
    const store = useFreshStore(open);

    it('claims due timers earliest first, up to the limit', async () => {
      expect(await store().nextTimerDue()).toBeUndefined();
      await store().putTimer(timer('late', 300));
      await store().putTimer(timer('early', 100, { kind: 'deadline', nodeId: 'await' }));
      await store().putTimer(timer('mid', 200));
      expect(await store().nextTimerDue()).toBe(100);
      expect(await store().claimDueTimers(50, 10, 1_000)).toEqual([]);
      expect(await store().claimDueTimers(250, 1, 1_000)).toEqual([
        timer('early', 100, { kind: 'deadline', nodeId: 'await' }),
      ]);
      expect((await store().claimDueTimers(250, 10, 1_000)).map((t) => t.id)).toEqual(['mid']);
    });

    it('hides a claimed timer until its lease passes, then offers it again', async () => {
      await store().putTimer(timer('t1', 100));
      expect(await store().claimDueTimers(100, 10, 500)).toHaveLength(1);
      expect(await store().claimDueTimers(599, 10, 500)).toEqual([]);
      // A leased timer cannot be claimed before its lease ends, so that is when to wake up next.
      expect(await store().nextTimerDue()).toBe(600);
      expect((await store().claimDueTimers(600, 10, 500)).map((t) => t.id)).toEqual(['t1']);
      await store().deleteTimer('t1');
      expect(await store().claimDueTimers(10_000, 10, 500)).toEqual([]);
      expect(await store().nextTimerDue()).toBeUndefined();
    });

    it('replaces a timer by id (new due time, lease cleared)', async () => {
      await store().putTimer(timer('t1', 100));
      await store().claimDueTimers(100, 10, 10_000);
      await store().putTimer(timer('t1', 150));
      expect(await store().nextTimerDue()).toBe(150);
      expect(await store().claimDueTimers(150, 10, 10_000)).toEqual([timer('t1', 150)]);
    });

    it('deletes a claimed timer only while it is that claim (claimedDueAt)', async () => {
      await store().putTimer(timer('t1', 100));
      await store().deleteTimer('t1', 100); // not claimed yet: stays
      expect(await store().nextTimerDue()).toBe(100);
      await store().claimDueTimers(100, 10, 10_000);
      await store().putTimer(timer('t1', 100)); // put again while its old claim is handled
      await store().deleteTimer('t1', 100);
      expect(await store().nextTimerDue()).toBe(100);
      await store().claimDueTimers(100, 10, 10_000);
      await store().deleteTimer('t1', 99); // another due time: another timer
      expect(await store().nextTimerDue()).toBe(10_100);
      await store().deleteTimer('t1', 100);
      expect(await store().nextTimerDue()).toBeUndefined();
    });

    it('releases every timer claim, so a dead claimer’s timers are offered again at once', async () => {
      await store().putTimer(timer('held', 100));
      await store().putTimer(timer('lapsed', 150));
      await store().putTimer(timer('unclaimed', 200));
      await store().putTimer(timer('future', 5_000));
      expect((await store().claimDueTimers(100, 10, 30_000)).map((t) => t.id)).toEqual(['held']);
      expect((await store().claimDueTimers(150, 10, 10)).map((t) => t.id)).toEqual(['lapsed']);
      // `held` is hidden for 30 s; `lapsed` until 160.
      expect(await store().claimDueTimers(155, 10, 30_000)).toEqual([]);
      expect(await store().nextTimerDue()).toBe(160);
      expect(await store().releaseTimerClaims()).toBe(2);
      expect(await store().nextTimerDue()).toBe(100);
      expect(await store().claimDueTimers(300, 10, 30_000)).toEqual([
        timer('held', 100),
        timer('lapsed', 150),
        timer('unclaimed', 200),
      ]);
      // A released timer claimed again is that new claim: its handler deletes it as usual.
      await store().deleteTimer('held', 100);
      expect(await store().releaseTimerClaims()).toBe(2);
      expect(await store().releaseTimerClaims()).toBe(0);
      expect((await store().claimDueTimers(6_000, 10, 30_000)).map((t) => t.id)).toEqual([
        'lapsed',
        'unclaimed',
        'future',
      ]);
    });

    it('never hands the same timer to two concurrent claimers', async () => {
      for (let i = 0; i < 40; i++) await store().putTimer(timer(`t${i}`, i));
      const batches = await Promise.all(
        Array.from({ length: 6 }, () => store().claimDueTimers(1_000, 10, 5_000)),
      );
      const ids = batches.flat().map((t) => t.id);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    });
  });

  describe('run leases', () => {
    const store = useFreshStore(open);

    it('acquires, renews, conflicts and expires', async () => {
      expect(await store().acquireLease('r1', 'w1', 1_000, 100)).toBe(true);
      expect(await store().acquireLease('r1', 'w2', 1_050, 100)).toBe(false);
      expect(await store().acquireLease('r1', 'w1', 1_080, 100)).toBe(true);
      expect(await store().acquireLease('r1', 'w2', 1_179, 100)).toBe(false);
      expect(await store().acquireLease('r1', 'w2', 1_180, 100)).toBe(true);
      expect(await store().acquireLease('r1', 'w1', 1_200, 100)).toBe(false);
    });

    it('only the owner releases a lease', async () => {
      await store().acquireLease('r1', 'w1', 1_000, 100);
      await store().releaseLease('r1', 'w2');
      expect(await store().acquireLease('r1', 'w2', 1_001, 100)).toBe(false);
      await store().releaseLease('r1', 'w1');
      expect(await store().acquireLease('r1', 'w2', 1_002, 100)).toBe(true);
    });

    it('releases every lease of other owners, live ones included, and keeps its own', async () => {
      await store().createRun(makeRun('waiting', { status: 'waiting' }));
      await store().createRun(makeRun('running', { status: 'running' }));
      await store().acquireLease('waiting', 'dead', 1_000, 30_000);
      await store().acquireLease('running', 'dead', 1_000, 30_000);
      await store().acquireLease('expired', 'older', 0, 10);
      await store().acquireLease('mine', 'me', 1_000, 30_000);
      expect(await store().releaseForeignLeases('me')).toBe(3);
      // Free at once, long before the dead owner's 30 s would have passed.
      expect(await store().acquireLease('waiting', 'other', 1_001, 100)).toBe(true);
      expect(await store().acquireLease('expired', 'other', 1_001, 100)).toBe(true);
      expect(await store().acquireLease('mine', 'other', 1_001, 100)).toBe(false);
      expect((await store().listOrphanRuns(1_001, 10)).map((r) => r.id)).toEqual(['running']);
      expect(await store().releaseForeignLeases('other')).toBe(1);
      expect(await store().releaseForeignLeases('other')).toBe(0);
    });

    it('lists queued and running runs without a live lease as orphans, oldest first', async () => {
      await store().createRun(makeRun('queued-free', { status: 'queued', createdAt: 30 }));
      await store().createRun(makeRun('running-expired', { status: 'running', createdAt: 10 }));
      await store().createRun(makeRun('running-held', { status: 'running', createdAt: 20 }));
      await store().createRun(makeRun('waiting', { status: 'waiting', createdAt: 5 }));
      await store().createRun(makeRun('done', { status: 'succeeded', createdAt: 1 }));
      await store().acquireLease('running-expired', 'dead-worker', 0, 500);
      await store().acquireLease('running-held', 'live-worker', 900, 500);
      const orphans = await store().listOrphanRuns(1_000, 10);
      expect(orphans.map((r) => r.id)).toEqual(['running-expired', 'queued-free']);
      expect(orphans[0]).toEqual(makeRun('running-expired', { status: 'running', createdAt: 10 }));
      expect((await store().listOrphanRuns(1_000, 1)).map((r) => r.id)).toEqual(['running-expired']);
      expect((await store().listOrphanRuns(2_000, 10)).map((r) => r.id)).toEqual([
        'running-expired',
        'running-held',
        'queued-free',
      ]);
    });

    it('creates a run with its lease in one step: never an orphan, and the lease is the creator’s', async () => {
      await store().createRun(makeRun('leased', { status: 'running', createdAt: 10 }), {
        owner: 'starter',
        until: 1_500,
      });
      expect(await store().listOrphanRuns(1_000, 10)).toEqual([]);
      expect(await store().acquireLease('leased', 'other', 1_000, 500)).toBe(false);
      expect(await store().acquireLease('leased', 'starter', 1_000, 500)).toBe(true);
      expect((await store().listOrphanRuns(2_000, 10)).map((r) => r.id)).toEqual(['leased']);
      const error = await store()
        .createRun(makeRun('leased'), { owner: 'thief', until: 9_000 })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'JX_RUN_EXISTS' });
      expect(await store().acquireLease('leased', 'starter', 1_100, 500)).toBe(true);
    });

    it('lists waiting runs that nothing can wake as stranded, and only those', async () => {
      for (const id of ['stranded', 'has-wait', 'has-timer', 'has-resume', 'held', 'old-stranded']) {
        await store().createRun(makeRun(id, { status: 'waiting', updatedAt: id === 'old-stranded' ? 1 : 5 }));
      }
      await store().createRun(makeRun('running', { status: 'running' }));
      await store().registerWait({ runId: 'has-wait', nodeId: 'n', channel: 'c', key: 'k1', createdAt: 1 });
      await store().putTimer({ id: 't', runId: 'has-timer', nodeId: 'n', kind: 'sleep', dueAt: 50 });
      await store().registerWait({ runId: 'has-resume', nodeId: 'n', channel: 'c', key: 'k2', createdAt: 1 });
      expect((await store().deliver('c', 'k2', { ok: true }, 60_000, 2)).outcome).toBe('matched');
      await store().acquireLease('held', 'live', 900, 500);
      const stranded = await store().listStrandedRuns(1_000, 10);
      expect(stranded.map((r) => r.id)).toEqual(['old-stranded', 'stranded']);
      expect((await store().listStrandedRuns(1_000, 1)).map((r) => r.id)).toEqual(['old-stranded']);
      expect((await store().listStrandedRuns(2_000, 10)).map((r) => r.id)).toEqual([
        'old-stranded',
        'held',
        'stranded',
      ]);
    });

    it('lets exactly one of many concurrent owners take a free lease', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, n) => store().acquireLease('contested', `w${n}`, 1_000, 1_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
