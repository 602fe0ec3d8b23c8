import type { CanaryFieldProblem, CanaryFormValues } from '../deploy/canary-form.ts';
import { useT } from '../i18n/useT.ts';

/** Props of {@link CanaryFields}. */
export interface CanaryFieldsProps {
  values: CanaryFormValues;
  problems: CanaryFieldProblem[];
  onChange(values: CanaryFormValues): void;
}

/** The canary part of the deploy form: version, share, routing key and match, each with help and its error. */
export function CanaryFields({ values, problems, onChange }: CanaryFieldsProps) {
  const { t } = useT();
  const errorOf = (field: keyof CanaryFormValues) => {
    const problem = problems.find((p) => p.field === field);
    return problem ? (
      <p className="jx-error" role="alert" data-testid={`canary-${field}-error`}>
        {problem.message}
      </p>
    ) : null;
  };
  const set = (field: keyof CanaryFormValues) => (e: { target: { value: string } }) =>
    onChange({ ...values, [field]: e.target.value });
  return (
    <fieldset className="jx-canary">
      <legend>{t('canaryFields.canaryOptional')}</legend>
      <div className="jx-row">
        <input
          value={values.version}
          onChange={set('version')}
          placeholder={t('canaryFields.canaryVersion')}
          aria-label={t('canaryFields.canaryVersion')}
          type="number"
          min={1}
        />
        <input
          value={values.percent}
          onChange={set('percent')}
          aria-label={t('canaryFields.canaryPercent')}
          type="number"
          min={0}
          max={100}
        />
        %
      </div>
      {errorOf('version')}
      {errorOf('percent')}
      <label className="jx-canary-field">
        <span>{t('canaryFields.routingKey')}</span>
        <input
          value={values.routingKey}
          onChange={set('routingKey')}
          placeholder={t('canaryFields.bodyCustomerId')}
          aria-label={t('canaryFields.canaryRoutingKey')}
          aria-invalid={problems.some((p) => p.field === 'routingKey')}
        />
      </label>
      <p className="jx-help">{t('canaryFields.routingKeyHelp')}</p>
      {errorOf('routingKey')}
      <label className="jx-canary-field">
        <span>{t('canaryFields.matchFilter')}</span>
        <input
          value={values.match}
          onChange={set('match')}
          placeholder={t('canaryFields.bodyCountryDe')}
          aria-label={t('canaryFields.canaryMatch')}
          aria-invalid={problems.some((p) => p.field === 'match')}
        />
      </label>
      <p className="jx-help">{t('canaryFields.matchHelp')}</p>
      {errorOf('match')}
    </fieldset>
  );
}
