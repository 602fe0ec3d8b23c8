/**
 * The environment deploys, webhooks, callbacks and runs without an environment use: `production`,
 * because every deployment made before environments existed served live traffic on the unprefixed
 * URLs, and those keep behaving exactly as before.
 */
export const DEFAULT_ENVIRONMENT = 'production';

/** The environment a test run uses unless the caller names another: never production by accident. */
export const TEST_RUN_ENVIRONMENT = 'sandbox';

/** Environments that always exist and cannot be deleted. */
export const BUILTIN_ENVIRONMENTS: readonly string[] = ['sandbox', 'production'];

/** Environment names: a lowercase slug, also a URL segment (`/hooks/<env>/…`). */
export const ENVIRONMENT_NAME_PATTERN = '^[a-z][a-z0-9-]{0,31}$';
