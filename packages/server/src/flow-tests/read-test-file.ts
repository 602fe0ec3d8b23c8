import { type FlowDocument, JunctionError } from '@junction/runtime';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { FLOW_TESTS_SCHEMA } from './test-file-schema.ts';
import type { FlowTestFile } from './test-file-types.ts';

type FormatsPlugin = (ajv: Ajv) => unknown;
// ajv-formats is CommonJS: depending on the loader the default import is the plugin or its module.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(FLOW_TESTS_SCHEMA);

/** One thing wrong with a test file, at a JSON pointer. */
export interface TestFileProblem {
  pointer: string;
  message: string;
}

const MOCK_SHAPES = 'one of {output}, {outputs}, {error: {code}}, {sequence: [...]} or {real: true}';

/** Schema errors as problems: a failed `oneOf` (a mock) is one sentence, not one per branch. */
function schemaProblems(errors: ErrorObject[]): TestFileProblem[] {
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  const problems: TestFileProblem[] = [];
  for (const e of errors) {
    const insideOneOf = [...oneOfAt].some(
      (at) => e.instancePath.startsWith(at) && e.schemaPath.includes('/oneOf/'),
    );
    if (insideOneOf && e.keyword !== 'oneOf') continue;
    const missing =
      e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
    const extra =
      e.keyword === 'additionalProperties'
        ? `/${(e.params as { additionalProperty: string }).additionalProperty}`
        : '';
    const pointer = `${e.instancePath}${missing}${extra}` || '/';
    const message =
      e.keyword === 'oneOf'
        ? e.instancePath.includes('/mocks/')
          ? `a mock must be ${MOCK_SHAPES}`
          : 'must be a number of milliseconds or a duration such as 90s, 2m, 1h'
        : e.keyword === 'additionalProperties'
          ? 'is not a known field'
          : (e.message ?? 'is invalid');
    const line = `${pointer} ${message}`;
    if (seen.has(line)) continue;
    seen.add(line);
    problems.push({ pointer, message });
  }
  return problems;
}

/** Node ids a test file may name: the flow's, and `subflowId/nodeId` for inline sub-flow documents. */
function nodeIdsOf(flow: FlowDocument): { top: Set<string>; all: Set<string> } {
  const top = new Set(flow.nodes.map((node) => node.id));
  const all = new Set(top);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value && typeof value === 'object') {
      const doc = value as { schemaVersion?: unknown; id?: unknown; nodes?: unknown };
      if (doc.schemaVersion === 1 && typeof doc.id === 'string' && Array.isArray(doc.nodes)) {
        for (const node of doc.nodes as { id?: unknown }[])
          if (typeof node.id === 'string') all.add(`${doc.id}/${node.id}`);
      }
      for (const child of Object.values(value)) visit(child);
    }
  };
  for (const node of flow.nodes) visit(node.config);
  return { top, all };
}

/** Names in the cases that are not nodes of `flow` (a mock of a renamed node would silently test nothing). */
function referenceProblems(file: FlowTestFile, flow: FlowDocument): TestFileProblem[] {
  const { top, all } = nodeIdsOf(flow);
  const problems: TestFileProblem[] = [];
  const check = (ids: Set<string>, id: string, pointer: string) => {
    if (!ids.has(id))
      problems.push({ pointer, message: `names node ${id}, which flow ${flow.id} does not have` });
  };
  const pointerPart = (id: string) => id.replaceAll('~', '~0').replaceAll('/', '~1');
  file.cases.forEach((c, i) => {
    const at = `/cases/${i}`;
    for (const id of Object.keys(c.mocks ?? {})) check(all, id, `${at}/mocks/${pointerPart(id)}`);
    if (c.trigger !== undefined) check(top, c.trigger, `${at}/trigger`);
    c.callbacks?.forEach((cb, j) => {
      if (cb.during !== undefined) check(top, cb.during, `${at}/callbacks/${j}/during`);
      if (cb.after !== undefined) check(top, cb.after, `${at}/callbacks/${j}/after`);
      const whens = [cb.at, cb.during, cb.after].filter((w) => w !== undefined).length;
      if (whens > 1)
        problems.push({ pointer: `${at}/callbacks/${j}`, message: 'give one of at, during and after' });
    });
    const expect = c.expect;
    for (const id of Object.keys(expect.nodes ?? {})) check(top, id, `${at}/expect/nodes/${pointerPart(id)}`);
    for (const list of ['ran', 'notRan', 'ranOnce'] as const)
      expect[list]?.forEach((id, j) => {
        check(top, id, `${at}/expect/${list}/${j}`);
      });
    if (expect.callbacks && expect.callbacks.length !== (c.callbacks ?? []).length)
      problems.push({
        pointer: `${at}/expect/callbacks`,
        message: `lists ${expect.callbacks.length} outcomes for ${(c.callbacks ?? []).length} callbacks`,
      });
  });
  return problems;
}

function invalid(name: string, problems: TestFileProblem[]): JunctionError {
  return new JunctionError(
    'JX_FLOW_TESTS_INVALID',
    `Test file ${name} is invalid: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}.`,
    { file: name, problems },
  );
}

/**
 * Parses and checks a test file: JSON, then the schema, then (given the flow) that every node it
 * names exists. Throws `JX_FLOW_TESTS_INVALID` with every problem at its JSON pointer.
 */
export function parseTestFile(text: string | unknown, name: string, flow?: FlowDocument): FlowTestFile {
  let value: unknown = text;
  if (typeof text === 'string') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw invalid(name, [{ pointer: '/', message: `is not JSON (${(error as Error).message})` }]);
    }
  }
  if (!validate(value)) throw invalid(name, schemaProblems(validate.errors ?? []));
  const file = value as FlowTestFile;
  if (flow) {
    const problems = referenceProblems(file, flow);
    if (problems.length > 0) throw invalid(name, problems);
  }
  return file;
}
