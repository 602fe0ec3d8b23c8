import { describe, expect, it } from 'vitest';
import { credentialKinds } from './credential-kinds.ts';

describe('credentialKinds', () => {
  it('describes every kind the nodes accept, with secret fields marked write-only', () => {
    expect(credentialKinds.map((k) => k.kind).sort()).toEqual([
      'basic',
      'bearer',
      'card-platform',
      'hmac-header',
      'signature',
    ]);
    const secrets = credentialKinds.flatMap((k) =>
      Object.entries((k.schema.properties ?? {}) as Record<string, Record<string, unknown>>)
        .filter(([, field]) => field['x-secret'] === true)
        .map(([name, field]) => `${k.kind}.${name}:${String(field.writeOnly)}`),
    );
    expect(secrets.sort()).toEqual([
      'basic.password:true',
      'bearer.token:true',
      'card-platform.appSecret:true',
      'card-platform.iv:true',
      'hmac-header.secret:true',
      'signature.iv:true',
      'signature.privateKey:true',
      'signature.secret:true',
    ]);
  });
});
