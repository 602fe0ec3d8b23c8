// Public entry point of @junction/nodes.

export { builtinNodes } from './registry/builtin-nodes.ts';
export { createBuiltinRegistry } from './registry/create-builtin-registry.ts';
export type { TestContextRecorder } from './testing/create-test-context.ts';
export { createTestContext } from './testing/create-test-context.ts';
