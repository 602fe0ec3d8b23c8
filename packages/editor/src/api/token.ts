/** Where the tab keeps the API token: sessionStorage, so it ends with the tab and never reaches disk. */
export const TOKEN_KEY = 'junction.token';

const FRAGMENT_TOKEN = /(?:^#|&)token=([^&]*)/;

/** The fragment without its `token=` entry (`''` when nothing else was in it). */
function fragmentWithoutToken(hash: string): string {
  const rest = hash
    .replace(/^#/, '')
    .split('&')
    .filter((part) => part !== '' && !part.startsWith('token='))
    .join('&');
  return rest ? `#${rest}` : '';
}

/**
 * Reads the API token once at start-up. A `#token=…` fragment (the URL the server prints on first
 * start) wins: it is kept in sessionStorage and removed from the address bar with
 * `history.replaceState`, so it lingers neither in history, bookmarks, screenshots nor a shared link.
 * Otherwise the tab's stored token. A token an older editor left in localStorage (readable by every
 * later visit, kept on disk) is moved into the tab and deleted there.
 */
export function takeToken(
  location: Location = window.location,
  history: History = window.history,
  session: Storage = window.sessionStorage,
  local: Storage = window.localStorage,
): string | undefined {
  const legacy = local.getItem(TOKEN_KEY);
  if (legacy !== null) {
    local.removeItem(TOKEN_KEY);
    if (!session.getItem(TOKEN_KEY) && legacy) session.setItem(TOKEN_KEY, legacy);
  }
  const match = FRAGMENT_TOKEN.exec(location.hash);
  if (match) {
    const token = decodeURIComponent(match[1] ?? '');
    if (token) session.setItem(TOKEN_KEY, token);
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${fragmentWithoutToken(location.hash)}`,
    );
  }
  return session.getItem(TOKEN_KEY) ?? undefined;
}

/** Stores a token the user pasted (an empty one forgets it). */
export function saveToken(token: string, session: Storage = window.sessionStorage): void {
  if (token) session.setItem(TOKEN_KEY, token);
  else session.removeItem(TOKEN_KEY);
}
