import {
  isProduction,
  setSelectedEnvironment,
  useSelectedEnvironment,
} from '../environments/selected-environment.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { useT } from '../i18n/useT.ts';

/** `GET /api/environments`. */
interface EnvironmentsResponse {
  environments: Array<{ name: string; position: number; description?: string }>;
}

/**
 * The toolbar's environment picker: which environment test runs, deploys, the runs list and the
 * metrics use. Production is marked with the warning colour and a label, so nobody works there
 * without seeing it.
 */
export function EnvironmentSwitch() {
  const { t } = useT();
  const environment = useSelectedEnvironment();
  const { data } = useApiData<EnvironmentsResponse>('/api/environments');
  const names = data?.environments.map((e) => e.name) ?? [environment];
  const production = isProduction(environment);
  return (
    <label
      className={`jx-environment ${production ? 'is-production' : ''}`}
      title={t('environment.switchTitle')}
      data-testid="environment-switch"
      data-environment={environment}
    >
      <select
        value={environment}
        onChange={(event) => setSelectedEnvironment(event.target.value)}
        aria-label={t('environment.label')}
        data-testid="environment-select"
      >
        {(names.includes(environment) ? names : [environment, ...names]).map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {production && (
        <strong className="jx-environment-badge" data-testid="production-badge">
          {t('environment.productionBadge')}
        </strong>
      )}
    </label>
  );
}
