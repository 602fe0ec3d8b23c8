import { useEffect, useState } from 'react';
import type { Json } from '../document/flow-types.ts';
import { useT } from '../i18n/useT.ts';

/** Props of {@link JsonTextField}. */
export interface JsonTextFieldProps {
  id?: string;
  value: Json | undefined;
  onChange(value: Json | undefined): void;
  rows?: number;
}

/** A JSON value edited as text; the value changes only when the text parses, otherwise the error shows inline. */
export function JsonTextField({ id, value, onChange, rows = 3 }: JsonTextFieldProps) {
  const serialized = value === undefined ? '' : JSON.stringify(value, null, 2);
  const { t } = useT();
  const [text, setText] = useState(serialized);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText((current) => {
      try {
        return current.trim() && JSON.stringify(JSON.parse(current)) === JSON.stringify(value)
          ? current
          : serialized;
      } catch {
        return current;
      }
    });
  }, [serialized, value]);
  return (
    <>
      <textarea
        id={id}
        className="jx-code"
        rows={rows}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value.trim()) {
            setError(null);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(e.target.value) as Json);
            setError(null);
          } catch (err) {
            setError(t('jsonTextField.invalid', { reason: (err as Error).message }));
          }
        }}
      />
      {error && <p className="jx-error">{error}</p>}
    </>
  );
}
