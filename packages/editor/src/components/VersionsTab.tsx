import { useMemo, useState } from 'react';
import type { Deployment, FlowResponse } from '../api/api-types.ts';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { report } from '../app/flow-actions.ts';
import { canaryProblems, canaryRequest, EMPTY_CANARY } from '../deploy/canary-form.ts';
import { describeDeployment } from '../deploy/describe-deployment.ts';
import {
  isProduction,
  PRODUCTION_ENVIRONMENT,
  usePickedEnvironment,
} from '../environments/selected-environment.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { useT } from '../i18n/useT.ts';
import { selectDocument } from '../store/selectors.ts';
import { CanaryFields } from './CanaryFields.tsx';
import { PromoteEnvironment } from './PromoteEnvironment.tsx';

/** Numbered versions of the saved flow; deploy one, optionally with a canary share for another, promote or roll back. */
export function VersionsTab() {
  const i18n = useT();
  const { t } = i18n;
  const { store, api } = useEditor();
  const document = useEditorState(selectDocument);
  const base = `/api/flows/${encodeURIComponent(document.id)}`;
  const versions = useApiData<{
    versions: Array<{ version: number; createdAt: string | number; note?: string }>;
  }>(`${base}/versions`);
  const flow = useApiData<FlowResponse>(base);
  // The server's default (production) until the user picks an environment in the toolbar.
  const environment = usePickedEnvironment() ?? PRODUCTION_ENVIRONMENT;
  const envQuery = `?environment=${encodeURIComponent(environment)}`;
  const placed = useApiData<{ deployments: Deployment[] }>(`${base}/deployments${envQuery}`);
  const [note, setNote] = useState('');
  const [canary, setCanary] = useState(EMPTY_CANARY);
  const problems = useMemo(() => canaryProblems(canary), [canary]);
  // What is live in the selected environment (production's is also in the flow's own answer).
  const deployment: Deployment | null | undefined = placed.data
    ? (placed.data.deployments[0] ?? null)
    : flow.data?.deployment;
  const act = async (method: string, path: string, body?: unknown, message?: string) => {
    try {
      await api.request(method, path, body);
      if (message) store.getState().notify('info', message);
      versions.reload();
      flow.reload();
      placed.reload();
    } catch (error) {
      report(store, error);
    }
  };
  const deploy = (version: number) => {
    // Refused before sending: the fields say why (the server would answer 422 for a bad expression).
    if (problems.length) return;
    const body: Record<string, unknown> = { version, environment };
    const request = canaryRequest(canary);
    if (request) body.canary = request;
    void act(
      'POST',
      `${base}/deploy`,
      body,
      request
        ? t('versionsTab.deployedCanary', { version, canary: request.version, percent: request.percent })
        : t('versionsTab.deployedVersion', { version }),
    );
  };
  return (
    <div>
      <p className="jx-muted">
        <span
          className={`jx-badge ${isProduction(environment) ? 'is-production' : ''}`}
          data-testid="deploy-environment"
        >
          {environment}
        </span>{' '}
        {t('versionsTab.deployed')} <span data-testid="deployment">{describeDeployment(deployment)}</span>
      </p>
      <div className="jx-row">
        <input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('versionsTab.versionNoteOptional')}
          aria-label={t('versionsTab.versionNote')}
        />
        <button
          type="button"
          className="jx-button is-primary"
          onClick={() =>
            void act('POST', `${base}/versions`, note ? { note } : {}, t('versionsTab.versionCreated'))
          }
        >
          {t('versionsTab.createVersionFromSaved')}
        </button>
      </div>
      {deployment && (
        <PromoteEnvironment
          from={environment}
          promote={(to, requireTestRun) =>
            void act(
              'POST',
              `${base}/promote`,
              { from: environment, to, requireTestRun },
              t('promoteEnvironment.promoted', { version: deployment.version, to }),
            )
          }
        />
      )}
      {deployment?.canary && (
        <div className="jx-row">
          <button
            type="button"
            className="jx-button"
            onClick={() =>
              void act('POST', `${base}/deploy/promote${envQuery}`, undefined, t('versionsTab.promoted'))
            }
          >
            {t('versionsTab.promoteCanary')}
          </button>
          <button
            type="button"
            className="jx-button"
            onClick={() =>
              void act('POST', `${base}/deploy/rollback${envQuery}`, undefined, t('versionsTab.rolledBack'))
            }
          >
            {t('versionsTab.rollBack')}
          </button>
        </div>
      )}
      <CanaryFields values={canary} problems={problems} onChange={setCanary} />
      {(versions.error || flow.error) && <p className="jx-error">{versions.error ?? flow.error}</p>}
      <table className="jx-table">
        <thead>
          <tr>
            <th>{t('versionsTab.version')}</th>
            <th>{t('versionsTab.created')}</th>
            <th>{t('versionsTab.note')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.data?.versions.map((v) => (
            <tr key={v.version}>
              <td>v{v.version}</td>
              <td>{i18n.dateTime(v.createdAt)}</td>
              <td>{v.note}</td>
              <td>
                <button
                  type="button"
                  className="jx-button"
                  disabled={problems.length > 0}
                  title={problems.length ? t('versionsTab.fixCanary') : undefined}
                  data-testid={`deploy-v${v.version}`}
                  onClick={() => deploy(v.version)}
                >
                  {t('versionsTab.deploy')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
