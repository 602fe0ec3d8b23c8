import { type DescriptorLocale, descriptorLocale } from '@junction/nodes';
import type { ErrorCatalogue } from './error-catalogue.ts';
import { errorCatalogues } from './error-catalogue.ts';
import { fillSentence, type SentenceValues } from './fill-sentence.ts';

/** The JSON error body the server answers with (`{error: {code, message, details}}`). */
export interface LocalizableBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** One JSON Schema (ajv) error as Fastify's validation hands it over. */
export interface SchemaError {
  keyword: string;
  instancePath?: string;
  params?: Record<string, unknown>;
}

/** The language an `Accept-Language` header asks error sentences in (q-values honoured; English by default). */
export function errorLocale(acceptLanguage: string | string[] | undefined): DescriptorLocale {
  return descriptorLocale(Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage);
}

type Problem = Record<string, unknown> & { message?: unknown; pointer?: unknown };

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A problem's sentence: by its code, else by the schema error it came from, else its own. */
function problemSentence(
  problem: Problem,
  schemaError: SchemaError | undefined,
  catalogue: ErrorCatalogue,
): string {
  const code = typeof problem.code === 'string' ? catalogue.codes[problem.code] : undefined;
  const byCode = code && fillSentence(code, problem);
  if (byCode) return byCode;
  const keyword =
    schemaError ?? (typeof problem.keyword === 'string' ? { keyword: problem.keyword } : undefined);
  const byKeyword = keyword && catalogue.schemaKeywords[keyword.keyword];
  const filled = byKeyword && fillSentence(byKeyword, { ...keyword?.params });
  return filled || String(problem.message ?? '');
}

/** Values a code's sentence may use: the details, plus a few derived from them. */
function sentenceValues(
  details: Record<string, unknown>,
  problems: Problem[] | undefined,
  catalogue: ErrorCatalogue,
): SentenceValues {
  const values: SentenceValues = { ...details };
  if (problems && problems.length > 0) {
    values.problemCount = problems.length;
    values.firstProblem = problems[0]?.message;
    values.problemList = problems
      .map((p) => (typeof p.pointer === 'string' && !p.code ? `${p.pointer || '/'} ${p.message}` : p.message))
      .join('；');
  }
  if (typeof details.part === 'string') values.partName = catalogue.requestParts[details.part];
  // A verification refusal names the reason's code (JX_SIGNATURE_INVALID…); its sentence says why.
  const reason = typeof details.code === 'string' ? catalogue.codes[details.code] : undefined;
  if (reason) values.codeSentence = fillSentence(reason, {});
  return values;
}

/**
 * The error body in `locale`: the sentence from the catalogue keyed by the code, with the details
 * as parameters (problems with JSON pointers each get their own sentence); the server's English
 * sentence where the catalogue has none or a detail it needs is missing. The code, the details'
 * values and every pointer stay as they are.
 */
export function localizeErrorBody<B extends LocalizableBody>(
  body: B,
  locale: DescriptorLocale,
  schemaErrors?: readonly SchemaError[],
): B {
  if (locale === 'en') return body;
  const catalogue = errorCatalogues[locale];
  const { code, message, details } = body.error;
  const rawProblems = Array.isArray(details.problems) ? details.problems : undefined;
  const problems = rawProblems?.map((problem, index) =>
    isProblem(problem)
      ? { ...problem, message: problemSentence(problem, schemaErrors?.[index], catalogue) }
      : problem,
  );
  const localizedDetails = problems ? { ...details, problems } : details;
  const sentences = catalogue.codes[code];
  const sentence =
    sentences && fillSentence(sentences, sentenceValues(details, problems?.filter(isProblem), catalogue));
  return { ...body, error: { code, message: sentence ?? message, details: localizedDetails } };
}
