import { useId } from 'react';
import type { Json, JsonSchema } from '../document/flow-types.ts';
import { defaultValue, fieldSpec, humanize, matchVariant } from '../forms/schema-model.ts';
import { useT } from '../i18n/useT.ts';
import { isExpression } from '../validation/config-validator.ts';
import { ExpressionInput } from './ExpressionInput.tsx';
import { JsonTextField } from './JsonTextField.tsx';

/** Props of {@link SchemaField}. */
export interface SchemaFieldProps {
  label: string;
  schema: JsonSchema;
  required: boolean;
  value: Json | undefined;
  path: Array<string | number>;
  pointer: string;
  errors: Map<string, string>;
  nodeId: string;
  onChange(path: Array<string | number>, value: Json | undefined): void;
}

function toExpression(value: Json | undefined): string {
  if (value === undefined || value === '') return '=';
  return `=${JSON.stringify(value)}`;
}

function fromExpression(value: string, schema: JsonSchema): Json | undefined {
  try {
    return JSON.parse(value.slice(1)) as Json;
  } catch {
    return defaultValue(schema);
  }
}

/** One field of a schema form, chosen by its schema; nested objects, arrays and variants recurse. */
export function SchemaField(props: SchemaFieldProps) {
  const { t } = useT();
  const { label, schema, required, value, path, pointer, errors, nodeId, onChange } = props;
  const id = useId();
  const spec = fieldSpec(schema);
  const description = schema.description as string | undefined;
  const error = errors.get(pointer);
  const set = (next: Json | undefined) => onChange(path, next);
  const composite =
    spec.kind === 'object' || spec.kind === 'array' || spec.kind === 'oneOf' || spec.kind === 'map';
  const expression =
    isExpression(value) || (spec.kind === 'expression' && (value === undefined || typeof value === 'string'));
  const canToggle = spec.kind !== 'expression';

  let control: React.ReactNode;
  if (expression) {
    const text = typeof value === 'string' ? value : '=';
    control = (
      <ExpressionInput
        id={id}
        value={text.startsWith('=') ? text.slice(1) : text}
        nodeId={nodeId}
        pointer={pointer}
        invalid={!!error}
        onChange={(v) => set(`=${v}`)}
      />
    );
  } else {
    switch (spec.kind) {
      case 'string':
        control = spec.multiline ? (
          <textarea
            id={id}
            value={typeof value === 'string' ? value : ''}
            rows={4}
            onChange={(e) => set(e.target.value === '' && !required ? undefined : e.target.value)}
          />
        ) : (
          <input
            id={id}
            type={spec.secretLike ? 'password' : 'text'}
            value={typeof value === 'string' ? value : ''}
            placeholder={(schema.examples as string[] | undefined)?.[0]}
            onChange={(e) => set(e.target.value === '' && !required ? undefined : e.target.value)}
          />
        );
        break;
      case 'number':
      case 'integer':
        control = (
          <input
            id={id}
            type="number"
            step={spec.kind === 'integer' ? 1 : 'any'}
            min={spec.minimum}
            max={spec.maximum}
            value={typeof value === 'number' ? value : ''}
            onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
          />
        );
        break;
      case 'boolean':
        control = (
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />
        );
        break;
      case 'enum': {
        const index = spec.options.findIndex((o) => JSON.stringify(o.value) === JSON.stringify(value));
        control = (
          <select
            id={id}
            value={index}
            onChange={(e) =>
              set(Number(e.target.value) < 0 ? undefined : spec.options[Number(e.target.value)]!.value)
            }
          >
            {/* A field with a default is never "unset": the default applies. */}
            {(index < 0 || (!required && schema.default === undefined)) && (
              <option value={-1}>{t(required ? 'schemaField.choose' : 'schemaField.notSet')}</option>
            )}
            {spec.options.map((option, i) => (
              <option key={String(option.value)} value={i} title={option.description}>
                {option.label}
              </option>
            ))}
          </select>
        );
        break;
      }
      case 'object': {
        const object = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
        control = (
          <div className="jx-nested">
            {spec.properties.map(({ key, schema: child, required: req }) => (
              <SchemaField
                key={key}
                {...props}
                label={(child.title as string) ?? humanize(key)}
                schema={child}
                required={req}
                value={object[key]}
                path={[...path, key]}
                pointer={`${pointer}/${key}`}
              />
            ))}
          </div>
        );
        break;
      }
      case 'map': {
        const object = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
        const entries = Object.entries(object);
        control = (
          <div className="jx-map">
            {entries.map(([key, item], i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row is its position; keys may be renamed mid-edit
              <div className="jx-map-row" key={`${i}-${key}`}>
                <input
                  aria-label={`${label} name ${i + 1}`}
                  defaultValue={key}
                  onBlur={(e) => {
                    const name = e.target.value.trim();
                    if (!name || name === key) return;
                    set(Object.fromEntries(entries.map(([k, v]) => (k === key ? [name, v] : [k, v]))));
                  }}
                />
                <input
                  aria-label={`${label} value ${i + 1}`}
                  value={typeof item === 'string' ? item : JSON.stringify(item)}
                  onChange={(e) => set({ ...object, [key]: e.target.value })}
                />
                <button
                  type="button"
                  className="jx-icon-button"
                  title={t('schemaField.remove')}
                  onClick={() => set(Object.fromEntries(entries.filter(([k]) => k !== key)))}
                >
                  ×
                </button>
              </div>
            ))}
            <button
              type="button"
              className="jx-link-button"
              onClick={() => {
                let n = entries.length + 1;
                while (`key${n}` in object) n++;
                set({ ...object, [`key${n}`]: '' });
              }}
            >
              {t('schemaField.add')}
            </button>
          </div>
        );
        break;
      }
      case 'array': {
        const list = Array.isArray(value) ? value : [];
        const itemTitle = (spec.items.title as string) ?? 'Item';
        control = (
          <div className="jx-array">
            {list.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: array items have no identity but their position
              <div className="jx-array-item" key={i}>
                <div className="jx-array-head">
                  <span>
                    {itemTitle} {i + 1}
                  </span>
                  <span>
                    <button
                      type="button"
                      className="jx-icon-button"
                      title={t('schemaField.moveUp')}
                      disabled={i === 0}
                      onClick={() => set(swap(list, i, i - 1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="jx-icon-button"
                      title={t('schemaField.moveDown')}
                      disabled={i === list.length - 1}
                      onClick={() => set(swap(list, i, i + 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="jx-icon-button"
                      title={t('schemaField.remove')}
                      onClick={() => set(list.filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  </span>
                </div>
                <SchemaField
                  {...props}
                  label={`${itemTitle} ${i + 1}`}
                  schema={spec.items}
                  required
                  value={item}
                  path={[...path, i]}
                  pointer={`${pointer}/${i}`}
                />
              </div>
            ))}
            <button
              type="button"
              className="jx-link-button"
              onClick={() =>
                set([
                  ...list,
                  defaultValue(spec.items) ?? (fieldSpec(spec.items).kind === 'string' ? '' : null),
                ])
              }
            >
              {t('schemaField.add')} {itemTitle.toLowerCase()}
            </button>
          </div>
        );
        break;
      }
      case 'oneOf': {
        const index = matchVariant(spec.variants, value);
        const variant = spec.variants[index]!;
        control = (
          <div className="jx-variant">
            <select
              aria-label={`${label} kind`}
              value={index}
              onChange={(e) => set(defaultValue(spec.variants[Number(e.target.value)]!.schema) ?? null)}
            >
              {spec.variants.map((v, i) => (
                <option key={v.title} value={i}>
                  {v.title}
                </option>
              ))}
            </select>
            <SchemaField
              {...props}
              label={variant.title}
              schema={{ ...variant.schema, title: undefined, description: undefined }}
              required
              value={value}
              path={path}
              pointer={pointer}
            />
          </div>
        );
        break;
      }
      default:
        control = <JsonTextField id={id} value={value} onChange={set} />;
    }
  }

  return (
    <div
      className={`jx-field ${composite && !expression ? 'is-composite' : ''} ${error ? 'has-error' : ''}`}
      data-pointer={pointer}
    >
      <div className="jx-field-head">
        <label htmlFor={id}>
          {label}
          {required && (
            <span className="jx-required" title={t('schemaField.required')}>
              {' '}
              *
            </span>
          )}
        </label>
        {canToggle && (
          <button
            type="button"
            className={`jx-expr-toggle ${expression ? 'is-on' : ''}`}
            title={t(expression ? 'schemaField.useFixed' : 'schemaField.useExpression')}
            aria-pressed={expression}
            aria-label={`${label}: expression`}
            onClick={() => set(expression ? fromExpression(value as string, schema) : toExpression(value))}
          >
            {'{=}'}
          </button>
        )}
      </div>
      {control}
      {description && <p className="jx-help">{description}</p>}
      {error && (
        <p className="jx-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function swap(list: Json[], a: number, b: number): Json[] {
  const next = [...list];
  [next[a], next[b]] = [next[b]!, next[a]!];
  return next;
}
