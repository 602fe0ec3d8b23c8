function statusFrom(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599
    ? value
    : undefined;
}

/**
 * The HTTP status a webhook answers when its run failed, by the run's error code:
 * 1. `JX_OUTPUT_TOO_LARGE`, `…_INVALID`, `JX_INPUT_…` → 422: the request could not be processed as sent
 *    (the caller can fix it; retrying the same request fails the same way).
 * 2. `JX_SUPPLIER_…` → 502: the supplier refused or failed; the gateway (us) is fine.
 * 3. `JX_USER_…` (`flow.fail`) → the status the flow gives in `details.data.status` (400–599), else 422:
 *    the flow refused the request on purpose, which is not a server fault.
 * 4. Anything else → 500: the flow or the server broke, not the request.
 */
export function runErrorStatus(code: string, details?: Record<string, unknown>): number {
  if (code === 'JX_OUTPUT_TOO_LARGE' || code.endsWith('_INVALID') || code.startsWith('JX_INPUT_')) return 422;
  if (code.startsWith('JX_SUPPLIER_')) return 502;
  if (code.startsWith('JX_USER_')) {
    const data = details?.data;
    const fromFlow =
      data && typeof data === 'object' && !Array.isArray(data)
        ? (data as Record<string, unknown>).status
        : undefined;
    return statusFrom(fromFlow) ?? 422;
  }
  return 500;
}
