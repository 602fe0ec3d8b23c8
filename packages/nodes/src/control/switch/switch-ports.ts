import type { Json, NodePorts } from '@junction/runtime';

/** One case of `flow.switch`. */
export type SwitchCase = {
  /** Output port name; defaults to `case<index>`. */
  name?: string;
  /** Matches when truthy (used when `equals` is absent). */
  condition?: Json;
  /** Matches when deep-equal to the switch's `value`. */
  equals?: Json;
};

/** Output port of case `index`: its name, or `case0`, `case1`… */
export function casePort(switchCase: SwitchCase, index: number): string {
  return switchCase.name && switchCase.name.trim() !== '' ? switchCase.name.trim() : `case${index}`;
}

/** Ports of a switch: one output per case, then `default`. */
export function switchPorts(cases: SwitchCase[] | undefined): NodePorts {
  return { inputs: ['in'], outputs: [...(cases ?? []).map(casePort), 'default'] };
}
