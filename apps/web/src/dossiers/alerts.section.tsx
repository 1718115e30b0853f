import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link } from 'react-router';
import type { DossierAlerte } from './data/dossier.hooks';

const SEVERITY = { info: 'info', warning: 'warning', error: 'error' } as const;

/**
 * What needs attention in the dossier (late convention-cadre, convention to complete…); `liens`:
 * links to the conventions' pages (not for the summary's readers, who do not open them).
 */
export function AlertsSection({ alertes, liens = true }: { alertes: DossierAlerte[]; liens?: boolean }) {
  if (alertes.length === 0) return null;
  return (
    <section aria-label="Points d'attention" className={fr.cx('fr-mb-4w')}>
      {alertes.map((alerte) => (
        <Alert
          key={`${alerte.code}-${alerte.conventionId ?? ''}`}
          className={fr.cx('fr-mb-2w')}
          severity={SEVERITY[alerte.niveau]}
          small
          description={
            <>
              {alerte.message}
              {liens && alerte.conventionId && (
                <>
                  {' '}
                  <Link to={`/conventions/${encodeURIComponent(alerte.conventionId)}`}>Voir la convention</Link>
                </>
              )}
            </>
          }
        />
      ))}
    </section>
  );
}
