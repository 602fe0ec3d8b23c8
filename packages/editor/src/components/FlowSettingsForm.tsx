import { useEditor, useEditorState } from '../app/editor-context.ts';
import type { FlowSettings, Json } from '../document/flow-types.ts';
import type { FlowPatch } from '../document/operations.ts';
import { useT } from '../i18n/useT.ts';
import { selectDocument, selectSelection } from '../store/selectors.ts';
import { JsonTextField } from './JsonTextField.tsx';

/** The flow's name, description, variables and run settings (shown when no single node is selected). */
export function FlowSettingsForm() {
  const { t } = useT();
  const { store } = useEditor();
  const document = useEditorState(selectDocument);
  const selection = useEditorState(selectSelection);
  const settings = document.settings ?? {};
  const updateFlow = (patch: FlowPatch, key: string) =>
    store.getState().dispatch([{ kind: 'updateFlow', patch }], t('flowSettings.undoEdit'), `flow/${key}`);
  const updateSettings = (patch: Partial<FlowSettings>, key: string) => {
    const next: Record<string, unknown> = { ...settings, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    updateFlow({ settings: Object.keys(next).length ? (next as FlowSettings) : undefined }, key);
  };
  return (
    <div className="jx-form">
      <h2>{t('flowSettingsForm.flow')}</h2>
      {selection.nodes.length > 1 && (
        <p className="jx-muted">
          {selection.nodes.length} {t('flowSettingsForm.nodesSelectedSelectOne')}
        </p>
      )}
      <div className="jx-field" data-pointer="/name">
        <label htmlFor="jx-flow-name">{t('flowSettingsForm.name')}</label>
        <input
          id="jx-flow-name"
          value={document.name}
          onChange={(e) => updateFlow({ name: e.target.value }, 'name')}
        />
      </div>
      <div className="jx-field" data-pointer="/id">
        <label htmlFor="jx-flow-id">{t('flowSettingsForm.id')}</label>
        <input id="jx-flow-id" value={document.id} readOnly />
        <p className="jx-help">{t('flowSettingsForm.theFlowSStable')}</p>
      </div>
      <div className="jx-field" data-pointer="/description">
        <label htmlFor="jx-flow-description">{t('flowSettingsForm.description')}</label>
        <textarea
          id="jx-flow-description"
          rows={3}
          value={document.description ?? ''}
          onChange={(e) => updateFlow({ description: e.target.value || undefined }, 'description')}
        />
      </div>
      <div className="jx-field" data-pointer="/settings/variables">
        <label htmlFor="jx-flow-vars">{t('flowSettingsForm.variables')}</label>
        <JsonTextField
          id="jx-flow-vars"
          rows={4}
          value={settings.variables as Json | undefined}
          onChange={(v) =>
            updateSettings(
              { variables: v && typeof v === 'object' && !Array.isArray(v) ? v : undefined },
              'variables',
            )
          }
        />
        <p className="jx-help">
          {t('flowSettingsForm.aJsonObjectReadable')} <code>{t('flowSettingsForm.varsName')}</code>
          {t('flowSettingsForm.neverPutSecretsHere')}
        </p>
      </div>
      <div className="jx-grid">
        <div className="jx-field" data-pointer="/settings/runTimeoutMs">
          <label htmlFor="jx-flow-timeout">{t('flowSettingsForm.runTimeoutMs')}</label>
          <input
            id="jx-flow-timeout"
            type="number"
            min={1}
            placeholder={t('flowSettingsForm.noLimit')}
            value={settings.runTimeoutMs ?? ''}
            onChange={(e) =>
              updateSettings({ runTimeoutMs: e.target.value ? Number(e.target.value) : undefined }, 'timeout')
            }
          />
        </div>
        <div className="jx-field" data-pointer="/settings/concurrency">
          <label htmlFor="jx-flow-concurrency">{t('flowSettingsForm.concurrency')}</label>
          <input
            id="jx-flow-concurrency"
            type="number"
            min={1}
            placeholder="8"
            value={settings.concurrency ?? ''}
            onChange={(e) =>
              updateSettings(
                { concurrency: e.target.value ? Number(e.target.value) : undefined },
                'concurrency',
              )
            }
          />
        </div>
      </div>
      <p className="jx-muted">
        {document.nodes.length} {t('flowSettingsForm.nodes')} {document.edges.length}{' '}
        {t('flowSettingsForm.connections')}
      </p>
    </div>
  );
}
