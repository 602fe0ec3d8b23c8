/** Props of {@link HostListEditor}. */
export interface HostListEditorProps {
  hosts: string[];
  error: string | undefined;
  onChange(hosts: string[]): void;
}

/** Edits the hosts a credential may be sent to, one pattern per row. */
export function HostListEditor({ hosts, error, onChange }: HostListEditorProps) {
  const rows = hosts.length ? hosts : [''];
  const set = (index: number, value: string) => onChange(rows.map((h, i) => (i === index ? value : h)));
  return (
    <fieldset
      className={`jx-field jx-hosts ${error ? 'has-error' : ''}`}
      data-credential-field="allowedHosts"
    >
      <legend>
        Allowed hosts<span className="jx-required"> *</span>
      </legend>
      {rows.map((host, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
        <div className="jx-host-row" key={index}>
          <input
            className="jx-host-input"
            value={host}
            aria-label={`Allowed host ${index + 1}`}
            placeholder="api.example.com or *.example.com"
            onChange={(e) => set(index, e.target.value)}
          />
          <button
            type="button"
            className="jx-icon-button"
            aria-label={`Remove host ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="jx-link-button jx-add-host" onClick={() => onChange([...rows, ''])}>
        + Add host
      </button>
      <p className="jx-help">
        The secret is only ever sent to these hosts; at least one is required. <code>*.example.com</code>{' '}
        covers every subdomain of example.com. <code>*</code> alone allows any host: only for a secret that is
        safe to send anywhere.
      </p>
      {error && <p className="jx-error">{error}</p>}
    </fieldset>
  );
}
