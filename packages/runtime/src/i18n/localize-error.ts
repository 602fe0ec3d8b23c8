import type { ErrorInfo } from '../errors/junction-error.ts';
import type { ErrorCatalogue } from './error-catalogue.ts';
import { fillSentence, type SentenceValues } from './fill-sentence.ts';

/** One JSON Schema (ajv) error, as a request validator reports it. */
export interface SchemaError {
  keyword: string;
  instancePath?: string;
  params?: Record<string, unknown>;
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
 * The error in the catalogue's language: the sentence keyed by its code with the details as
 * parameters (problems with JSON pointers each get their own sentence), else the English sentence it
 * was thrown with, where the catalogue has none or a detail it needs is missing. The code, the
 * details' values and every pointer stay as they are. `schemaErrors` are the JSON Schema errors the
 * `details.problems` were made from, in the same order, when the caller still has them.
 */
export function localizeError<E extends ErrorInfo>(
  error: E,
  catalogue: ErrorCatalogue,
  schemaErrors?: readonly SchemaError[],
): E {
  const details = error.details ?? {};
  const rawProblems = Array.isArray(details.problems) ? details.problems : undefined;
  const problems = rawProblems?.map((problem, index) =>
    isProblem(problem)
      ? { ...problem, message: problemSentence(problem, schemaErrors?.[index], catalogue) }
      : problem,
  );
  const sentences = catalogue.codes[error.code];
  const sentence =
    sentences && fillSentence(sentences, sentenceValues(details, problems?.filter(isProblem), catalogue));
  return {
    ...error,
    message: sentence ?? error.message,
    ...(problems ? { details: { ...details, problems } } : {}),
  };
}
