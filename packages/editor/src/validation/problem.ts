// The runtime's problem type (what `validateFlow` and `POST /api/flows/:id/validate` return), from its
// browser-safe entry, so the editor cannot drift from it.
export type { ValidationProblem } from '@junction/runtime/browser';
