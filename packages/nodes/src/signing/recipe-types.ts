import type { TimestampFormat } from '../credentials/timestamp-format.ts';

/** A place in a message: a body field, a query parameter or a header (names of headers in any case). */
export interface MessagePlace {
  in: 'body' | 'query' | 'header';
  name: string;
}

/**
 * Parameters of the message as one piece of the canonical string: picked, ordered, formatted and
 * joined. Reading `body` from a message whose body is not an object (raw text) yields the raw text.
 */
export interface ParamsPart {
  type: 'params';
  from: 'body' | 'query' | 'headers';
  /** Only these names (for `headers`, the headers to sign, in the case the scheme writes them). */
  fields?: string[];
  /** Names left out besides the signature's own places, which are always left out. */
  exclude?: string[];
  /** Leave out parameters whose value is null or an empty string. */
  excludeEmpty?: boolean;
  /** `key-asc` (code-unit order, default), `listed` (the order of `fields`) or `given` (as sent). */
  order?: 'key-asc' | 'listed' | 'given';
  /**
   * How values are written: `none` (default), `rfc3986` (percent-encoding, space as %20) or `form`
   * (application/x-www-form-urlencoded, space as +). Keys are encoded the same way.
   */
  urlEncode?: 'none' | 'rfc3986' | 'form';
  /**
   * `pairs` (`k=v` joined by `separator`, default), `concat` (`kv` joined by `separator`), `values`
   * (values only), `sorted-chars` (the characters of the picked parameters' compact JSON, sorted) or
   * `canonical-json` (compact JSON with keys sorted at every depth).
   */
  join?: 'pairs' | 'concat' | 'values' | 'sorted-chars' | 'canonical-json';
  /** Between key and value in `pairs`; default `=`. */
  pairSeparator?: string;
  /** Between entries; default `&` for `pairs`, nothing otherwise. */
  separator?: string;
}

/** The body exactly as sent or received. */
export interface RawBodyPart {
  type: 'raw-body';
}

/**
 * Literal text with placeholders: `{secret}`, `{appKey}`, `{timestamp}`, `{nonce}`, `{method}`,
 * `{path}`, `{body.<field>}`, `{query.<name>}`, `{header.<name>}`; `{{` and `}}` are literal braces.
 */
export interface TextPart {
  type: 'text';
  template: string;
}

/** One piece of the canonical string. */
export type RecipePart = ParamsPart | RawBodyPart | TextPart;

/**
 * How the canonical string becomes the signature: a digest, an HMAC keyed by `hmacKey`, or an RSA
 * signature with the credential's private key (verified with the platform's public key).
 */
export type RecipeAlgorithm =
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'sha512'
  | 'sm3'
  | 'hmac-md5'
  | 'hmac-sha1'
  | 'hmac-sha256'
  | 'hmac-sha512'
  | 'hmac-sm3'
  | 'rsa-sha1'
  | 'rsa-sha256';

/** How the signature bytes are written. */
export type RecipeEncoding = 'hex-lower' | 'hex-upper' | 'base64' | 'base64url';

/** A timestamp the signer adds and the verifier checks. */
export interface RecipeTimestamp {
  place: MessagePlace;
  format: TimestampFormat;
  /** Minutes east of UTC for `datetime` (480 = UTC+8). Default 0. */
  utcOffsetMinutes?: number;
  /** Verification refuses timestamps further than this from now; 0 disables the check. Default 300. */
  toleranceSeconds?: number;
  /** Verification refuses a message without it. Default true. */
  required?: boolean;
}

/** A random nonce the signer adds; the verifier refuses one it has seen within the window. */
export interface RecipeNonce {
  place: MessagePlace;
  /** Characters of a generated nonce (hex). Default 32. */
  length?: number;
  /**
   * How long a received nonce is remembered to refuse a replay; 0 = no replay check. Default: the
   * timestamp tolerance, or 300 s.
   */
  replayWindowSeconds?: number;
  /** Verification refuses a message without it. Default true. */
  required?: boolean;
}

/**
 * A signing scheme as data. Signing adds the app key, timestamp and nonce at their places, renders
 * the parts into the canonical string (joined by `partSeparator`), signs it and writes the
 * signature at every place in `signature`. Verifying reads the signature from the first place and
 * renders the same canonical string from the message as received.
 */
export interface SigningRecipe {
  parts: RecipePart[];
  /** Between parts; default nothing. */
  partSeparator?: string;
  /**
   * The charset of the canonical string's bytes (default `utf-8`), e.g. `gbk` for platforms that sign
   * the GBK bytes they send; a received raw body is hashed as its bytes arrived.
   */
  charset?: string;
  algorithm: RecipeAlgorithm;
  /** The HMAC key as a template; default `{secret}`. */
  hmacKey?: string;
  encoding: RecipeEncoding;
  signature: MessagePlace[];
  /** Adds the credential's app key here when signing (when not already present). */
  appKey?: MessagePlace;
  /** Constant values the signer adds (when not already present), e.g. a `signType: MD5` header. */
  fixed?: { place: MessagePlace; value: string }[];
  timestamp?: RecipeTimestamp;
  nonce?: RecipeNonce;
  /** Encrypts the body before it is signed (requests only; see {@link RecipeEncryption}). */
  encrypt?: RecipeEncryption;
  /**
   * Where data cannot say it: a JSONata expression whose result (a string) is the signature. It
   * reads the message (`method`, `path`, `query`, `headers`, `body`, `rawBody`, `timestamp`,
   * `nonce`) and `canonical` (the parts rendered), with `$secret` and `$appKey` bound for this
   * evaluation only and pure helpers: `$digest(algorithm, text[, encoding[, charset]])`,
   * `$hmac(algorithm, key, text[, encoding[, charset]])`, `$rsaSign(algorithm, text[, encoding[, charset]])`
   * (the credential's private key), `$encode(text, encoding)` and `$canonicalJson(value)`. The text
   * is hashed as its bytes in `charset`, default the recipe's {@link SigningRecipe.charset} (UTF-8
   * when unset); `$encode` writes UTF-8 bytes. `algorithm` and `encoding` of the recipe then only
   * decide how a received signature is compared.
   */
  expression?: string;
}

/**
 * The body encrypted before it is signed: its JSON (compact) enciphered with `key` (a template,
 * e.g. `{secret}`, read as UTF-8, hex or Base64 text; 16 or 32 bytes for AES-128 or AES-256),
 * PKCS#7-padded, and sent as the body field `into`; the app key, timestamp, nonce and signature are
 * then added beside it. `iv` (a template) for CBC.
 */
export interface RecipeEncryption {
  algorithm: 'aes-128-ecb' | 'aes-256-ecb' | 'aes-128-cbc' | 'aes-256-cbc';
  key: string;
  keyEncoding?: 'utf8' | 'hex' | 'base64';
  iv?: string;
  into: string;
  encoding?: 'base64' | 'hex-lower' | 'hex-upper';
}

/** The credential values a recipe may use; only what the credential has. */
export interface RecipeSecrets {
  secret?: string;
  appKey?: string;
  /** PEM (PKCS#1 or PKCS#8) or bare Base64 DER, for `rsa-*` signing. */
  privateKey?: string;
  /** The platform's public key (PEM or bare Base64 SPKI / PKCS#1), for `rsa-*` verification. */
  publicKey?: string;
}
