import { JunctionError } from '@junction/runtime';

/**
 * The supplier's error catalogue. Gateway errors come back as HTTP 200 with a non-zero `code`, like
 * the real platforms; each condition has its own code so merchants (and tests) can tell them apart.
 */
export const GATEWAY_ERRORS = {
  malformedRequest: { code: 1000, message: 'The request body must be a JSON object.' },
  missingParameter: { code: 1001, message: 'A required parameter is missing.' },
  invalidParameter: { code: 1002, message: 'A parameter has an invalid value.' },
  unknownAppKey: { code: 1003, message: 'The app_key is not known to this platform.' },
  badSignature: { code: 1004, message: 'The signature does not match; sign with the app secret.' },
  timestampExpired: { code: 1005, message: 'The timestamp is outside the allowed ±5 minutes window.' },
  unknownMethod: { code: 1006, message: 'The method is not supported.' },
  rateLimited: { code: 1007, message: 'Too many requests for this app_key; slow down and retry.' },
  productNotFound: { code: 2001, message: 'The product does not exist.' },
  productOffShelf: { code: 2002, message: 'The product is off shelf.' },
  outOfStock: { code: 2003, message: 'The product does not have enough stock.' },
  wrongProductType: { code: 2004, message: 'The product type does not match the order method.' },
  insufficientBalance: { code: 3001, message: 'The account balance is insufficient.' },
  duplicateOrder: { code: 3002, message: 'The customer_order_no has already been used.' },
  orderNotFound: { code: 3003, message: 'The order does not exist.' },
  internalError: { code: 5000, message: 'The platform failed to process the request.' },
} as const;

/** Name of an entry in {@link GATEWAY_ERRORS}. */
export type GatewayErrorName = keyof typeof GATEWAY_ERRORS;

/**
 * A refusal raised inside a method handler and turned into a `{code, message}` gateway response.
 * It never leaves the sandbox as an exception; the supplier code travels in `supplierCode`.
 */
export class GatewayRefusal extends JunctionError {
  /** The numeric supplier code sent to the merchant. */
  readonly supplierCode: number;
  /** Which catalogue entry this is. */
  readonly kind: GatewayErrorName;

  /** `detail` follows the catalogue's sentence, or with `replace` stands instead of it. */
  constructor(kind: GatewayErrorName, detail?: string, replace = false) {
    const entry = GATEWAY_ERRORS[kind];
    const message = detail ? (replace ? detail : `${entry.message} ${detail}`) : entry.message;
    super('JX_SANDBOX_REFUSED', message, {
      supplierCode: entry.code,
      kind,
    });
    this.supplierCode = entry.code;
    this.kind = kind;
  }
}
