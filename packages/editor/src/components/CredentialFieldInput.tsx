import type { ReactNode } from 'react';
import type { CredentialField } from '../credentials/credential-model.ts';
import type { Json } from '../document/flow-types.ts';
import { fieldSpec } from '../forms/schema-model.ts';
import { useT } from '../i18n/useT.ts';
import { JsonTextField } from './JsonTextField.tsx';

/** Props of {@link CredentialFieldInput}. */
export interface CredentialFieldInputProps {
  field: CredentialField;
  value: Json | undefined;
  /** For secrets: whether the server already holds a value (shown as "set", never the value). */
  isSet: boolean;
  error: string | undefined;
  onChange(value: Json | undefined): void;
}

const listText = (value: Json | undefined) => (Array.isArray(value) ? value.join('\n') : '');

/** One field of a credential form. Secrets are password inputs that start empty, whatever is stored. */
export function CredentialFieldInput({ field, value, isSet, error, onChange }: CredentialFieldInputProps) {
  const { t } = useT();
  const id = `jx-credential-${field.key}`;
  const spec = fieldSpec(field.schema);
  const items = spec.kind === 'array' ? fieldSpec(spec.items) : undefined;
  let control: ReactNode;
  if (field.secret) {
    control = (
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        value={typeof value === 'string' ? value : ''}
        placeholder={t(isSet ? 'credentialFieldInput.setKeep' : 'credentialFieldInput.notSet')}
        onChange={(e) => onChange(e.target.value || undefined)}
      />
    );
  } else if (spec.kind === 'enum') {
    const index = spec.options.findIndex((o) => o.value === value);
    control = (
      <select id={id} value={index} onChange={(e) => onChange(spec.options[Number(e.target.value)]?.value)}>
        {index < 0 && <option value={-1}>{t('credentialFieldInput.choose')}</option>}
        {spec.options.map((o, i) => (
          <option key={String(o.value)} value={i}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'boolean') {
    control = (
      <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
    );
  } else if (spec.kind === 'number' || spec.kind === 'integer') {
    control = (
      <input
        id={id}
        type="number"
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    );
  } else if (items?.kind === 'enum') {
    const chosen = Array.isArray(value) ? value : [];
    control = (
      <div className="jx-checks" id={id}>
        {items.options.map((o) => (
          <label key={String(o.value)} className="jx-check">
            <input
              type="checkbox"
              checked={chosen.includes(o.value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))
              }
            />
            {o.label}
          </label>
        ))}
      </div>
    );
  } else if (spec.kind === 'object' || spec.kind === 'oneOf' || spec.kind === 'map' || spec.kind === 'json') {
    // A structured field (a signing recipe): JSON text, parsed before it is stored.
    control = <JsonTextField id={id} value={value} rows={8} onChange={onChange} />;
  } else if (spec.kind === 'array') {
    control = (
      <textarea
        id={id}
        rows={3}
        value={listText(value)}
        placeholder={t('credentialFieldInput.onePerLine')}
        onChange={(e) =>
          onChange(
            e.target.value
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean),
          )
        }
      />
    );
  } else {
    const example = (field.schema.examples as string[] | undefined)?.[0];
    control = (
      <input
        id={id}
        value={typeof value === 'string' ? value : ''}
        placeholder={example ? `e.g. ${example}` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={`jx-field ${error ? 'has-error' : ''}`} data-credential-field={field.key}>
      <label htmlFor={id}>
        {field.title}
        {field.required && <span className="jx-required"> *</span>}
        {field.secret && (
          <span className={`jx-secret-state ${isSet ? 'is-set' : ''}`}>{isSet ? 'set' : 'secret'}</span>
        )}
      </label>
      {control}
      {field.description && <p className="jx-help">{field.description}</p>}
      {error && <p className="jx-error">{error}</p>}
    </div>
  );
}
