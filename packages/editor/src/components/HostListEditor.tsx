import { useT } from '../i18n/useT.ts';
/** Props of {@link HostListEditor}. */
export interface HostListEditorProps {
  hosts: string[];
  error: string | undefined;
  onChange(hosts: string[]): void;
}

/** Edits the hosts a credential may be sent to, one pattern per row. */
export function HostListEditor({ hosts, error, onChange }: HostListEditorProps) {
  const { t } = useT();
  const rows = hosts.length ? hosts : [''];
  const set = (index: number, value: string) => onChange(rows.map((h, i) => (i === index ? value : h)));
  return (
    <fieldset
      className={`jx-field jx-hosts ${error ? 'has-error' : ''}`}
      data-credential-field="allowedHosts"
    >
      <legend>
        {t('hostListEditor.allowedHosts')}
        <span className="jx-required"> *</span>
      </legend>
      {rows.map((host, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
        <div className="jx-host-row" key={index}>
          <input
            className="jx-host-input"
            value={host}
            aria-label={t('hostList.allowedHost', { n: index + 1 })}
            placeholder={t('hostListEditor.apiExampleComOr')}
            onChange={(e) => set(index, e.target.value)}
          />
          <button
            type="button"
            className="jx-icon-button"
            aria-label={t('hostList.removeHost', { n: index + 1 })}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="jx-link-button jx-add-host" onClick={() => onChange([...rows, ''])}>
        {t('hostListEditor.addHost')}
      </button>
      <p className="jx-help">
        {t('hostListEditor.theSecretIsOnly')} <code>{t('hostListEditor.exampleCom')}</code>{' '}
        {t('hostListEditor.coversEverySubdomainOf')} <code>*</code> {t('hostListEditor.aloneAllowsAnyHost')}
      </p>
      {error && <p className="jx-error">{error}</p>}
    </fieldset>
  );
}
