import { JunctionError } from '@junction/runtime/browser';
import { describe, expect, it } from 'vitest';
import { errorSentence } from './error-sentence.ts';
import { createTranslator } from './translator.ts';

describe('errorSentence', () => {
  const zh = createTranslator('zh-CN', {
    'error.JX_FLOW_NOT_FOUND': '找不到流程 {flowId}。',
  });

  it('takes the sentence from the catalogue by code, with the details as parameters', () => {
    const error = new JunctionError('JX_FLOW_NOT_FOUND', 'Flow shop-sync not found.', {
      flowId: 'shop-sync',
    });
    expect(errorSentence(error, zh)).toBe('找不到流程 shop-sync。');
  });

  it("falls back to the server's sentence for an unknown code or a missing parameter", () => {
    expect(errorSentence(new JunctionError('JX_SOMETHING_NEW', 'Something new.'), zh)).toBe('Something new.');
    expect(errorSentence(new JunctionError('JX_FLOW_NOT_FOUND', 'Flow not found.'), zh)).toBe(
      'Flow not found.',
    );
  });
});

describe('errorSentence with the editor catalogue', () => {
  it('shows the Chinese sentence of a catalogued code with its details', async () => {
    const zh = createTranslator(
      'zh-CN',
      (await import('./messages/zh-CN.json', { with: { type: 'json' } })).default,
    );
    const offline = new JunctionError(
      'JX_EDITOR_OFFLINE',
      'Cannot reach the server (GET /api/flows). Is it running?',
      {
        method: 'GET',
        path: '/api/flows',
      },
    );
    expect(errorSentence(offline, zh)).toBe('无法连接服务器（GET /api/flows）。服务器在运行吗？');
  });
});
