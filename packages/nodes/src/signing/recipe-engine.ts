import { randomBytes } from 'node:crypto';
import { type Json, JunctionError } from '@junction/runtime';
import { formatTimestamp, parseTimestamp } from '../credentials/timestamp-format.ts';
import { canonicalBytes } from './canonical-bytes.ts';
import { decodeBytes, digestBytes, encodeBytes, rsaSign, rsaVerify, safeEqual } from './crypto-core.ts';
import type { MessagePlace, RecipeSecrets, SigningRecipe } from './recipe-types.ts';
import { type MessageView, readPlace, renderCanonical, renderTemplate } from './render-canonical.ts';
import { evaluateSigningExpression } from './signing-expression.ts';

/** The canonical string and the signature computed from it (for tests and the workbench). */
export interface RecipeSignature {
  canonical: string;
  signature: string;
}

/** Computes the signature of a message view (nothing is added to it). */
export async function signView(
  recipe: SigningRecipe,
  view: MessageView,
  secrets: RecipeSecrets,
): Promise<RecipeSignature> {
  const canonical = renderCanonical(recipe, view, secrets);
  if (recipe.expression !== undefined) {
    return { canonical, signature: await evaluateSigningExpression(recipe, view, secrets, canonical) };
  }
  if (recipe.algorithm === 'rsa-sha1' || recipe.algorithm === 'rsa-sha256') {
    const key = secrets.privateKey ?? missing('privateKey');
    const bytes = canonicalBytes(recipe, view, secrets);
    return { canonical, signature: encodeBytes(rsaSign(recipe.algorithm, bytes, key), recipe.encoding) };
  }
  const key = recipe.algorithm.startsWith('hmac-')
    ? renderTemplate(recipe.hmacKey ?? '{secret}', recipe, view, secrets)
    : '';
  return {
    canonical,
    signature: encodeBytes(
      digestBytes(recipe.algorithm, canonicalBytes(recipe, view, secrets), key),
      recipe.encoding,
    ),
  };
}

/** Clock and nonce source, injectable for known-answer tests. */
export interface RecipeClock {
  now: number;
  nonce?: () => string;
}

/**
 * The values a signer adds before signing: app key, timestamp and nonce, each at its place, as
 * `[place, value]` pairs (a value already present in the message is kept and not listed).
 */
export function generatedValues(
  recipe: SigningRecipe,
  view: MessageView,
  secrets: RecipeSecrets,
  clock: RecipeClock,
): [MessagePlace, string][] {
  const values: [MessagePlace, string][] = [];
  const add = (place: MessagePlace, value: () => string) => {
    if (readPlace(view, place) === undefined) values.push([place, value()]);
  };
  if (recipe.appKey) add(recipe.appKey, () => secrets.appKey ?? missing('appKey'));
  for (const { place, value } of recipe.fixed ?? []) add(place, () => value);
  const { timestamp, nonce } = recipe;
  if (timestamp) {
    add(timestamp.place, () => formatTimestamp(clock.now, timestamp.format, timestamp.utcOffsetMinutes ?? 0));
  }
  if (nonce) {
    const length = nonce.length ?? 32;
    add(
      nonce.place,
      clock.nonce ??
        (() =>
          randomBytes(Math.ceil(length / 2))
            .toString('hex')
            .slice(0, length)),
    );
  }
  return values;
}

/** Outcome of {@link verifyView}; `reason` never holds a secret. */
export type RecipeVerdict =
  | { ok: true; nonce?: { value: string; expiresAt: number } }
  | { ok: false; code: string; reason: string };

/**
 * Verifies a received message: the signature at the recipe's first signature place against the
 * canonical string of the message as received, the timestamp within its tolerance, and — when the
 * recipe has a nonce with a replay window — the nonce returned for the caller to claim
 * (remembered until `expiresAt`; a second claim within the window is a replay).
 */
export async function verifyView(
  recipe: SigningRecipe,
  view: MessageView,
  secrets: RecipeSecrets,
  now: number,
): Promise<RecipeVerdict> {
  const place = recipe.signature[0] as MessagePlace;
  const received = readPlace(view, place);
  if (received === undefined || received === '') {
    return fail('JX_SIGNATURE_MISSING', `The signature (${place.in} "${place.name}") is missing.`);
  }
  const { timestamp, nonce } = recipe;
  if (timestamp) {
    const raw = readPlace(view, timestamp.place);
    const refused = checkTimestampWindow(
      raw,
      raw ? parseTimestamp(raw, timestamp.format, timestamp.utcOffsetMinutes ?? 0) : Number.NaN,
      now,
      timestamp.toleranceSeconds ?? 300,
      timestamp.required ?? true,
    );
    if (refused) return refused;
  }
  const nonceValue = nonce ? readPlace(view, nonce.place) : undefined;
  if (nonce && (nonceValue === undefined || nonceValue === '') && (nonce.required ?? true)) {
    return fail('JX_SIGNATURE_MISSING', `The nonce (${nonce.place.in} "${nonce.place.name}") is missing.`);
  }
  if (!(await signatureMatches(recipe, view, secrets, received))) {
    return fail('JX_SIGNATURE_INVALID', 'The signature does not match.');
  }
  const window = nonce?.replayWindowSeconds ?? timestamp?.toleranceSeconds ?? 300;
  if (nonce && nonceValue && window > 0) {
    return { ok: true, nonce: { value: nonceValue, expiresAt: now + window * 1000 } };
  }
  return { ok: true };
}

async function signatureMatches(
  recipe: SigningRecipe,
  view: MessageView,
  secrets: RecipeSecrets,
  received: string,
): Promise<boolean> {
  if (
    recipe.expression === undefined &&
    (recipe.algorithm === 'rsa-sha1' || recipe.algorithm === 'rsa-sha256')
  ) {
    const bytes = decodeBytes(received, recipe.encoding);
    if (!bytes) return false;
    const canonical = canonicalBytes(recipe, view, secrets);
    return rsaVerify(recipe.algorithm, canonical, bytes, secrets.publicKey ?? missing('publicKey'));
  }
  const { signature } = await signView(recipe, view, secrets);
  const hex = recipe.encoding === 'hex-lower' || recipe.encoding === 'hex-upper';
  return hex ? safeEqual(received.toLowerCase(), signature.toLowerCase()) : safeEqual(received, signature);
}

/** Refuses a missing (when required), unreadable or out-of-window timestamp; undefined when fine. */
export function checkTimestampWindow(
  raw: string | undefined,
  epoch: number,
  now: number,
  toleranceSeconds: number,
  required: boolean,
): RecipeVerdict | undefined {
  if (raw === undefined || raw === '') {
    return required ? fail('JX_SIGNATURE_MISSING', 'The timestamp is missing.') : undefined;
  }
  if (Number.isNaN(epoch)) {
    return fail('JX_SIGNATURE_INVALID', `The timestamp ${JSON.stringify(raw)} cannot be read.`);
  }
  if (toleranceSeconds > 0 && Math.abs(now - epoch) > toleranceSeconds * 1000) {
    return fail('JX_SIGNATURE_EXPIRED', `The timestamp is more than ${toleranceSeconds} s away from now.`);
  }
  return undefined;
}

function fail(code: string, reason: string): RecipeVerdict {
  return { ok: false, code, reason };
}

function missing(field: keyof RecipeSecrets): never {
  throw new JunctionError(
    'JX_CREDENTIAL_INVALID',
    `The signing recipe needs the credential's "${field}"; edit the credential and fill it in.`,
    { field },
  );
}

/** Writes `value` at `place` of a structured outgoing message. */
export function writePlace(
  target: {
    query: Record<string, string>;
    headers: Record<string, string>;
    body: Record<string, Json> | undefined;
  },
  place: MessagePlace,
  value: string,
): void {
  if (place.in === 'query') target.query[place.name] = value;
  else if (place.in === 'header') target.headers[place.name.toLowerCase()] = value;
  else if (target.body) target.body[place.name] = value;
  else {
    throw new JunctionError(
      'JX_CREDENTIAL_INVALID',
      `The signing recipe writes "${place.name}" into the body, but the body is raw text; use a JSON or form body, or a header or query place.`,
      { field: place.name, in: place.in },
    );
  }
}
