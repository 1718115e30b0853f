import { fr } from '@codegouvfr/react-dsfr';

/** Polite loading message (no spinner: DSFR has none). */
export function LoadingView({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p role="status" aria-live="polite" className={fr.cx('fr-text--lg', 'fr-my-4w')}>
      {label}
    </p>
  );
}
