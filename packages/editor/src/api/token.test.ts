import { beforeEach, describe, expect, it } from 'vitest';
import { saveToken, TOKEN_KEY, takeToken } from './token.ts';

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  history.replaceState(null, '', '/');
});

describe('takeToken', () => {
  it('keeps a #token= fragment in sessionStorage only and removes it from the address bar', () => {
    history.replaceState(null, '', '/?flow=order-card#token=jx_abc%2Bdef');
    expect(takeToken()).toBe('jx_abc+def');
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('jx_abc+def');
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(`${location.pathname}${location.search}${location.hash}`).toBe('/?flow=order-card');
    // Read once: later calls (a reload of the tab) find it in the tab's storage.
    expect(takeToken()).toBe('jx_abc+def');
  });

  it('keeps the rest of the fragment', () => {
    history.replaceState(null, '', '/#a=1&token=jx_1&b=2');
    expect(takeToken()).toBe('jx_1');
    expect(location.hash).toBe('#a=1&b=2');
  });

  it('moves a token an older editor left in localStorage into the tab and deletes it there', () => {
    localStorage.setItem(TOKEN_KEY, 'jx_old');
    expect(takeToken()).toBe('jx_old');
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('jx_old');
  });

  it('lets a fragment token win over the stored one, and a pasted token is kept in the tab', () => {
    saveToken('jx_pasted');
    expect(takeToken()).toBe('jx_pasted');
    history.replaceState(null, '', '/#token=jx_new');
    expect(takeToken()).toBe('jx_new');
    saveToken('');
    expect(takeToken()).toBeUndefined();
    expect(localStorage.length).toBe(0);
  });
});
