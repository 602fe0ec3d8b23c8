// Public entry point of @junction/server.
export {};
