// Public entry point of @junction/sandbox.
export {};
