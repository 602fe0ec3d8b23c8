import type { Json, JsonSchema } from '../document/flow-types.ts';
import { fieldSpec, humanize } from '../forms/schema-model.ts';
import { useT } from '../i18n/useT.ts';
import { SchemaField } from './SchemaField.tsx';

/** Props of {@link SchemaForm}. */
export interface SchemaFormProps {
  schema: JsonSchema;
  value: Record<string, Json>;
  /** Pointer of the value inside the node (`/config`); fields carry `data-pointer` for jump-to-problem. */
  pointer: string;
  errors: Map<string, string>;
  nodeId: string;
  onChange(path: Array<string | number>, value: Json | undefined): void;
}

/** A form generated from a node type's config schema. */
export function SchemaForm({ schema, value, pointer, errors, nodeId, onChange }: SchemaFormProps) {
  const { t } = useT();
  const spec = fieldSpec(schema);
  if (spec.kind !== 'object') {
    return <p className="jx-muted">{t('schemaForm.thisNodeHasNo')}</p>;
  }
  return (
    <div className="jx-form">
      {spec.properties.map(({ key, schema: child, required }) => (
        <SchemaField
          key={key}
          label={(child.title as string) ?? humanize(key)}
          schema={child}
          required={required}
          value={value[key]}
          path={[key]}
          pointer={`${pointer}/${key}`}
          errors={errors}
          nodeId={nodeId}
          onChange={onChange}
        />
      ))}
      {errors.get(pointer) && <p className="jx-error">{errors.get(pointer)}</p>}
    </div>
  );
}
