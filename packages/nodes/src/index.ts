// Public entry point of @junction/nodes.
export type { TestContextRecorder } from './testing/create-test-context.ts';
export { createTestContext } from './testing/create-test-context.ts';
