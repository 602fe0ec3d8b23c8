const TOKEN_IN_QUERY = /([?&]access_token=)[^&#\s"\\]*/g;

/**
 * `text` with the value of every `access_token` query parameter replaced by `[REDACTED]`. EventSource
 * clients carry API tokens in the URL, and URLs end up in log lines (errors, slow requests, nodes).
 */
export function redactQueryTokens(text: string): string {
  return text.includes('access_token=') ? text.replace(TOKEN_IN_QUERY, '$1[REDACTED]') : text;
}
