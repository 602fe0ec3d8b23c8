import { useEffect, useMemo, useRef } from 'react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import type { FlowNode, Json } from '../document/flow-types.ts';
import { describeNode, newerVersionOf } from '../document/node-types.ts';
import { useT } from '../i18n/useT.ts';
import { setConfigValue } from '../store/commands.ts';
import {
  selectCatalogue,
  selectDocument,
  selectFocusField,
  selectProblems,
  selectSingleNodeId,
} from '../store/selectors.ts';
import { validateConfig } from '../validation/config-validator.ts';
import { problemsByField } from '../validation/problem-map.ts';
import { CredentialPicker } from './CredentialPicker.tsx';
import { FlowSettingsForm } from './FlowSettingsForm.tsx';
import { NodeBehaviour } from './NodeBehaviour.tsx';
import { SchemaForm } from './SchemaForm.tsx';

/** Props of {@link Inspector}. */
export interface InspectorProps {
  /** Starts a test run up to the selected node; absent where runs are not possible (tests). */
  runToHere?: () => void;
}

/** The right panel: the selected node's settings, or the flow's settings when no single node is selected. */
export function Inspector({ runToHere }: InspectorProps = {}) {
  const { t } = useT();
  const nodeId = useEditorState(selectSingleNodeId);
  const document = useEditorState(selectDocument);
  const node = nodeId ? document.nodes.find((n) => n.id === nodeId) : undefined;
  return (
    <aside className="jx-inspector nokey" aria-label={t('inspector.inspector')}>
      {node ? <NodeInspector key={node.id} node={node} runToHere={runToHere} /> : <FlowSettingsForm />}
    </aside>
  );
}

function NodeInspector({ node, runToHere }: { node: FlowNode; runToHere: (() => void) | undefined }) {
  const { t } = useT();
  const { store, commands } = useEditor();
  const catalogue = useEditorState(selectCatalogue);
  const problems = useEditorState(selectProblems);
  const document = useEditorState(selectDocument);
  const focusField = useEditorState(selectFocusField);
  const root = useRef<HTMLDivElement>(null);
  const descriptor = describeNode(catalogue.types, node);
  const newerVersion = newerVersionOf(catalogue.types, node);

  const errors = useMemo(() => {
    const map = problemsByField(problems, document, node.id);
    // Live ajv errors win: they reflect what was just typed, the problem list may be a moment old.
    if (descriptor)
      for (const e of validateConfig(descriptor.config, node.config))
        map.set(`/config${e.pointer}`, e.message);
    return map;
  }, [problems, document, node, descriptor]);

  useEffect(() => {
    if (!focusField || !root.current) return;
    const parts = focusField.split('/');
    // The problem may point below a field the form shows as one control: fall back to its ancestors.
    for (let i = parts.length; i > 1; i--) {
      const target = root.current.querySelector<HTMLElement>(
        `[data-pointer="${CSS.escape(parts.slice(0, i).join('/'))}"]`,
      );
      if (target) {
        target.scrollIntoView({ block: 'center' });
        target.querySelector<HTMLElement>('input, select, textarea, .monaco-editor textarea')?.focus();
        target.classList.add('is-flashing');
        setTimeout(() => target.classList.remove('is-flashing'), 1200);
        break;
      }
    }
    store.getState().focus(null);
  }, [focusField, store]);

  const onConfigChange = (path: Array<string | number>, value: Json | undefined) => {
    const config = setConfigValue(
      store.getState().document.nodes.find((n) => n.id === node.id)?.config ?? {},
      path,
      value,
    );
    commands.updateNode(node.id, { config }, `Edit ${path.join('.')}`, `${node.id}/config/${path.join('/')}`);
  };

  return (
    <div className="jx-node-inspector" ref={root}>
      <header className="jx-inspector-head">
        <span className={`jx-palette-icon category-${descriptor?.category ?? 'unknown'}`}>
          {descriptor?.icon ?? '◆'}
        </span>
        <div>
          <h2>{node.name ?? descriptor?.title ?? node.type}</h2>
          <p className="jx-muted">
            {descriptor?.title ?? t('inspector.unknownType')} · <code>{node.type}</code>{' '}
            <span data-testid="inspector-version">v{node.typeVersion}</span>
            {newerVersion !== undefined && (
              <>
                {' '}
                <span
                  className="jx-version-hint"
                  data-testid="inspector-newer-version"
                  title={t('inspector.staysOnVersion', {
                    version: node.typeVersion,
                    type: node.type,
                    newer: newerVersion,
                  })}
                >
                  v{newerVersion} {t('inspector.available')}
                </span>
              </>
            )}{' '}
            {t('inspector.id')} <code>{node.id}</code>
          </p>
        </div>
      </header>
      {descriptor?.description && <p className="jx-help">{descriptor.description}</p>}
      <div className="jx-row jx-node-actions">
        {runToHere && (
          <button
            type="button"
            className="jx-button"
            onClick={runToHere}
            title={t('inspector.testRunTheFlow')}
          >
            {t('inspector.runToHere')}
          </button>
        )}
        <button
          type="button"
          className="jx-button"
          onClick={() => commands.duplicate()}
          title={t('inspector.duplicateCtrlD')}
        >
          {t('inspector.duplicate')}
        </button>
        <button
          type="button"
          className="jx-button is-danger"
          onClick={() => commands.deleteSelection()}
          title={t('inspector.deleteDel')}
        >
          {t('inspector.delete')}
        </button>
      </div>
      <div className="jx-field" data-pointer="/name">
        <label htmlFor="jx-node-name">{t('inspector.name')}</label>
        <input
          id="jx-node-name"
          value={node.name ?? ''}
          placeholder={descriptor?.title}
          onChange={(e) =>
            commands.updateNode(
              node.id,
              { name: e.target.value || undefined },
              t('inspector.undoRename'),
              `${node.id}/name`,
            )
          }
        />
      </div>
      <h3 className="jx-section">{t('inspector.settings')}</h3>
      {descriptor ? (
        <SchemaForm
          schema={descriptor.config}
          value={node.config}
          pointer="/config"
          errors={errors}
          nodeId={node.id}
          onChange={onConfigChange}
        />
      ) : (
        <p className="jx-error">{t('inspector.thisNodeTypeIs')}</p>
      )}
      {descriptor?.credentials && Object.keys(descriptor.credentials).length > 0 && (
        <>
          <h3 className="jx-section">{t('inspector.credentials')}</h3>
          {Object.entries(descriptor.credentials).map(([slot, spec]) => (
            <CredentialPicker
              key={slot}
              node={node}
              slot={slot}
              spec={spec}
              error={errors.get(`/credentials/${slot}`)}
            />
          ))}
        </>
      )}
      <h3 className="jx-section">{t('inspector.behaviour')}</h3>
      <NodeBehaviour node={node} hasErrorPort={descriptor?.outputs.includes('error') ?? false} />
    </div>
  );
}
