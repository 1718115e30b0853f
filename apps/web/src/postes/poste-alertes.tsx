import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { POSTE_ALERTE_LABELS } from '@suivi-pvd/domain';
import type { PosteAlerte } from './data/postes.hooks';

/** What needs attention on the post (vacancy, missing yearly request, co-financing ending) and remarks on its input. */
export function PosteAlertes({ alertes, avertissements }: { alertes: readonly PosteAlerte[]; avertissements: readonly string[] }) {
  if (alertes.length === 0 && avertissements.length === 0) return null;
  return (
    <section aria-label="Points d'attention" className={fr.cx('fr-mb-4w')}>
      {alertes.map((alerte) => (
        <Alert
          key={`${alerte.code}-${alerte.date}`}
          className={fr.cx('fr-mb-2w')}
          severity={alerte.niveau}
          small
          title={POSTE_ALERTE_LABELS[alerte.code]}
          description={alerte.message}
        />
      ))}
      {avertissements.map((message) => (
        <Alert key={message} className={fr.cx('fr-mb-2w')} severity="warning" small description={message} />
      ))}
    </section>
  );
}
