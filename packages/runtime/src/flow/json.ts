/** Any JSON value. Values passed along edges, configs and journals are always JSON. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };
