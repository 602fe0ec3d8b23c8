import { useState } from 'react';
import { isProduction } from '../environments/selected-environment.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { useT } from '../i18n/useT.ts';

/** Props of {@link PromoteEnvironment}. */
export interface PromoteEnvironmentProps {
  /** The environment whose live version is promoted. */
  from: string;
  /** Sends `POST /api/flows/:id/promote` (the parent reloads and reports). */
  promote(to: string, requireTestRun: boolean): void;
}

/**
 * "Promote to <next environment>": copies the version live in `from` to the next environment of the
 * promotion order, by default only when a test run of that version passed in `from`.
 */
export function PromoteEnvironment({ from, promote }: PromoteEnvironmentProps) {
  const { t } = useT();
  const [requireTestRun, setRequireTestRun] = useState(true);
  const { data } = useApiData<{ environments: Array<{ name: string }> }>('/api/environments');
  const names = data?.environments.map((e) => e.name) ?? [];
  const next = names[names.indexOf(from) + 1];
  if (!names.includes(from) || !next) return null;
  return (
    <div className="jx-row">
      <button
        type="button"
        className={`jx-button ${isProduction(next) ? 'is-production' : ''}`}
        data-testid="promote-environment"
        onClick={() => promote(next, requireTestRun)}
      >
        {t('promoteEnvironment.promoteTo', { to: next })}
      </button>
      <label>
        <input
          type="checkbox"
          checked={requireTestRun}
          onChange={(event) => setRequireTestRun(event.target.checked)}
          data-testid="promote-require-test-run"
        />{' '}
        {t('promoteEnvironment.requireTestRun', { from })}
      </label>
    </div>
  );
}
