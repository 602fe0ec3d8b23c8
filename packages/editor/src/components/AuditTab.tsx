import { useEffect, useState } from 'react';
import { useEditor } from '../app/editor-context.ts';
import { type AuditFilterState, auditPath, detailText } from '../audit/audit-query.ts';
import { AUDIT_ACTIONS, type AuditEntryView, type AuditPage } from '../audit/audit-types.ts';
import { EditorError } from '../errors/editor-error.ts';
import { useT } from '../i18n/useT.ts';

const NO_FILTER: AuditFilterState = { actor: '', action: '', target: '' };

/** The audit log, read-only: who changed what and when, filtered by actor, action and target, paged. */
export function AuditTab() {
  const i18n = useT();
  const { t } = i18n;
  const { api } = useEditor();
  const [draft, setDraft] = useState(NO_FILTER);
  const [filter, setFilter] = useState(NO_FILTER);
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const load = async (from?: string) => {
    try {
      const page = await api.request<AuditPage>('GET', auditPath(filter, from));
      setEntries((shown) => (from ? [...shown, ...page.entries] : page.entries));
      setCursor(page.nextCursor);
      setError(undefined);
    } catch (err) {
      setError(err instanceof EditorError ? `${err.code}: ${err.message}` : String(err));
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the applied filter changes
  useEffect(() => {
    void load();
  }, [filter]);
  const field = (name: keyof AuditFilterState, label: string) => (
    <input
      type="search"
      value={draft[name]}
      placeholder={label}
      aria-label={label}
      onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
    />
  );
  return (
    <div data-testid="audit-tab">
      <form
        className="jx-row"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
        }}
      >
        {field('actor', t('auditTab.actor'))}
        <select
          value={draft.action}
          aria-label={t('auditTab.action')}
          onChange={(e) => setDraft({ ...draft, action: e.target.value })}
        >
          <option value="">{t('auditTab.allActions')}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
        {field('target', t('auditTab.target'))}
        <button type="submit" className="jx-button">
          {t('auditTab.apply')}
        </button>
      </form>
      {error && <p className="jx-error">{error}</p>}
      <table className="jx-table">
        <thead>
          <tr>
            <th>{t('auditTab.when')}</th>
            <th>{t('auditTab.actor')}</th>
            <th>{t('auditTab.action')}</th>
            <th>{t('auditTab.target')}</th>
            <th>{t('auditTab.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-entry">
              <td>{i18n.dateTime(entry.at)}</td>
              <td>{entry.actor}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>
                <code>{entry.target}</code>
              </td>
              <td className="jx-muted">{detailText(entry.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!error && entries.length === 0 && <p className="jx-muted">{t('auditTab.empty')}</p>}
      {cursor && (
        <button type="button" className="jx-button" onClick={() => void load(cursor)}>
          {t('auditTab.more')}
        </button>
      )}
    </div>
  );
}
