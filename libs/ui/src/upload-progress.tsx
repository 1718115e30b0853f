import { fr } from '@codegouvfr/react-dsfr';
import { useId } from 'react';

export interface UploadProgressBarProps {
  /** What is happening, e.g. "Envoi du fichier en cours". */
  label: string;
  /** 0..100; null for an indeterminate bar (e.g. server processing). */
  percent: number | null;
}

/**
 * Native <progress> with a visible label and percentage. Screen readers get a polite status
 * that is only updated every 25 % so the announcements stay readable.
 */
export function UploadProgressBar({ label, percent }: UploadProgressBarProps) {
  const id = useId();
  const rounded = percent == null ? null : Math.max(0, Math.min(100, Math.round(percent)));
  const announced =
    rounded == null ? `${label}…` : `${label} : ${Math.floor(rounded / 25) * 25} %`;

  return (
    <div className={fr.cx('fr-my-2w')}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: '1rem' }}>
        <label htmlFor={id} className={fr.cx('fr-label')}>
          {label}
        </label>
        {rounded != null && (
          <span aria-hidden="true" className={fr.cx('fr-text--bold')}>
            {rounded} %
          </span>
        )}
      </div>
      <progress
        id={id}
        max={100}
        {...(rounded == null ? {} : { value: rounded })}
        style={{
          width: '100%',
          height: '0.75rem',
          accentColor: fr.colors.decisions.background.actionHigh.blueFrance.default,
        }}
      >
        {rounded == null ? label : `${rounded} %`}
      </progress>
      <p role="status" aria-live="polite" className={fr.cx('fr-sr-only')}>
        {announced}
      </p>
    </div>
  );
}
