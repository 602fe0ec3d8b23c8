import type { ValidationCode } from '@junction/runtime/browser';
import type { ValidationProblem } from './problem.ts';

/** A problem read back into a catalogue variant (`JX_UNKNOWN_PORT.output`) and its parameters. */
export interface ProblemParameters {
  /** The catalogue key under `problem.`: the code, or `code.variant`. */
  key: string;
  values: Record<string, string>;
}

interface Template {
  variant?: string;
  pattern: RegExp;
  names: string[];
}

// The runtime's validation problems carry a code, a pointer and an English sentence, but not the
// values the sentence was built from. These patterns mirror the runtime's sentence templates
// (packages/runtime/src/validation/check-*.ts, find-cycles.ts, validate-flow.ts) to read the values
// back; problem-sentence.test.ts runs the real validateFlow for every code, so a template the runtime
// changes fails that test instead of silently showing English.
const T = (pattern: RegExp, names: string[], variant?: string): Template => ({
  pattern,
  names,
  ...(variant && { variant }),
});

/** Sentence templates per code (typed by the runtime's codes, so a new code needs its templates here). */
export const PROBLEM_TEMPLATES: Record<ValidationCode, Template[]> = {
  JX_SCHEMA: [
    T(/^(Node|Edge) (\S+): field (\S+) (.+)\.$/, ['what', 'id', 'field', 'phrase'], 'field'),
    T(/^(Node|Edge) (\S+) (.+)\.$/, ['what', 'id', 'phrase'], 'element'),
    T(/^Flow field (\S+) (.+)\.$/, ['field', 'phrase'], 'flowField'),
    T(/^The flow document (.+)\.$/, ['phrase'], 'document'),
  ],
  JX_CONFIG: [
    T(/^Node (\S+): config field (\S*) (.+)\.$/, ['nodeId', 'field', 'phrase'], 'field'),
    T(/^Node (\S+): config (.+)\.$/, ['nodeId', 'phrase'], 'whole'),
  ],
  JX_NODE_TYPE_SCHEMA: [
    T(/^The config schema of node type (.+?) does not compile: ([\s\S]*)\. Fix the node type definition\.$/, [
      'type',
      'reason',
    ]),
  ],
  JX_DUPLICATE_NODE_ID: [
    T(/^Node #(\d+) reuses the id (\S+) of node #(\d+); /, ['index', 'nodeId', 'firstIndex']),
  ],
  JX_DUPLICATE_EDGE_ID: [
    T(/^Edge #(\d+) reuses the id (\S+) of edge #(\d+); /, ['index', 'edgeId', 'firstIndex']),
  ],
  JX_DUPLICATE_CONNECTION: [
    T(/^Edge (\S+) connects (\S+) to (\S+) a second time \(as edge (\S+) does\); /, [
      'edgeId',
      'from',
      'to',
      'otherEdgeId',
    ]),
  ],
  JX_UNKNOWN_NODE_TYPE: [
    T(
      /^Node (\S+) uses (\S+) version (\d+), which is not installed \(installed: (.+)\); /,
      ['nodeId', 'type', 'version', 'installed'],
      'version',
    ),
    T(/^Node (\S+) uses the node type (\S+), which is not installed; /, ['nodeId', 'type'], 'type'),
  ],
  JX_UNKNOWN_PORT: [
    T(
      /^Edge (\S+) starts at output (\S+) of node (.+?), which has no such output \(outputs: (.*)\)\. To route errors there/,
      ['edgeId', 'port', 'node', 'ports'],
      'errorPort',
    ),
    T(
      /^Edge (\S+) starts at output (\S+) of node (.+?), which has no such output \(outputs: (.*)\)\.$/,
      ['edgeId', 'port', 'node', 'ports'],
      'output',
    ),
    T(
      /^Edge (\S+) ends at input (\S+) of node (.+?), which has no such input \(inputs: (.*)\)\.$/,
      ['edgeId', 'port', 'node', 'ports'],
      'input',
    ),
    T(/^Edge (\S+) ends at node (.+?), which takes no input /, ['edgeId', 'node'], 'noInput'),
  ],
  JX_DANGLING_EDGE: [
    T(/^Edge (\S+) starts at node (\S+), which does not exist; /, ['edgeId', 'nodeId'], 'source'),
    T(/^Edge (\S+) ends at node (\S+), which does not exist; /, ['edgeId', 'nodeId'], 'target'),
  ],
  JX_CYCLE: [T(/^Edge (\S+) closes a cycle through (.+); a flow must not loop back/, ['edgeId', 'path'])],
  JX_EXPRESSION_SYNTAX: [
    T(
      /^Node (\S+): the expression in config field (\S*) does not parse at position (\d+): ([\s\S]*)\.$/,
      ['nodeId', 'field', 'position', 'reason'],
      'position',
    ),
    T(
      /^Node (\S+): the expression in config field (\S*) does not parse: ([\s\S]*)\.$/,
      ['nodeId', 'field', 'reason'],
      'noPosition',
    ),
  ],
  JX_CREDENTIAL_MISSING: [
    T(/^Node (\S+) needs a (.+) credential in slot (\S+); pick one\.$/, ['nodeId', 'kinds', 'slot']),
  ],
  JX_CREDENTIAL_KIND: [
    T(/^Node (\S+): credential (\S+) is a (\S+) credential, but slot (\S+) accepts only (.+)\.$/, [
      'nodeId',
      'credentialId',
      'kind',
      'slot',
      'kinds',
    ]),
  ],
  JX_CREDENTIAL_NOT_FOUND: [
    T(/^Node (\S+): credential (\S+) in slot (\S+) does not exist; /, ['nodeId', 'credentialId', 'slot']),
  ],
  JX_UNKNOWN_CREDENTIAL_SLOT: [
    T(/^Node (.+?) has no credential slot (\S+); its slots are: (.+)\.$/, ['node', 'slot', 'slots'], 'other'),
    T(/^Node (.+?) takes no credentials; remove the (\S+) credential\.$/, ['node', 'slot'], 'none'),
  ],
  JX_NO_TRIGGER: [
    T(/^The flow has no trigger node/, [], 'none'),
    T(/^Every trigger node of the flow is disabled/, [], 'disabled'),
  ],
};

/**
 * The catalogue key and parameters of a validation problem, read from its English sentence;
 * undefined for an unknown code or a sentence no template of its code matches.
 */
export function problemParameters(problem: ValidationProblem): ProblemParameters | undefined {
  const templates = (PROBLEM_TEMPLATES as Record<string, Template[] | undefined>)[problem.code];
  for (const template of templates ?? []) {
    const match = template.pattern.exec(problem.message);
    if (!match) continue;
    const values: Record<string, string> = {};
    template.names.forEach((name, i) => {
      values[name] = match[i + 1] ?? '';
    });
    return { key: template.variant ? `${problem.code}.${template.variant}` : problem.code, values };
  }
  return undefined;
}
