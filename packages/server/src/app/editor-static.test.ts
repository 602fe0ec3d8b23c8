import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  const editorDir = mkdtempSync(join(tmpdir(), 'junction-editor-'));
  mkdirSync(join(editorDir, 'assets'));
  writeFileSync(join(editorDir, 'index.html'), '<!doctype html><title>Junction editor</title>');
  writeFileSync(join(editorDir, 'assets', 'app.js'), 'console.log("editor")');
  t = await startTestServer({ editorDir });
});
afterAll(async () => t.close());

describe('editor hosting', () => {
  it('serves the built editor without a token, with SPA fallback for deep links', async () => {
    const index = await t.api('GET', '/', undefined, { token: null });
    expect(index.status).toBe(200);
    expect(index.text).toContain('Junction editor');
    const asset = await t.api('GET', '/assets/app.js', undefined, { token: null });
    expect(asset.text).toContain('editor');
    const deep = await t.api('GET', '/flows/hello/runs', undefined, { token: null });
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('Junction editor');
  });

  it('keeps JSON 404s for API paths', async () => {
    const api = await t.api('GET', '/api/nothing', undefined, { token: null });
    expect(api.status).toBe(404);
    expect(api.json.error.code).toBe('JX_NOT_FOUND');
  });
});
