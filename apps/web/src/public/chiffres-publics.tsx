import { fr } from '@codegouvfr/react-dsfr';
import { jour, formatValeur } from '../pilotage/pilotage-format';
import type { IndicateurPublic } from './data/public.hooks';

/** The public figures as tiles: value, what it counts, the day of its data. */
export function ChiffresPublics({ indicateurs, titreNiveau = 'h3' }: { indicateurs: readonly IndicateurPublic[]; titreNiveau?: 'h2' | 'h3' }) {
  const Titre = titreNiveau;
  return (
    <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-3w')} style={{ listStyle: 'none', paddingInlineStart: 0 }}>
      {indicateurs.map((i) => (
        <li key={i.id} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')} style={{ paddingBottom: 0 }}>
          <div
            className={fr.cx('fr-p-3w')}
            style={{
              height: '100%',
              border: `1px solid ${fr.colors.decisions.border.default.grey.default}`,
              borderBottom: `4px solid ${fr.colors.decisions.border.plain.blueFrance.default}`,
            }}
          >
            <Titre className={fr.cx('fr-text--md', 'fr-mb-1w')}>{i.libelle}</Titre>
            <p className={fr.cx('fr-h3', 'fr-mb-1v')}>{i.disponible ? formatValeur(i.valeur, i.unite) : 'Pas encore de données'}</p>
            {i.parts
              .filter((p) => p.valeur !== null)
              .map((p) => (
                <p key={p.libelle} className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
                  {p.libelle} : {formatValeur(p.valeur, 'pourcentage')}
                </p>
              ))}
            {i.secondaires.map((s) => (
              <p key={s.libelle} className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
                {s.libelle} : {formatValeur(s.valeur, s.unite)}
              </p>
            ))}
            <p className={fr.cx('fr-text--xs', 'fr-mb-1v')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
              {i.definition}
            </p>
            {i.dateDonnees && (
              <p className={fr.cx('fr-text--xs', 'fr-mb-0')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
                Données au {jour(i.dateDonnees)}
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
