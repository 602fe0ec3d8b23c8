// Public entry point of @junction/nodes.
export {};
