import { JunctionError } from '../errors/junction-error.ts';
import { checkSchema } from '../validation/check-schema.ts';
import type { ValidationProblem } from '../validation/validation-problem.ts';
import type { FlowDocument } from './flow-types.ts';

/**
 * Parses and schema-validates a flow document (a JSON string or an already parsed value).
 * Throws `JX_FLOW_INVALID` with `details.problems` (every {@link ValidationProblem}, not only the first)
 * when the text is not JSON or the document does not match the flow schema.
 * Checks that need node types (ports, configs, cycles…) are {@link validateFlow}'s job.
 * An already parsed value is returned as is (not copied).
 */
export function parseFlow(input: string | unknown): FlowDocument {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (error) {
      const problem: ValidationProblem = {
        code: 'JX_JSON',
        pointer: '',
        message: `The flow is not valid JSON: ${(error as Error).message}.`,
      };
      throw invalid([problem]);
    }
  }
  const problems = checkSchema(doc);
  if (problems.length) throw invalid(problems);
  return doc as FlowDocument;
}

function invalid(problems: ValidationProblem[]): JunctionError {
  const first = problems[0] as ValidationProblem;
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new JunctionError('JX_FLOW_INVALID', `The flow document is invalid: ${first.message}${more}`, {
    problems,
  });
}
