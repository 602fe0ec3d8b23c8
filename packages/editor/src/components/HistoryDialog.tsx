import { useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { AlertsTab } from './AlertsTab.tsx';
import { AuditTab } from './AuditTab.tsx';
import { Dialog } from './Dialog.tsx';
import { FlowsTab } from './FlowsTab.tsx';
import { MetricsTab } from './MetricsTab.tsx';
import { RunsTab } from './RunsTab.tsx';
import { VersionsTab } from './VersionsTab.tsx';

const TABS = {
  flows: 'historyDialog.flowsTab',
  runs: 'historyDialog.runsTab',
  metrics: 'historyDialog.metricsTab',
  versions: 'historyDialog.versionsTab',
  alerts: 'historyDialog.alertsTab',
  audit: 'historyDialog.auditTab',
} as const;

/** The tab a link names (`?view=runs`, from an alert notification), else the flows. */
function initialTab(): keyof typeof TABS {
  const view = new URLSearchParams(location.search).get('view');
  return view && view in TABS ? (view as keyof typeof TABS) : 'flows';
}

/** Flows on the server, run history, metrics, and versions with canary deploys, in one dialog. */
export function HistoryDialog({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const [tab, setTab] = useState<keyof typeof TABS>(initialTab);
  return (
    <Dialog title={t('historyDialog.server')} onClose={onClose} wide>
      <div className="jx-tabs" role="tablist">
        {Object.entries(TABS).map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            className={tab === key ? 'is-active' : ''}
            onClick={() => setTab(key as keyof typeof TABS)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      <div className="jx-tab-body">
        {tab === 'flows' && <FlowsTab onOpened={onClose} />}
        {tab === 'runs' && <RunsTab onShown={onClose} />}
        {tab === 'metrics' && <MetricsTab />}
        {tab === 'versions' && <VersionsTab />}
        {tab === 'alerts' && <AlertsTab />}
        {tab === 'audit' && <AuditTab />}
      </div>
    </Dialog>
  );
}
