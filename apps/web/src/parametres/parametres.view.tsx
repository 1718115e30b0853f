import { fr } from '@codegouvfr/react-dsfr';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { ChiffresPublicsSection, CHIFFRES_PUBLICS_SECTION_ID } from '../public/chiffres-publics.section';
import { useParametres } from './data/parametres.hooks';
import { FinanceursSection } from './financeurs.section';
import { ParametreSection } from './parametre.section';
import { FINANCEURS_SECTION_ID, formatJour, sectionId } from './parametres-format';

const PAGE_TITLE = 'Paramètres du programme';

/**
 * The ANCT's administration of the dated programme parameters (rates, ceilings, end of each
 * partner's participation, operations opening Anah co-financing, convention-cadre delay) and of
 * the funders' list of the expertise missions.
 */
export function ParametresView() {
  useDocumentTitle(PAGE_TITLE);
  const parametres = useParametres();

  return (
    <>
      <h1>{PAGE_TITLE}</h1>
      <CallOut
        title="Comment s’applique une nouvelle valeur"
        titleAs="h2"
        iconId="fr-icon-calendar-line"
        bodyAs="div"
        className={fr.cx('fr-mb-4w')}
        classes={{ text: fr.cx('fr-text--md') }}
      >
        <ul className={fr.cx('fr-mb-0')}>
          <li>Une nouvelle valeur s’applique à partir de sa date d’effet, jusqu’à la date d’effet de la valeur suivante.</li>
          <li>
            Chaque valeur garde le jour de sa décision. Une décision prise après coup peut s’appliquer à des jours passés (valeur rétroactive) :
            indiquez alors sa référence.
          </li>
          <li>
            Le cofinancement des postes de chef de projet est recalculé à partir de la date d’effet ; chaque poste dont le montant change le voit
            dans son historique. Un montant « au » jour donné ne tient compte que des décisions prises à ce jour.
          </li>
          <li>Une valeur à venir peut être annulée tant qu’elle n’est pas entrée en vigueur ; une décision plus récente peut remplacer une valeur passée.</li>
        </ul>
      </CallOut>

      {parametres.isPending && <LoadingView label="Chargement des paramètres…" />}
      {parametres.isError && (
        <>
          <QueryErrorAlert title="Les paramètres n’ont pas pu être chargés" error={parametres.error} onRetry={() => void parametres.refetch()} />
          <FinanceursSection />
          <ChiffresPublicsSection />
        </>
      )}
      {parametres.data && (
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4', 'fr-col-lg-3')}>
            <nav className={fr.cx('fr-summary')} aria-labelledby="parametres-sommaire" style={{ position: 'sticky', top: '1rem' }}>
              <p className={fr.cx('fr-summary__title')} id="parametres-sommaire">
                Sommaire
              </p>
              <ol>
                {parametres.data.parametres.map((p) => (
                  <li key={p.cle}>
                    <a className={fr.cx('fr-summary__link')} href={`#${sectionId(p.cle)}`}>
                      {p.libelle}
                    </a>
                  </li>
                ))}
                <li>
                  <a className={fr.cx('fr-summary__link')} href={`#${FINANCEURS_SECTION_ID}`}>
                    Financeurs des missions d’expertise
                  </a>
                </li>
                <li>
                  <a className={fr.cx('fr-summary__link')} href={`#${CHIFFRES_PUBLICS_SECTION_ID}`}>
                    Chiffres publics
                  </a>
                </li>
              </ol>
            </nav>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-9')}>
            <p className={fr.cx('fr-text--sm')}>Valeurs en vigueur au {formatJour(parametres.data.aujourdhui)}.</p>
            {parametres.data.parametres.map((p) => (
              <ParametreSection key={p.cle} parametre={p} aujourdhui={parametres.data.aujourdhui} />
            ))}
            <FinanceursSection />
            <ChiffresPublicsSection />
          </div>
        </div>
      )}
    </>
  );
}
