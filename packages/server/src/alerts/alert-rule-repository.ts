import { randomUUID } from 'node:crypto';
import type { ValueSealer } from '@junction/runtime';
import type { SqlDatabase } from '../db/sql-database.ts';
import { alertErrors } from './alert-errors.ts';
import type { AlertRule, ChannelInput, ChannelView, LoadedRule, RuleInput, RuleSpec } from './alert-types.ts';

interface Row {
  id: string;
  spec: string;
  channels: string;
  sealed_channels: string;
  created_at: number;
  updated_at: number;
}

const ROBOTS = new Set(['wecom', 'dingtalk', 'feishu']);

/** What the API may show of a channel: kind, host, whether it has a secret — never the URL or secret. */
export function channelView(channel: ChannelInput): ChannelView {
  return {
    kind: channel.kind,
    host: new URL(channel.url).host,
    hasSecret: Boolean(channel.secret),
    format: channel.format ?? 'markdown',
    locale: channel.locale ?? (ROBOTS.has(channel.kind) ? 'zh-CN' : 'en'),
  };
}

function specOf(input: RuleInput): RuleSpec {
  const { channels: _channels, ...rest } = input;
  return { ...rest, enabled: input.enabled ?? true };
}

/**
 * Alert rules in `srv_alert_rules`. Channel URLs and secrets are sealed with the master key (the
 * same keyring as sealed run values, so key rotation keeps them readable); only their views are
 * stored in the clear.
 */
export class AlertRuleRepository {
  constructor(
    private readonly db: SqlDatabase,
    private readonly sealer: ValueSealer,
  ) {}

  #view(row: Row): AlertRule {
    return {
      id: row.id,
      ...(JSON.parse(row.spec) as RuleSpec),
      channels: JSON.parse(row.channels) as ChannelView[],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Every rule, oldest first. */
  async list(): Promise<AlertRule[]> {
    const rows = await this.db.all<Row>('SELECT * FROM srv_alert_rules ORDER BY created_at, id');
    return rows.map((row) => this.#view(row));
  }

  /** One rule; throws `JX_ALERT_RULE_NOT_FOUND`. */
  async get(id: string): Promise<AlertRule> {
    const row = await this.db.get<Row>('SELECT * FROM srv_alert_rules WHERE id = ?', [id]);
    if (!row) throw alertErrors.ruleNotFound(id);
    return this.#view(row);
  }

  /**
   * Every enabled rule with its channels opened (the evaluator's view). A rule whose channels no key
   * of the keyring opens is passed to `unreadable` and skipped, so one rule never stops the others.
   */
  async loadEnabled(unreadable: (ruleId: string, error: unknown) => void = () => {}): Promise<LoadedRule[]> {
    const rows = await this.db.all<Row>('SELECT * FROM srv_alert_rules ORDER BY created_at, id');
    return rows.flatMap((row) => {
      const rule = this.#view(row);
      if (!rule.enabled) return [];
      try {
        return [
          { ...rule, secretChannels: JSON.parse(this.sealer.open(row.sealed_channels)) as ChannelInput[] },
        ];
      } catch (error) {
        unreadable(row.id, error);
        return [];
      }
    });
  }

  /** Creates a rule (its channels already checked). */
  async create(input: RuleInput & { channels: ChannelInput[] }, now = Date.now()): Promise<AlertRule> {
    const id = randomUUID();
    await this.db.run(
      'INSERT INTO srv_alert_rules (id, spec, channels, sealed_channels, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      [
        id,
        JSON.stringify(specOf(input)),
        JSON.stringify(input.channels.map(channelView)),
        this.sealer.seal(JSON.stringify(input.channels)),
        now,
        now,
      ],
    );
    return this.get(id);
  }

  /** Replaces a rule; without `channels` the stored ones are kept. */
  async update(id: string, input: RuleInput, now = Date.now()): Promise<AlertRule> {
    await this.get(id);
    const channels = input.channels
      ? [JSON.stringify(input.channels.map(channelView)), this.sealer.seal(JSON.stringify(input.channels))]
      : undefined;
    await this.db.run(
      channels
        ? 'UPDATE srv_alert_rules SET spec = ?, updated_at = ?, channels = ?, sealed_channels = ? WHERE id = ?'
        : 'UPDATE srv_alert_rules SET spec = ?, updated_at = ? WHERE id = ?',
      [JSON.stringify(specOf(input)), now, ...(channels ?? []), id],
    );
    return this.get(id);
  }

  /** Deletes a rule and its firing state (its history stays, as history). */
  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.db.batch([
      { sql: 'DELETE FROM srv_alert_rules WHERE id = ?', params: [id] },
      { sql: 'DELETE FROM srv_alert_state WHERE rule_id = ?', params: [id] },
    ]);
  }
}
