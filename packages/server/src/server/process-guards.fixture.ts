// Child process of process-guards.test.ts: an error escapes every handler; the process must live on.
import { JunctionError } from '@junction/runtime';
import pino from 'pino';
import { escapedErrorCounts, installProcessGuards } from './process-guards.ts';

installProcessGuards(pino());
void Promise.reject(
  new JunctionError('JX_HTTP_ABORTED', 'POST http://127.0.0.1/api/gateway was cancelled.', { runId: 'r-1' }),
);
setTimeout(() => {
  throw new Error('thrown from a timer');
}, 10);
setTimeout(() => {
  process.stdout.write(`${JSON.stringify(Object.fromEntries(escapedErrorCounts()))}\n`);
}, 100);
