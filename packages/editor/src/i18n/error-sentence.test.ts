import { JunctionError, loadErrorCatalogue } from '@junction/runtime/browser';
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

describe('errorSentence with the runtime error catalogue', () => {
  it('shows a run error from the journal in Chinese, by code with its details', async () => {
    const errors = await loadErrorCatalogue('zh-CN');
    const zh = createTranslator('zh-CN', {}, errors);
    const journal = {
      code: 'JX_NODE_TIMEOUT',
      message: 'Node order did not finish within 5000 ms; raise its timeoutMs or check the service it calls.',
      details: { nodeId: 'order', timeoutMs: 5000 },
    };
    expect(errorSentence(journal, zh)).toBe(
      '节点 order 没有在 5000 毫秒内完成；请调高它的 timeoutMs，或检查它调用的服务。',
    );
    // The English translator shows the journal's own sentence; an unknown code keeps it too.
    expect(errorSentence(journal, createTranslator('en', {}))).toBe(journal.message);
    expect(errorSentence({ code: 'JX_USER_SOLD_OUT', message: 'Sold out.' }, zh)).toBe('Sold out.');
    expect(await loadErrorCatalogue('en')).toBeUndefined();
  });
});
