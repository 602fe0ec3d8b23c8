import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The editor's Content-Security-Policy, as tight as the bundle allows: scripts, workers (Monaco's
 * editor worker is a same-origin module file), fonts (codicons) and API calls only from this origin;
 * no inline or `eval`'d script. Styles allow `'unsafe-inline'` because Monaco injects `<style>`
 * elements and React Flow positions nodes with `style` attributes. `data:` images are the favicon.
 * No `upgrade-insecure-requests`: the embedded server speaks plain HTTP on 127.0.0.1 or a LAN.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'worker-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The headers of answers written straight to the socket, for requests Node's parser refused before
 * Fastify (and helmet) saw them: a JSON error body that nothing may render, frame or refer from.
 */
export const RAW_ANSWER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * Security headers on every answer (editor, API, ingress) with `@fastify/helmet`: the CSP above,
 * `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` (for browsers without
 * `frame-ancestors`), `Referrer-Policy: no-referrer`, and helmet's cross-origin isolation defaults.
 * HSTS is left to the TLS-terminating proxy: the server itself never speaks HTTPS, and a year-long
 * pin set from here would outlive a proxy change.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
}
