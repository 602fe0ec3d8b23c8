import { JunctionError } from '@junction/runtime';
import type { ServerRole } from './server-options.ts';

/** A start-up warning the operator should act on; printed by `junction serve` and logged. */
export interface StartWarning {
  code: string;
  message: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

/**
 * The URL suppliers and shops reach the API at, without a trailing slash: `publicUrl` when given
 * (checked to be an absolute http(s) URL, else `JX_PUBLIC_URL_INVALID`), otherwise the listen URL.
 */
export function resolvePublicUrl(publicUrl: string | undefined, listenUrl: string): string {
  if (publicUrl === undefined || publicUrl === '') return listenUrl;
  const parsed = URL.canParse(publicUrl) ? new URL(publicUrl) : undefined;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new JunctionError(
      'JX_PUBLIC_URL_INVALID',
      `--public-url must be an absolute http(s) URL such as https://junction.example.com, got "${publicUrl}".`,
      { publicUrl },
    );
  }
  return publicUrl.replace(/\/+$/, '');
}

/** The callback URL of a channel under a public URL, e.g. `<public>/callbacks/card-platform`. */
export function callbackUrl(publicUrl: string, channel: string): string {
  return `${publicUrl}/callbacks/${encodeURIComponent(channel)}`;
}

/** The webhook URL of a trigger path under a public URL, e.g. `<public>/hooks/shop/order`. */
export function webhookUrl(publicUrl: string, path: string): string {
  return `${publicUrl}/hooks/${path.replace(/^\/+/, '')}`;
}

/** True when the URL's host is only reachable from this machine. */
export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK.test(new URL(url).hostname);
}

/**
 * In scale-out (an HTTP role on a shared database) suppliers post callbacks to whatever URL the flows
 * were given; a missing or loopback public URL means those callbacks never arrive.
 */
export function publicUrlWarning(
  role: ServerRole,
  shared: boolean,
  publicUrl: string | undefined,
): StartWarning | undefined {
  if (role === 'worker' || !shared) return undefined;
  if (!publicUrl) {
    return {
      code: 'JX_PUBLIC_URL_MISSING',
      message:
        'No --public-url (JUNCTION_PUBLIC_URL) is set: give the address suppliers and shops reach the api at ' +
        '(e.g. https://junction.example.com), and use it for callback URLs such as notifyUrl.',
    };
  }
  if (isLoopbackUrl(publicUrl)) {
    return {
      code: 'JX_PUBLIC_URL_LOOPBACK',
      message:
        `--public-url ${publicUrl} points at this machine only: suppliers on other hosts cannot post ` +
        'callbacks there. Set it to the load balancer or host name the api is reached at.',
    };
  }
  return undefined;
}
