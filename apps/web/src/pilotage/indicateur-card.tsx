import { fr } from '@codegouvfr/react-dsfr';
import { PAS_ENCORE_DE_DONNEES } from '@suivi-pvd/domain';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { DefinitionIndicateur, ValeurIndicateur } from './data/pilotage.hooks';
import { formatEvolution, formatValeur, jour } from './pilotage-format';

/** Names of the platform's data sources, as the cards cite them. */
export const SOURCE_LABELS: Record<string, string> = {
  adhesions: 'Liste des communes PVD (ANCT)',
  referentiel_densite: 'Grille communale de densité (INSEE)',
  conventions: 'Conventions saisies dans la plateforme',
  lignes_financement: 'Financements (saisies et imports des partenaires)',
  postes: 'Postes de chef de projet',
  missions: 'Missions d’expertise',
  operations_habitat: 'Opérations d’habitat',
  ort: 'ORT',
  demarches: 'Dispositifs thématiques',
  valeurs_reference: 'Valeurs de référence nationales',
  club: 'Club PVD',
};

export interface IndicateurCardProps {
  valeur: ValeurIndicateur;
  definition: DefinitionIndicateur | undefined;
  /** The drill-down page (the list behind the figure), when it has one. */
  detailTo: string | null;
  /** The scope's name, to say what the national figure is compared with. */
  estNational: boolean;
  /** For print (the Point d'avancement): the definition written out, no button. */
  impression?: boolean;
}

/**
 * One figure of the report: its value in French, the change since the comparison day, its shares
 * and secondary figures, its source and the date of its data, and its definition on demand.
 */
export function IndicateurCard({ valeur: v, definition, detailTo, estNational, impression = false }: IndicateurCardProps) {
  const [open, setOpen] = useState(false);
  const definitionId = useId();
  const sources = v.sources.length > 0 ? v.sources : (definition?.sources ?? []).map((s) => SOURCE_LABELS[s] ?? s);
  return (
    <div className={fr.cx('fr-card', 'fr-card--no-arrow', 'fr-card--sm')} style={{ height: '100%' }} data-indicateur={v.id}>
      <div className={fr.cx('fr-card__body')}>
        <div className={fr.cx('fr-card__content')}>
          <h3 className={fr.cx('fr-card__title')} style={{ fontSize: '1rem' }}>
            {v.libelle}
          </h3>
          {!v.disponible ? (
            <p className={fr.cx('fr-card__desc', 'fr-text--lg')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
              {v.message ?? PAS_ENCORE_DE_DONNEES}
            </p>
          ) : (
            <div className={fr.cx('fr-card__desc')}>
              <p className={fr.cx('fr-h3', 'fr-mb-1v')} style={{ color: fr.colors.decisions.text.title.blueFrance.default }}>
                {detailTo && v.valeur !== null ? (
                  <Link to={detailTo} title={`${v.libelle} : voir la liste`} className="pilotage-valeur" style={{ backgroundImage: 'none' }}>
                    {formatValeur(v.valeur, v.unite)}
                  </Link>
                ) : (
                  formatValeur(v.valeur, v.unite)
                )}
              </p>
              {v.comparaison && (
                <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
                  <span className={fr.cx('fr-badge', 'fr-badge--sm', 'fr-badge--no-icon', v.comparaison.evolution && v.comparaison.evolution > 0 ? 'fr-badge--success' : 'fr-badge--info')}>
                    {formatEvolution(v.comparaison.evolution, v.unite)}
                  </span>{' '}
                  depuis le {jour(v.comparaison.date)} ({formatValeur(v.comparaison.valeur, v.unite)})
                </p>
              )}
              {v.parts.length > 0 && (
                <ul className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
                  {v.parts.map((p) => (
                    <li key={p.cle}>
                      {formatValeur(p.valeur, 'pourcentage')} {p.libelle} (sur {formatValeur(p.denominateur.valeur, 'nombre')} : {p.denominateur.libelle})
                    </li>
                  ))}
                </ul>
              )}
              {v.secondaires.length > 0 && (
                <ul className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
                  {v.secondaires.map((s) => (
                    <li key={s.cle}>
                      {s.libelle} : {formatValeur(s.valeur, s.unite)}
                    </li>
                  ))}
                </ul>
              )}
              {!estNational && v.national != null && <p className={fr.cx('fr-text--xs', 'fr-mb-1v')}>France entière : {formatValeur(v.national, v.unite)}</p>}
            </div>
          )}
          {/* DSFR orders a card's title and description: the notes come after them. */}
          <div style={{ order: 5 }}>
          <p className={fr.cx('fr-text--xs', 'fr-mb-0', 'fr-mt-1w')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
            Source : {sources.join(' ; ') || '—'}
            {v.disponible && <> · Données au {jour(v.dateDonnees ?? v.date)}</>}
          </p>
          {definition && impression && <p className={fr.cx('fr-text--xs', 'fr-mb-0', 'fr-mt-1v')}>Définition : {definition.definition}</p>}
          {definition && !impression && (
            <>
              <button
                type="button"
                className={fr.cx('fr-btn', 'fr-btn--tertiary-no-outline', 'fr-btn--sm', 'fr-btn--icon-left', 'fr-icon-information-line', 'fr-mt-1w')}
                aria-expanded={open}
                aria-controls={definitionId}
                onClick={() => setOpen((o) => !o)}
              >
                Définition
              </button>
              <p id={definitionId} hidden={!open} className={fr.cx('fr-text--sm', 'fr-mb-0')}>
                {definition.definition}
              </p>
            </>
          )}
          </div>
        </div>
      </div>
    </div>
  );
}
