import { fr } from '@codegouvfr/react-dsfr';
import { indicateur, type IndicateurId } from '@suivi-pvd/domain';
import { Link } from 'react-router';
import { useIndicateurs } from '../pilotage/data/pilotage.hooks';
import { detailPath } from '../pilotage/pilotage.params';
import { formatValeur, jour } from '../pilotage/pilotage-format';

/** The dossier's headline figures, as the dashboards count them for this PVD. */
const FIGURES: readonly IndicateurId[] = ['P1', 'P3', 'T7', 'I6', 'I1', 'T1'];
const SHORT_LABELS: Partial<Record<IndicateurId, string>> = {
  P1: 'Communes du programme',
  P3: 'Communes couvertes par une convention-cadre signée',
  T7: 'Communes couvertes par une ORT',
  I6: 'Missions d’expertise financées',
  I1: 'Crédits engagés du pilier ingénierie',
  T1: 'Crédits engagés du pilier appui thématique',
};

/** « En chiffres »: a one-screen summary of the PVD, each figure a link to the list behind it. */
export function PilotageSummarySection({ pvdId }: { pvdId: string }) {
  const scope = { portee: 'pvd' as const, code: pvdId, date: '' };
  const results = useIndicateurs(FIGURES, scope);
  if (results.every((r) => r.isError)) return null;
  return (
    <section aria-labelledby="chiffres-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="chiffres-titre" className={fr.cx('fr-h4')}>
        En chiffres
      </h2>
      <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')} style={{ listStyle: 'none', paddingInlineStart: 0 }}>
        {FIGURES.map((id, i) => {
          const r = results[i];
          const v = r?.data;
          const def = indicateur(id);
          return (
            <li key={id} className={fr.cx('fr-col-6', 'fr-col-md-4', 'fr-col-lg-2')} style={{ paddingBottom: 0 }}>
              <div
                className={fr.cx('fr-p-2w')}
                style={{ height: '100%', border: `1px solid ${fr.colors.decisions.border.default.grey.default}`, borderBottom: `4px solid ${fr.colors.decisions.border.plain.blueFrance.default}` }}
              >
                <p className={fr.cx('fr-h5', 'fr-mb-1v')}>
                  {v ? (
                    <Link to={detailPath({ id, ...scope, comparaison: '', ventilation: null, cle: '' })} title={`${SHORT_LABELS[id] ?? def.libelle} : voir la liste`}>
                      {formatValeur(v.valeur, v.unite)}
                    </Link>
                  ) : r?.isError ? (
                    '—'
                  ) : (
                    '…'
                  )}
                </p>
                <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>{SHORT_LABELS[id] ?? def.libelle}</p>
                {v?.parts[0] && <p className={fr.cx('fr-text--xs', 'fr-mb-1v')}>{formatValeur(v.parts[0].valeur, 'pourcentage')} des communes de la PVD</p>}
                {v && <p className={fr.cx('fr-text--xs', 'fr-mb-0')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>Données au {jour(v.dateDonnees ?? v.date)}</p>}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
