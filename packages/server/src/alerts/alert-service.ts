import { JunctionError, type NodeRegistry, type RunStore, type ValueSealer } from '@junction/runtime';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { FlowRepository } from '../flows/flow-repository.ts';
import type { EgressPolicy } from '../integration/runtime-glue.ts';
import type { CredentialVault } from '../vault/credential-vault.ts';
import { AlertHistory } from './alert-history.ts';
import { AlertRuleRepository } from './alert-rule-repository.ts';
import { AlertStateRepository } from './alert-state-repository.ts';
import type { AlertEvent, AlertEventType, LoadedRule } from './alert-types.ts';
import { buildChannelRequest } from './build-channel-request.ts';
import { checkBalance } from './check-balance.ts';
import { DEFAULT_DELIVERY, type DeliveryPolicy, deliverNotification } from './deliver-notification.ts';
import { formatAlertMessage } from './format-alert-message.ts';
import { type Measurement, measureFlowRule } from './measure-rule.ts';
import { TimeoutSignals } from './timeout-signals.ts';

/** Server settings of alerting (`startServer`'s `alerts`, `junction serve --alert-*`). */
export interface AlertSettings {
  /** How often rules are evaluated (default 60 s; `--alert-interval-ms`, `JUNCTION_ALERT_INTERVAL_MS`). 0 = never by timer. */
  intervalMs?: number;
  /**
   * URL prefixes channels may use besides the robots' documented hosts — a self-hosted robot proxy,
   * or a local receiver in tests (`--alert-channel-base-url`). Private addresses still need `egress.allow`.
   */
  channelBaseUrls?: string[];
  /** Retries of failed deliveries. */
  delivery?: Partial<DeliveryPolicy>;
}

/** What the service needs from the server. */
export interface AlertDeps {
  db: SqlDatabase;
  store: RunStore;
  registry: NodeRegistry;
  flows: FlowRepository;
  vault: CredentialVault;
  sealer: ValueSealer;
  logger: Logger;
  /** Where notifications may go (private addresses refused unless allowed). */
  egress: EgressPolicy;
  /** The public URL of the editor, for links to a flow's runs ('' when unknown). */
  publicUrl(): string;
}

/** Default interval of a supplier balance check. */
export const DEFAULT_BALANCE_INTERVAL_MS = 5 * 60_000;

/**
 * Evaluates the alert rules: measures each (flow rules from the run store, balance rules by asking
 * the supplier on their own interval), moves the de-duplicated state (notify when an alert starts
 * firing, optionally again every `renotifyMs`, and once when it recovers), records every event with
 * its delivery outcome. Safe to run in several processes: state changes are compare-and-set.
 */
export class AlertService {
  readonly rules: AlertRuleRepository;
  readonly history: AlertHistory;
  readonly signals: TimeoutSignals;
  readonly #state: AlertStateRepository;
  readonly #delivery: DeliveryPolicy;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<AlertEvent[]> | undefined;

  constructor(
    private readonly deps: AlertDeps,
    readonly settings: AlertSettings = {},
  ) {
    this.rules = new AlertRuleRepository(deps.db, deps.sealer);
    this.history = new AlertHistory(deps.db);
    this.signals = new TimeoutSignals(deps.db);
    this.#state = new AlertStateRepository(deps.db);
    this.#delivery = { ...DEFAULT_DELIVERY, ...settings.delivery };
  }

  /** One pass over every enabled rule; resolves with the events it recorded. Never throws for one rule. */
  async evaluateOnce(now = Date.now()): Promise<AlertEvent[]> {
    // A pass already under way (the timer's) is waited for, not doubled.
    if (this.#running) await this.#running.catch(() => []);
    this.#running = this.#evaluate(now);
    try {
      return await this.#running;
    } finally {
      this.#running = undefined;
    }
  }

  async #evaluate(now: number): Promise<AlertEvent[]> {
    const events: AlertEvent[] = [];
    const unreadable = (ruleId: string, error: unknown) =>
      this.deps.logger.error(
        { ruleId, code: (error as JunctionError).code },
        'alert rule skipped: its channels cannot be opened with the master key',
      );
    for (const rule of await this.rules.loadEnabled(unreadable)) {
      try {
        if (rule.kind === 'supplier-balance') events.push(...(await this.#balance(rule, now)));
        else {
          const flowIds = rule.flowId ? [rule.flowId] : (await this.deps.flows.list()).map((f) => f.flow.id);
          for (const flowId of flowIds) {
            const measured = await measureFlowRule(
              rule,
              flowId,
              { store: this.deps.store, signals: this.signals },
              now,
            );
            const name = (await this.deps.flows.find(flowId))?.flow.name ?? flowId;
            events.push(...(await this.#transition(rule, flowId, name, measured, now)));
          }
        }
      } catch (error) {
        this.deps.logger.warn(
          { ruleId: rule.id, code: (error as JunctionError).code },
          'alert rule not evaluated',
        );
      }
    }
    await this.signals.prune(now);
    return events;
  }

  async #balance(rule: LoadedRule, now: number): Promise<AlertEvent[]> {
    const credentialId = rule.credentialId ?? '';
    const state = await this.#state.find(rule.id, credentialId);
    if (state && now - state.checkedAt < (rule.checkIntervalMs ?? DEFAULT_BALANCE_INTERVAL_MS)) return [];
    let name = credentialId;
    try {
      const credential = await this.deps.vault.resolve(credentialId);
      if (!credential) {
        throw new JunctionError('JX_CREDENTIAL_NOT_FOUND', `Credential ${credentialId} does not exist.`, {
          credentialId,
        });
      }
      name = (await this.deps.vault.get(credentialId)).name;
      const balance = await checkBalance(this.deps.registry, credential);
      return this.#transition(
        rule,
        credentialId,
        name,
        { value: balance, firing: balance < rule.threshold },
        now,
      );
    } catch (error) {
      const coded = error instanceof JunctionError ? error : undefined;
      await this.#state.touch(rule.id, credentialId, null, now);
      const event = {
        ruleId: rule.id,
        ruleName: rule.name,
        subject: credentialId,
        type: 'check-failed' as const,
        value: null,
        threshold: rule.threshold,
        at: now,
        error: {
          code: coded?.code ?? 'JX_ALERT_BALANCE_UNREADABLE',
          message: coded?.message ?? String(error),
        },
      };
      const id = await this.history.append(event);
      this.deps.logger.warn({ ruleId: rule.id, code: event.error.code }, 'supplier balance check failed');
      return [{ id, ...event, deliveries: [] }];
    }
  }

  async #transition(
    rule: LoadedRule,
    subject: string,
    subjectName: string,
    measured: Measurement,
    now: number,
  ): Promise<AlertEvent[]> {
    const state = await this.#state.find(rule.id, subject);
    let type: AlertEventType | undefined;
    if (measured.firing) {
      if (!state || state.status === 'ok') {
        if (await this.#state.fire(rule.id, subject, measured.value, now)) type = 'firing';
      } else if (rule.renotifyMs && now - state.notifiedAt >= rule.renotifyMs) {
        if (await this.#state.remind(rule.id, subject, state.notifiedAt, measured.value, now))
          type = 'reminder';
      } else await this.#state.touch(rule.id, subject, measured.value, now);
    } else if (state?.status === 'firing') {
      if (await this.#state.resolve(rule.id, subject, measured.value, now)) type = 'resolved';
    } else await this.#state.touch(rule.id, subject, measured.value, now);
    if (!type) return [];
    const base = {
      ruleId: rule.id,
      ruleName: rule.name,
      subject,
      type,
      value: measured.value,
      threshold: rule.threshold,
      at: now,
    };
    const id = await this.history.append(base);
    const link = rule.kind === 'supplier-balance' ? undefined : this.#runsLink(subject);
    const deliveries = await Promise.all(
      rule.secretChannels.map((channel, index) => {
        const view = rule.channels[index];
        const message = formatAlertMessage(
          {
            type,
            rule,
            subjectName,
            value: measured.value,
            at: now,
            ...(measured.runs !== undefined ? { runs: measured.runs } : {}),
            ...(link ? { link } : {}),
          },
          view?.locale ?? 'en',
        );
        const facts = {
          ruleId: rule.id,
          ruleName: rule.name,
          kind: rule.kind,
          subject,
          value: measured.value,
          threshold: rule.threshold,
          at: now,
        };
        const request = buildChannelRequest(channel, message, facts, Date.now());
        return deliverNotification(index, channel, request, this.deps.egress, this.#delivery);
      }),
    );
    await this.history.setDeliveries(id, deliveries);
    for (const failed of deliveries.filter((d) => !d.ok)) {
      this.deps.logger.warn(
        {
          ruleId: rule.id,
          kind: failed.kind,
          host: failed.host,
          code: failed.error?.code,
          attempts: failed.attempts,
        },
        'alert notification not delivered',
      );
    }
    return [{ id, ...base, deliveries }];
  }

  #runsLink(flowId: string): string | undefined {
    const base = this.deps.publicUrl();
    return base ? `${base.replace(/\/$/, '')}/?flow=${encodeURIComponent(flowId)}&view=runs` : undefined;
  }

  /** Evaluates every `intervalMs` (default 60 s) until {@link AlertService.stop}. */
  start(intervalMs = this.settings.intervalMs ?? 60_000): void {
    if (intervalMs <= 0 || this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.#running) return;
      this.evaluateOnce().catch((error: unknown) =>
        this.deps.logger.error({ err: String(error) }, 'alert evaluation failed'),
      );
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a pass under way. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }
}
