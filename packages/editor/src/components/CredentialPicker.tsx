import { useEditor, useEditorState } from '../app/editor-context.ts';
import type { FlowNode } from '../document/flow-types.ts';
import { selectCatalogue } from '../store/selectors.ts';

/** Props of {@link CredentialPicker}. */
export interface CredentialPickerProps {
  node: FlowNode;
  slot: string;
  spec: { kinds: string[]; optional?: boolean; title?: string; description?: string };
  error: string | undefined;
}

/** Picks a credential for one slot, listing only credentials of the kinds the slot accepts. Never shows secrets. */
export function CredentialPicker({ node, slot, spec, error }: CredentialPickerProps) {
  const { commands } = useEditor();
  const { credentials } = useEditorState(selectCatalogue);
  const fitting = credentials.filter((c) => spec.kinds.includes(c.kind));
  const current = node.credentials?.[slot] ?? '';
  const id = `jx-cred-${slot}`;
  const set = (value: string) => {
    const next = { ...(node.credentials ?? {}) };
    if (value) next[slot] = value;
    else delete next[slot];
    commands.updateNode(
      node.id,
      { credentials: Object.keys(next).length ? next : undefined },
      'Choose credential',
    );
  };
  return (
    <div className={`jx-field ${error ? 'has-error' : ''}`} data-pointer={`/credentials/${slot}`}>
      <label htmlFor={id}>
        {spec.title ?? slot}
        {!spec.optional && <span className="jx-required"> *</span>}
      </label>
      <select id={id} value={current} onChange={(e) => set(e.target.value)}>
        <option value="">{spec.optional ? '(none)' : 'Choose a credential…'}</option>
        {current && !fitting.some((c) => c.id === current) && (
          <option value={current}>{current} (not available)</option>
        )}
        {fitting.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} · {c.kind}
          </option>
        ))}
      </select>
      <p className="jx-help">
        {spec.description ? `${spec.description} ` : ''}Accepts: {spec.kinds.join(', ')}.
        {fitting.length === 0 && ' No credential of these kinds exists yet — create one on the server.'}
      </p>
      {error && <p className="jx-error">{error}</p>}
    </div>
  );
}
