import { fr } from '@codegouvfr/react-dsfr';
import { CONVENTION_STATE_LABELS, formatLongDate } from '@suivi-pvd/domain';
import { formatAt } from './convention-format';
import type { ConventionTransition } from './data/convention.hooks';

const VERBS: Record<ConventionTransition['action'], string> = {
  creer: 'a créé la convention',
  deposer: 'a déposé la convention',
  retirer: 'a retiré le dépôt',
  instruire: 'a pris la convention en instruction',
  demander_complements: 'a demandé des compléments',
  valider: 'a validé la convention',
  signer: 'a enregistré la signature',
  rouvrir: 'a annulé la validation et rouvert l’instruction',
};

/**
 * One step, as a sentence, dates as the history writes them: « Dominique Bernard (Préfecture de la Creuse) a demandé des compléments le 25/11/2026 à 14:05 : "…" »,
 * « … a annulé la validation et rouvert l’instruction le 26/11/2026 à 09:12 – motif : "…" ».
 */
export function describeTransition(t: ConventionTransition): string {
  const signature = t.action === 'signer' && t.dateSignature ? ` (convention signée le ${formatLongDate(t.dateSignature)})` : '';
  const comment = !t.commentaire ? '' : t.action === 'rouvrir' ? ` – motif : « ${t.commentaire} »` : ` : « ${t.commentaire} »`;
  return `${t.auteur} ${VERBS[t.action]} le ${formatAt(t.at)}${signature}${comment}`;
}

/** The workflow steps of the convention, oldest first. */
export function Timeline({ transitions }: { transitions: ConventionTransition[] }) {
  return (
    <section aria-labelledby="suivi-titre" className={fr.cx('fr-mb-4w')}>
      <h2 id="suivi-titre" className={fr.cx('fr-h4')}>
        Suivi de la convention
      </h2>
      {transitions.length === 0 ? (
        <p>Aucune étape pour le moment.</p>
      ) : (
        <ol aria-label="Étapes de la convention, de la plus ancienne à la plus récente">
          {transitions.map((t, i) => (
            <li key={`${t.at}-${i}`} className={fr.cx('fr-mb-2w')}>
              <span style={{ whiteSpace: 'pre-line' }}>{describeTransition(t)}</span>
              <br />
              <span className={fr.cx('fr-text--sm')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
                {t.etatAvant ? `${CONVENTION_STATE_LABELS[t.etatAvant]} → ` : ''}
                {CONVENTION_STATE_LABELS[t.etatApres]}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
