import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sse-parser.ts';

describe('createSseParser', () => {
  it('parses events split across chunks, multi-line data, comments and CRLF', () => {
    const messages: SseMessage[] = [];
    const parser = createSseParser((m) => messages.push(m));
    for (const chunk of [
      ': hello\n\nevent: snap',
      'shot\ndata: {"a":',
      '1}\n\n',
      'data: x\r\ndata: y\r\nid: 7\r\n\r\n',
    ])
      parser.push(chunk);
    expect(messages).toEqual([
      { event: 'snapshot', data: '{"a":1}' },
      { event: 'message', data: 'x\ny', id: '7' },
    ]);
  });
});
