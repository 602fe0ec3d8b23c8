// The banner `pnpm start` and `pnpm start --scale-out` print once everything is up.

/** What the banner shows. */
export interface BannerInput {
  /** Where the API is reached (the public URL). */
  url: string;
  token: string;
  tokenFile: string;
  /** The Data line, e.g. the data directory or the PostgreSQL schema. */
  data: string;
  sandbox: { url: string; appKey: string; adminToken: string };
  flows: Array<{ id: string; version: number }>;
  /** Extra lines after Flows (the scale-out processes and their logs). */
  extra?: string[];
}

/** The quick-start banner text. */
export function quickStartBanner(input: BannerInput): string {
  const { url, token, sandbox } = input;
  const extra = (input.extra ?? []).map((line) => `\n  ${line}`).join('');
  return `
Junction is running.

  Editor       ${url}/?flow=order-card#token=${token}
  API          ${url}/api   (Authorization: Bearer ${token})
  Admin token  ${token}   (saved in ${input.tokenFile})
  Data         ${input.data}
  Sandbox      ${sandbox.url}   app key ${sandbox.appKey}, admin token ${sandbox.adminToken}
  Flows        ${input.flows.map((f) => `${f.id} v${f.version}`).join(', ')}${extra}

Place an order:
  curl -s -X POST ${url}/hooks/shop/order -H 'content-type: application/json' \\
    -d '{"product_id":"10000001","buy_num":1,"customer_order_no":"A-1001"}'

Press Ctrl+C to stop.
`;
}
