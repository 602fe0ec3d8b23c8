import type { JsonObject } from '../flow/json.ts';
import type { NodeContext } from './node-context.ts';
import type { NodeResult } from './node-result.ts';

/** A JSON Schema object (draft 2020-12 subset understood by ajv and the editor's form generator). */
export type JsonSchema = { [key: string]: unknown };

/** Palette grouping of node types. */
export type NodeCategory =
  | 'trigger'
  | 'integration'
  | 'transform'
  | 'control'
  | 'callback'
  | 'code'
  | 'utility';

/** A credential slot a node type accepts, e.g. `auth: { kinds: ['signature', 'bearer'] }`. */
export interface CredentialSlot {
  /** Credential kinds accepted in this slot. */
  kinds: string[];
  optional?: boolean;
  title?: string;
  description?: string;
}

/** The ports of a node; static for most types, derived from config for some (e.g. `flow.switch`). */
export interface NodePorts {
  inputs: string[];
  outputs: string[];
}

/**
 * A node type: data that drives both the editor (palette, inspector form) and the runtime,
 * plus one `run` function with an explicit context.
 */
export interface NodeTypeDefinition<Config extends JsonObject = JsonObject> {
  /** Dotted identifier, e.g. `http.request`. */
  type: string;
  /** Integer version; old versions stay registered next to new ones. */
  version: number;
  title: string;
  category: NodeCategory;
  /** One line, shown in the palette. */
  description: string;
  /** Icon name for the editor (an emoji or a short symbol name). */
  icon?: string;
  /** Input port names; triggers have none. */
  inputs: string[];
  /** Output port names. `error` receives the error object when `onError` is `route`. */
  outputs: string[];
  /** Ports computed from the config when they are not static (e.g. one output per switch case). */
  ports?: (config: Config) => NodePorts;
  /** JSON Schema of `config`: validates it and generates the editor's form. */
  config: JsonSchema;
  /** Optional JSON Schema per output port, used for expression completion in the editor. */
  outputSchema?: Record<string, JsonSchema>;
  /** Credential slots by name. */
  credentials?: Record<string, CredentialSlot>;
  /**
   * Output values that must never be stored in plain text (card numbers and passwords): JSON
   * pointers into the outputs by port, `*` matching any array index or key, e.g.
   * `['/out/*\/card_number', '/out/*\/card_pwd']`. With a `sealer` the engine seals every string
   * holding such a value wherever it is journaled, recorded or emitted (this node's output and any
   * copy downstream); nodes downstream still receive the plain values. See the runtime README.
   */
  sensitiveOutputs?: string[];
  /**
   * What the config schema cannot say (e.g. a cipher recipe whose key length does not fit its
   * algorithm): problems at JSON pointers into the config as written, reported when the flow is
   * validated or saved, like schema errors. Problems at a field holding an `=` expression are
   * dropped (its value is not known before the run). Called only for a config that fits the schema.
   */
  configProblems?: (config: Config) => { pointer: string; message: string }[];
  /** Config keys whose `=` strings are NOT resolved before `run` (the node evaluates them itself, e.g. per item). */
  rawConfigKeys?: string[];
  /** True for trigger nodes: a flow starts at one of them, with the trigger payload as input. */
  trigger?: boolean;
  /**
   * Whether running the node can change the world outside the run (create an order, send a message,
   * write a key, take a token, register a wait). Default `true`. With `durability: 'step'` the engine
   * makes every earlier step durable before a node with side effects starts; a node declared without
   * them (a pure transform, control flow, a read) starts at once and, after a crash, simply runs again
   * from the journal. A function decides per node from its config **as written in the flow**
   * (expressions unresolved): return `true` whenever unsure, e.g. when the deciding field is an `=`
   * expression. A node that calls `ctx.respond()` or suspends is best left with side effects.
   */
  sideEffects?: boolean | ((config: Config) => boolean);
  /**
   * When the node runs. `all` (default): once every connected input port has a value or is dead.
   * `any` (first arrival): as soon as any input has a value, once, with the inputs present at that
   * moment (`ctx.inputs` holds only those); values arriving later are ignored and never run it again.
   * It is still skipped when every input is dead. A function decides per node from its config as
   * written in the flow (e.g. `flow.merge` v2: `any` only in `first` mode); one that throws means `all`.
   */
  readiness?: NodeReadiness | ((config: Config) => NodeReadiness);
  run(ctx: NodeContext<Config>): Promise<NodeResult> | NodeResult;
}

/** When a node runs: when all its inputs have settled, or at the first input that has a value. */
export type NodeReadiness = 'all' | 'any';

/** Describes a node type for the editor and the API: the definition without its function. */
export type NodeTypeDescriptor = Omit<
  NodeTypeDefinition,
  'run' | 'ports' | 'sideEffects' | 'readiness' | 'configProblems'
> & {
  dynamicPorts: boolean;
};

/** Declares a node type. Identity function that checks the shape and keeps the config type. */
export function defineNode<Config extends JsonObject = JsonObject>(
  definition: NodeTypeDefinition<Config>,
): NodeTypeDefinition<Config> {
  return definition;
}
