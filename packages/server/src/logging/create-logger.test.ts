import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.ts';
import { SecretScrubber } from './secret-scrubber.ts';

function capture() {
  const lines: string[] = [];
  const scrubber = new SecretScrubber();
  const logger = createLogger({ scrubber, destination: { write: (line: string) => void lines.push(line) } });
  return { lines, scrubber, logger };
}

describe('logger', () => {
  it('redacts secret-looking paths', () => {
    const { lines, logger } = capture();
    logger.info(
      { req: { headers: { authorization: 'Bearer abc-123-xyz' } }, body: { password: 'hunter22' } },
      'request',
    );
    expect(lines.join('')).not.toContain('abc-123-xyz');
    expect(lines.join('')).not.toContain('hunter22');
    expect(lines.join('')).toContain('[REDACTED]');
  });

  it('masks known secret values anywhere in a line, even inside messages', () => {
    const { lines, logger, scrubber } = capture();
    scrubber.add('s3cr3t-"quoted"-value', 'plain-secret-42');
    logger.warn({ note: 'got s3cr3t-"quoted"-value back' }, 'supplier said plain-secret-42');
    const text = lines.join('');
    expect(text).not.toContain('plain-secret-42');
    expect(text).not.toContain('s3cr3t-\\"quoted\\"-value');
    expect(text.match(/\[REDACTED\]/g)?.length).toBe(2);
  });

  it('logs credentials as id and kind only', () => {
    const { lines, logger } = capture();
    logger.info({ credential: { id: 'c1', kind: 'bearer', data: { token: 'tok-zzz-999' } } }, 'resolved');
    expect(lines.join('')).toContain('"credential":{"id":"c1","kind":"bearer"}');
    expect(lines.join('')).not.toContain('tok-zzz-999');
  });
});

describe('logger and URLs', () => {
  it('masks access_token query parameters in any logged URL', () => {
    const { lines, logger } = capture();
    logger.warn({ req: { url: '/api/runs?limit=1&access_token=jx_abc123&x=1' } }, 'slow request');
    logger.info('GET /api/runs/r1/events?access_token=jx_def456 failed');
    const text = lines.join('');
    expect(text).not.toContain('jx_abc123');
    expect(text).not.toContain('jx_def456');
    expect(text).toContain('access_token=[REDACTED]&x=1');
  });
});
