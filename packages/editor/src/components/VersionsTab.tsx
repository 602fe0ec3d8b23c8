import { useState } from 'react';
import type { Deployment, FlowResponse } from '../api/api-types.ts';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { report } from '../app/flow-actions.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { selectDocument } from '../store/selectors.ts';

/** Numbered versions of the saved flow; deploy one, optionally with a canary share for another, promote or roll back. */
export function VersionsTab() {
  const { store, api } = useEditor();
  const document = useEditorState(selectDocument);
  const base = `/api/flows/${encodeURIComponent(document.id)}`;
  const versions = useApiData<{
    versions: Array<{ version: number; createdAt: string | number; note?: string }>;
  }>(`${base}/versions`);
  const flow = useApiData<FlowResponse>(base);
  const [note, setNote] = useState('');
  const [canary, setCanary] = useState({ version: '', percent: 10, match: '' });
  const deployment: Deployment | null | undefined = flow.data?.deployment;
  const act = async (method: string, path: string, body?: unknown, message?: string) => {
    try {
      await api.request(method, path, body);
      if (message) store.getState().notify('info', message);
      versions.reload();
      flow.reload();
    } catch (error) {
      report(store, error);
    }
  };
  const deploy = (version: number) => {
    const body: Record<string, unknown> = { version };
    if (canary.version)
      body.canary = {
        version: Number(canary.version),
        percent: canary.percent,
        ...(canary.match && { match: canary.match }),
      };
    void act(
      'POST',
      `${base}/deploy`,
      body,
      `Deployed v${version}${canary.version ? ` with canary v${canary.version} at ${canary.percent}%` : ''}.`,
    );
  };
  return (
    <div>
      <p className="jx-muted">
        Deployed:{' '}
        {deployment
          ? `v${deployment.version}${deployment.canary ? `, canary v${deployment.canary.version} at ${deployment.canary.percent}%` : ''}`
          : 'nothing'}
      </p>
      <div className="jx-row">
        <input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="Version note (optional)"
          aria-label="Version note"
        />
        <button
          type="button"
          className="jx-button is-primary"
          onClick={() =>
            void act('POST', `${base}/versions`, note ? { note } : {}, 'Version created from the saved flow.')
          }
        >
          Create version from saved flow
        </button>
      </div>
      {deployment?.canary && (
        <div className="jx-row">
          <button
            type="button"
            className="jx-button"
            onClick={() => void act('POST', `${base}/deploy/promote`, undefined, 'Canary promoted.')}
          >
            Promote canary
          </button>
          <button
            type="button"
            className="jx-button"
            onClick={() => void act('POST', `${base}/deploy/rollback`, undefined, 'Rolled back.')}
          >
            Roll back
          </button>
        </div>
      )}
      <fieldset className="jx-row">
        <legend>Canary (optional)</legend>
        <input
          value={canary.version}
          onChange={(e) => setCanary({ ...canary, version: e.target.value })}
          placeholder="Canary version"
          aria-label="Canary version"
          type="number"
        />
        <input
          value={canary.percent}
          onChange={(e) => setCanary({ ...canary, percent: Number(e.target.value) })}
          aria-label="Canary percent"
          type="number"
          min={0}
          max={100}
        />
        %
        <input
          value={canary.match}
          onChange={(e) => setCanary({ ...canary, match: e.target.value })}
          placeholder="Routing key expression, e.g. =customer_id"
          aria-label="Canary routing key"
        />
      </fieldset>
      {(versions.error || flow.error) && <p className="jx-error">{versions.error ?? flow.error}</p>}
      <table className="jx-table">
        <thead>
          <tr>
            <th>Version</th>
            <th>Created</th>
            <th>Note</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.data?.versions.map((v) => (
            <tr key={v.version}>
              <td>v{v.version}</td>
              <td>{new Date(v.createdAt).toLocaleString()}</td>
              <td>{v.note}</td>
              <td>
                <button type="button" className="jx-button" onClick={() => deploy(v.version)}>
                  Deploy
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
