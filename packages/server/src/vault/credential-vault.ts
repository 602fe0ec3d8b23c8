import { randomBytes } from 'node:crypto';
import { type Json, JunctionError, type ResolvedCredential } from '@junction/runtime';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { SecretScrubber } from '../logging/secret-scrubber.ts';
import { assertAllowedHosts, type CredentialDataCheck } from './check-credential-data.ts';
import { type MasterKey, open, seal } from './cipher.ts';

/** A credential as the API shows it: no secret values, only the names of secrets that are set. */
export interface CredentialView {
  id: string;
  name: string;
  kind: string;
  allowedHosts: string[];
  fields: Record<string, Json>;
  secretFields: string[];
  createdAt: number;
  updatedAt: number;
}

/** Input to create or update a credential; `data` mixes secret and public fields. */
export interface CredentialInput {
  id?: string;
  name?: string;
  kind?: string;
  allowedHosts?: string[];
  /** A field set to `null` is removed; secret fields left out keep their value. */
  data?: Record<string, Json>;
}

interface Row {
  id: string;
  name: string;
  kind: string;
  allowed_hosts: string;
  fields: string;
  secret_names: string;
  secret_blob: string;
  key_id: string;
  created_at: number;
  updated_at: number;
}

/** Options of {@link CredentialVault}. */
export interface VaultOptions {
  db: SqlDatabase;
  current: MasterKey;
  keyring: MasterKey[];
  scrubber: SecretScrubber;
  /** Names of the secret fields of a credential kind; undefined when the kind is unknown. */
  secretFieldsOf: (kind: string) => string[] | undefined;
  /** Checks a kind's fields on create and update (the server passes the kinds' schemas). */
  checkData?: CredentialDataCheck;
}

interface Cached {
  updatedAt: number;
  credential: ResolvedCredential;
}

/**
 * Stores credentials with their secret fields sealed by AES-256-GCM. Secrets leave the vault only
 * through {@link resolve} (for the engine); every other method returns {@link CredentialView}s.
 */
export class CredentialVault {
  readonly #o: VaultOptions;
  /**
   * Decrypted credentials by id, valid while the row's `updated_at` is unchanged (another process may
   * update it: every resolve compares the stamp). Never logged, never leaves the process.
   */
  readonly #cache = new Map<string, Cached>();

  private constructor(options: VaultOptions) {
    this.#o = options;
  }

  /**
   * Opens the vault. Every stored secret is opened once here: known secrets are masked in every log
   * line from the first request on, and a wrong master key fails the start instead of a later run.
   */
  static async open(options: VaultOptions): Promise<CredentialVault> {
    const vault = new CredentialVault(options);
    for (const row of await vault.#rows()) options.scrubber.add(...Object.values(vault.#secrets(row)));
    return vault;
  }

  /** Every credential, newest first. */
  async list(): Promise<CredentialView[]> {
    return (await this.#rows()).map(toView);
  }

  /** One credential, or throws `JX_CREDENTIAL_NOT_FOUND`. */
  async get(id: string): Promise<CredentialView> {
    return toView(await this.#row(id));
  }

  /** Creates a credential; its id is chosen by the caller or generated. */
  async create(input: CredentialInput): Promise<CredentialView> {
    const id = input.id ?? `cred_${randomBytes(6).toString('hex')}`;
    if (await this.#find(id)) {
      throw new JunctionError('JX_CREDENTIAL_EXISTS', `Credential ${id} already exists; update it instead.`, {
        id,
      });
    }
    if (!input.name || !input.kind) {
      throw new JunctionError('JX_BAD_REQUEST', 'A new credential needs a name and a kind.', {});
    }
    assertAllowedHosts(input.allowedHosts, id);
    const now = Date.now();
    const { fields, secrets } = this.#split(input.kind, input.data ?? {}, {}, {});
    this.#o.checkData?.(input.kind, { ...fields, ...secrets });
    await this.#write(id, input.name, input.kind, input.allowedHosts ?? [], fields, secrets, now, now, true);
    return this.get(id);
  }

  /** Merges changes into a credential. Changing the kind drops fields the new kind does not know. */
  async update(id: string, input: CredentialInput): Promise<CredentialView> {
    const row = await this.#row(id);
    const kind = input.kind ?? row.kind;
    const { fields, secrets } = this.#split(
      kind,
      input.data ?? {},
      JSON.parse(row.fields) as Record<string, Json>,
      this.#secrets(row),
    );
    if (input.allowedHosts !== undefined) assertAllowedHosts(input.allowedHosts, id);
    if (input.kind !== undefined || input.data !== undefined)
      this.#o.checkData?.(kind, { ...fields, ...secrets });
    const hosts = input.allowedHosts ?? (JSON.parse(row.allowed_hosts) as string[]);
    await this.#write(
      id,
      input.name ?? row.name,
      kind,
      hosts,
      fields,
      secrets,
      row.created_at,
      // Strictly later than before, so a cached copy is never taken for the new one.
      Math.max(Date.now(), row.updated_at + 1),
      false,
    );
    this.#cache.delete(id);
    return this.get(id);
  }

  /** Deletes a credential; throws `JX_CREDENTIAL_NOT_FOUND` when absent. */
  async delete(id: string): Promise<void> {
    await this.#row(id);
    await this.#o.db.run('DELETE FROM srv_credentials WHERE id = ?', [id]);
    this.#cache.delete(id);
  }

  /** The kind of every stored credential by id, for flow validation (no decryption). */
  async kinds(): Promise<Map<string, string>> {
    const rows = await this.#o.db.all<{ id: string; kind: string }>('SELECT id, kind FROM srv_credentials');
    return new Map(rows.map((r) => [r.id, r.kind]));
  }

  /**
   * The decrypted credential for the engine, with the hosts it may be sent to. Served from memory
   * while the row is unchanged: decrypting on every node run was ~3 % of the webhook hot path.
   */
  async resolve(id: string): Promise<ResolvedCredential | undefined> {
    const stamp = await this.#o.db.get<{ updated_at: number }>(
      'SELECT updated_at FROM srv_credentials WHERE id = ?',
      [id],
    );
    if (!stamp) {
      this.#cache.delete(id);
      return undefined;
    }
    const cached = this.#cache.get(id);
    if (cached && cached.updatedAt === stamp.updated_at) return copy(cached.credential);
    const row = await this.#find(id);
    if (!row) return undefined;
    const secrets = this.#secrets(row);
    // Another process may have created it: mask its secrets here too before any node can log them.
    this.#o.scrubber.add(...Object.values(secrets));
    const credential: ResolvedCredential = {
      id,
      kind: row.kind,
      data: { ...(JSON.parse(row.fields) as Record<string, Json>), ...secrets },
      allowedHosts: JSON.parse(row.allowed_hosts) as string[],
    };
    this.#cache.set(id, { updatedAt: row.updated_at, credential });
    return copy(credential);
  }

  /**
   * Re-seals every credential with `next`, in one transaction. Returns how many were re-sealed.
   * The caller makes `next` the current key afterwards (see `rotateMasterKey`).
   */
  async reseal(next: MasterKey): Promise<number> {
    const rows = await this.#rows();
    const keyring = [...this.#o.keyring, next];
    await this.#o.db.batch(
      rows.map((row) => ({
        sql: 'UPDATE srv_credentials SET secret_blob = ?, key_id = ? WHERE id = ?',
        params: [seal(open(row.secret_blob, keyring, row.id), next, row.id), next.id, row.id],
      })),
    );
    this.#cache.clear();
    return rows.length;
  }

  #split(
    kind: string,
    data: Record<string, Json>,
    oldFields: Record<string, Json>,
    oldSecrets: Record<string, Json>,
  ): { fields: Record<string, Json>; secrets: Record<string, Json> } {
    // Unknown kinds keep every field secret: the safe side of a guess.
    const secretNames = this.#o.secretFieldsOf(kind);
    const isSecret = (name: string) => secretNames === undefined || secretNames.includes(name);
    const fields = { ...oldFields };
    const secrets = { ...oldSecrets };
    for (const [name, value] of Object.entries(data)) {
      const target = isSecret(name) ? secrets : fields;
      if (value === null) delete target[name];
      else target[name] = value;
    }
    for (const name of Object.keys(fields)) if (isSecret(name)) delete fields[name];
    return { fields, secrets };
  }

  async #write(
    id: string,
    name: string,
    kind: string,
    hosts: string[],
    fields: Record<string, Json>,
    secrets: Record<string, Json>,
    createdAt: number,
    updatedAt: number,
    insert: boolean,
  ): Promise<void> {
    this.#o.scrubber.add(...Object.values(secrets));
    const blob = seal(JSON.stringify(secrets), this.#o.current, id);
    const values = [
      name,
      kind,
      JSON.stringify(hosts),
      JSON.stringify(fields),
      JSON.stringify(Object.keys(secrets).sort()),
      blob,
      this.#o.current.id,
      createdAt,
      updatedAt,
      id,
    ];
    const sql = insert
      ? `INSERT INTO srv_credentials (name, kind, allowed_hosts, fields, secret_names, secret_blob, key_id,
           created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      : `UPDATE srv_credentials SET name = ?, kind = ?, allowed_hosts = ?, fields = ?, secret_names = ?,
           secret_blob = ?, key_id = ?, created_at = ?, updated_at = ? WHERE id = ?`;
    await this.#o.db.run(sql, values);
  }

  #secrets(row: Row): Record<string, Json> {
    return JSON.parse(open(row.secret_blob, this.#o.keyring, row.id)) as Record<string, Json>;
  }

  #rows(): Promise<Row[]> {
    return this.#o.db.all<Row>('SELECT * FROM srv_credentials ORDER BY created_at DESC, id');
  }

  #find(id: string): Promise<Row | undefined> {
    return this.#o.db.get<Row>('SELECT * FROM srv_credentials WHERE id = ?', [id]);
  }

  async #row(id: string): Promise<Row> {
    const row = await this.#find(id);
    if (!row) {
      throw new JunctionError('JX_CREDENTIAL_NOT_FOUND', `Credential ${id} does not exist.`, { id });
    }
    return row;
  }
}

/** A copy a node may change without changing the cached credential. */
function copy(credential: ResolvedCredential): ResolvedCredential {
  return { ...credential, data: { ...credential.data }, allowedHosts: [...credential.allowedHosts] };
}

function toView(row: Row): CredentialView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    allowedHosts: JSON.parse(row.allowed_hosts) as string[],
    fields: JSON.parse(row.fields) as Record<string, Json>,
    secretFields: JSON.parse(row.secret_names) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
