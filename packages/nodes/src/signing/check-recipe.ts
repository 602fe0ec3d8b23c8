import { compileExpression, type Json, JunctionError } from '@junction/runtime';
import { isKnownCharset } from '../wire-format/charset.ts';
import { readPrivateKey, readPublicKey } from './crypto-core.ts';
import { encryptBody } from './encrypt-body.ts';
import { signingPreset } from './presets.ts';
import type { SigningRecipe } from './recipe-types.ts';
import { PLACEHOLDERS } from './render-canonical.ts';

/** One thing wrong with a credential's data, at a JSON pointer into the data. */
export interface CredentialProblem {
  pointer: string;
  message: string;
}

/**
 * What keeps a `signature` credential's recipe (its own, or its preset's) from being evaluated:
 * unknown placeholders, placeholders the recipe or the credential cannot fill, RSA keys missing or
 * unreadable, a raw-body part whose signature would be written into that body. Run when the
 * credential is saved, so a broken recipe is refused then and never fails a live order.
 * Structure is the schema's business (see recipe-schema.ts); this assumes it fits.
 */
export function recipeProblems(data: Record<string, Json>): CredentialProblem[] {
  const has = (field: string) => typeof data[field] === 'string' && data[field] !== '';
  let recipe: SigningRecipe | undefined;
  let base = '/recipe';
  if (isObject(data.recipe)) recipe = data.recipe as unknown as SigningRecipe;
  else if (typeof data.preset === 'string' && data.preset !== '') {
    const preset = signingPreset(data.preset);
    if (!preset) return [{ pointer: '/preset', message: `is not a signing preset id` }];
    recipe = preset.recipe;
    base = '/preset';
  }
  if (!recipe)
    return has('secret') ? [] : [{ pointer: '/secret', message: 'is needed to sign with the fields below' }];
  const problems: CredentialProblem[] = [];
  if (has('charset') && !isKnownCharset(data.charset as string)) {
    problems.push({
      pointer: '/charset',
      message: 'names a charset Junction does not know (utf-8, gbk, gb18030, big5 …)',
    });
  }
  if (recipe.parts.length === 0 && recipe.expression === undefined) {
    problems.push({
      pointer: `${base}/parts`,
      message: 'needs at least one part (or an expression giving the signature)',
    });
  }
  if (recipe.charset !== undefined && !isKnownCharset(recipe.charset)) {
    problems.push({
      pointer: `${base}/charset`,
      message: `names a charset Junction does not know (utf-8, gbk, gb18030, gb2312, big5 …)`,
    });
  }
  if (recipe.expression !== undefined) {
    try {
      compileExpression(recipe.expression);
    } catch (error) {
      if (!(error instanceof JunctionError)) throw error;
      problems.push({ pointer: `${base}/expression`, message: `does not parse: ${error.message}` });
    }
  }
  const templates: [string, string][] = recipe.parts.flatMap((part, index): [string, string][] =>
    part.type === 'text' ? [[`${base}/parts/${index}/template`, part.template]] : [],
  );
  if (recipe.algorithm.startsWith('hmac-')) templates.push([`${base}/hmacKey`, recipe.hmacKey ?? '{secret}']);
  if (recipe.encrypt) {
    templates.push([`${base}/encrypt/key`, recipe.encrypt.key]);
    if (recipe.encrypt.iv !== undefined) templates.push([`${base}/encrypt/iv`, recipe.encrypt.iv]);
  }
  for (const [pointer, template] of templates) {
    for (const placeholder of placeholdersOf(template)) {
      const problem = placeholderProblem(placeholder, recipe, has);
      if (problem) problems.push({ pointer, message: problem });
    }
  }
  if (recipe.appKey && !has('appKey')) {
    problems.push({
      pointer: '/appKey',
      message: `is needed: the recipe adds the app key at ${recipe.appKey.name}`,
    });
  }
  const rawPart = recipe.parts.findIndex((part) => part.type === 'raw-body');
  if (rawPart >= 0 && recipe.signature.some((place) => place.in === 'body')) {
    problems.push({
      pointer: `${base}/signature`,
      message: 'cannot be a body field when the raw body is signed (writing it would change the body)',
    });
  }
  if (recipe.algorithm.startsWith('rsa-')) problems.push(...rsaKeyProblems(data, has));
  if (problems.length === 0 && recipe.encrypt) problems.push(...encryptionProblems(recipe, data, base));
  return problems;
}

/** A key or IV of the wrong size, found by enciphering an empty body with the credential's values. */
function encryptionProblems(
  recipe: SigningRecipe,
  data: Record<string, Json>,
  base: string,
): CredentialProblem[] {
  const text = (field: string) => (typeof data[field] === 'string' ? (data[field] as string) : undefined);
  const secrets = { secret: text('secret'), appKey: text('appKey') };
  const view = { method: 'POST', path: '/', query: {}, headers: {}, body: {}, rawBody: '' };
  try {
    encryptBody(recipe, {}, view, JSON.parse(JSON.stringify(secrets)));
    return [];
  } catch (error) {
    if (!(error instanceof JunctionError)) throw error;
    const field = String(error.details.field ?? 'encrypt.key').replace('encrypt.', '');
    return [{ pointer: `${base}/encrypt/${field}`, message: error.message }];
  }
}

function rsaKeyProblems(data: Record<string, Json>, has: (field: string) => boolean): CredentialProblem[] {
  if (!has('privateKey') && !has('publicKey')) {
    return [
      {
        pointer: '/privateKey',
        message:
          'or publicKey is needed for an RSA recipe (the private key signs, the platform’s public key verifies)',
      },
    ];
  }
  const problems: CredentialProblem[] = [];
  for (const [field, read] of [
    ['privateKey', readPrivateKey],
    ['publicKey', readPublicKey],
  ] as const) {
    if (!has(field)) continue;
    try {
      read(data[field] as string);
    } catch (error) {
      if (!(error instanceof JunctionError)) throw error;
      problems.push({
        pointer: `/${field}`,
        message: 'is not an RSA key in PEM (PKCS#1 or PKCS#8) or Base64 DER form',
      });
    }
  }
  return problems;
}

function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{\{|\}\}|\{([^{}]*)\}/g)].flatMap((match) =>
    match[1] === undefined ? [] : [match[1]],
  );
}

function placeholderProblem(
  placeholder: string,
  recipe: SigningRecipe,
  has: (field: string) => boolean,
): string | undefined {
  if (/^(body|query|header)\.[^.]+/.test(placeholder)) return undefined;
  if (!(PLACEHOLDERS as readonly string[]).includes(placeholder)) {
    return `uses {${placeholder}}, which is not a placeholder (use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}, {body.<field>}, {query.<name>} or {header.<name>})`;
  }
  if (placeholder === 'timestamp' && !recipe.timestamp)
    return 'uses {timestamp}, but the recipe has no timestamp';
  if (placeholder === 'nonce' && !recipe.nonce) return 'uses {nonce}, but the recipe has no nonce';
  if ((placeholder === 'secret' || placeholder === 'appKey') && !has(placeholder)) {
    return `uses {${placeholder}}, but the credential has no ${placeholder}`;
  }
  return undefined;
}

function isObject(value: Json | undefined): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a credential kind's schema cannot say about its data (see {@link recipeProblems}). */
export function credentialProblems(kind: string, data: Record<string, Json>): CredentialProblem[] {
  return kind === 'signature' ? recipeProblems(data) : [];
}
