const KEY = 'junction.token';

/**
 * Reads the API token: a `#token=…` fragment wins (and is removed from the address bar so it does not
 * linger in history or screenshots), else the one kept in localStorage.
 */
export function takeToken(
  location: Location = window.location,
  history: History = window.history,
): string | undefined {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    localStorage.setItem(KEY, token);
    const rest = location.hash.replace(/(^#|&)token=[^&]+/, '$1').replace(/^#&?$/, '');
    history.replaceState(null, '', `${location.pathname}${location.search}${rest}`);
    return token;
  }
  return localStorage.getItem(KEY) ?? undefined;
}

/** Stores a token the user pasted. */
export function saveToken(token: string): void {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
}
