// Public entry point of @junction/editor.
export {};
