import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { isApiError } from '@suivi-pvd/api-client';
import { formatDepartement, INDICATEUR_SECTION_LABELS, INDICATEUR_SECTIONS, programmeToday, type IndicateurSection, type PorteeType, type Ventilation } from '@suivi-pvd/domain';
import { Link, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useCatalogue, useTableau, useZones, type Tableau, type Zones } from './data/pilotage.hooks';
import { IndicateurCard } from './indicateur-card';
import { IndicateurGraphiques } from './indicateur-graphiques';
import { detailPath, readVueTableau, tableauPath, vueTableauSearch, type VueTableau } from './pilotage.params';
import { jour } from './pilotage-format';

/** The print-ready report of the same scope and day. */
function rapportPath(vue: VueTableau): string {
  const search = new URLSearchParams();
  if (vue.portee) search.set('portee', vue.portee);
  if (vue.portee && vue.portee !== 'nation' && vue.code) search.set('code', vue.code);
  if (vue.date) search.set('date', vue.date);
  const q = search.toString();
  return `/tableau-de-bord/rapport${q ? `?${q}` : ''}`;
}

const SECTION_TITRES: Record<IndicateurSection, string> = {
  programme: 'Le programme',
  ingenierie: 'Le soutien en ingénierie',
  thematique: 'L’appui thématique',
  club: 'Le Club',
};

/**
 * « Tableau de bord »: the figures of the Point d'avancement for a scope (nation, région,
 * département) and a day, section by section, each with its source, the date of its data, its
 * definition, its charts and maps (and their tables), and a link to the list behind it. The whole
 * view lives in the URL.
 */
export function TableauDeBordView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const vue = readVueTableau(searchParams);
  const zones = useZones();
  const catalogue = useCatalogue();
  const tableau = useTableau(vue.section, vue, vue.comparaison);
  const update = (changes: Partial<VueTableau>) => setSearchParams(vueTableauSearch({ ...vue, ...changes }));
  const libelle = tableau.data?.portee.libelle ?? zones.data?.parDefaut?.libelle ?? '';
  useDocumentTitle(`Tableau de bord${libelle ? ` – ${libelle}` : ''} – ${SECTION_TITRES[vue.section]}`);
  const forbidden = tableau.isError && isApiError(tableau.error) && (tableau.error.statusCode === 403 || tableau.error.statusCode === 404);

  return (
    <>
      <h1 className={fr.cx('fr-mb-1w')}>Tableau de bord{libelle ? ` – ${libelle}` : ''}</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-3w')}>
        Les chiffres du Point d’avancement du programme Petites villes de demain, calculés à partir des données de la plateforme au jour choisi.
      </p>
      {zones.data && <ScopeForm vue={vue} zones={zones.data} onChange={update} />}
      <p className={fr.cx('fr-mb-3w')}>
        <Link className={fr.cx('fr-link', 'fr-icon-printer-line', 'fr-link--icon-left')} to={rapportPath(vue)}>
          Point d’avancement imprimable (toutes les parties)
        </Link>{' '}
        ·{' '}
        <Link className={fr.cx('fr-link')} to="/tableau-de-bord/rapports">
          Rapports PDF
        </Link>
      </p>
      {zones.isError && <QueryErrorAlert title="Les zones n’ont pas pu être chargées" error={zones.error} onRetry={() => void zones.refetch()} />}
      <Tabs
        label="Sections du tableau de bord"
        selectedTabId={vue.section}
        tabs={INDICATEUR_SECTIONS.map((s) => ({ tabId: s, label: SECTION_TITRES[s] }))}
        onTabChange={(tabId: string) => update({ section: INDICATEUR_SECTIONS.find((s) => s === tabId) ?? 'programme' })}
      >
        <h2 className={fr.cx('fr-h4')}>{INDICATEUR_SECTION_LABELS[vue.section]}</h2>
        {forbidden ? (
          <Alert
            severity="error"
            title="Accès refusé"
            description={
              <>
                {tableau.error.message}{' '}
                <Link to={tableauPath({ section: vue.section, portee: null, code: '', date: vue.date, comparaison: vue.comparaison })}>Revenir à votre tableau de bord</Link>
              </>
            }
          />
        ) : tableau.isError ? (
          <QueryErrorAlert title="Le tableau de bord n’a pas pu être chargé" error={tableau.error} onRetry={() => void tableau.refetch()} />
        ) : tableau.isPending || catalogue.isPending ? (
          <LoadingView label="Calcul des indicateurs…" />
        ) : (
          <Section tableau={tableau.data} catalogue={catalogue.data?.items ?? []} vue={vue} fetching={tableau.isFetching} />
        )}
      </Tabs>
    </>
  );
}

function Section({ tableau, catalogue, vue, fetching }: { tableau: Tableau; catalogue: NonNullable<ReturnType<typeof useCatalogue>['data']>['items']; vue: VueTableau; fetching: boolean }) {
  const portee = tableau.portee;
  const scope = { portee: portee.type, code: portee.code ?? '', date: vue.date, comparaison: vue.comparaison };
  const detailTo = (id: (typeof tableau.indicateurs)[number]['id']) => (ventilation: Ventilation | null, cle: string) => detailPath({ id, ...scope, ventilation, cle });
  return (
    <div aria-busy={fetching}>
      <p className={fr.cx('fr-text--sm')} role="status">
        {portee.libelle}, données au {jour(tableau.date)}
        {tableau.comparaison ? `, comparées au ${jour(tableau.comparaison)}` : ''}.
      </p>
      <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')} style={{ listStyle: 'none', paddingInlineStart: 0 }}>
        {tableau.indicateurs.map((v) => {
          const def = catalogue.find((d) => d.id === v.id);
          const hasList = v.disponible && def?.id !== 'I12' && def?.id !== 'T13';
          return (
            <li key={v.id} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')} style={{ paddingBottom: 0 }}>
              <IndicateurCard valeur={v} definition={def} detailTo={hasList ? detailTo(v.id)(null, '') : null} estNational={portee.type === 'nation'} />
            </li>
          );
        })}
      </ul>
      {tableau.indicateurs.some((v) => v.disponible && v.ventilations.some((x) => x.lignes.length > 0)) && (
        <>
          <h3 className={fr.cx('fr-h5', 'fr-mt-4w')}>Graphiques et cartes</h3>
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
            {tableau.indicateurs.map((v) => {
              const def = catalogue.find((d) => d.id === v.id);
              if (!def || !v.disponible || !v.ventilations.some((x) => x.lignes.length > 0)) return null;
              return (
                <div key={v.id} className={fr.cx('fr-col-12', 'fr-col-lg-6')}>
                  <IndicateurGraphiques valeur={v} definition={def} portee={portee} detailTo={detailTo(v.id)} />
                </div>
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}

/** The scope (région → département, within what the user reads) and the days. */
function ScopeForm({ vue, zones, onChange }: { vue: VueTableau; zones: Zones; onChange: (changes: Partial<VueTableau>) => void }) {
  const defaut = zones.parDefaut;
  const current: { type: PorteeType; code: string } | null = vue.portee ? { type: vue.portee, code: vue.code } : defaut ? { type: defaut.type, code: defaut.code ?? '' } : null;
  const regionCode = current?.type === 'region' ? current.code : current?.type === 'departement' ? (zones.regions.find((r) => r.departements.some((d) => d.code === current.code))?.code ?? '') : '';
  const departementCode = current?.type === 'departement' ? current.code : '';
  const region = zones.regions.find((r) => r.code === regionCode);
  const regionChoices = zones.regions.filter((r) => zones.nation || r.lisible || r.departements.length > 0);
  const onlyOneDepartement = !zones.nation && regionChoices.length === 1 && !regionChoices[0].lisible && regionChoices[0].departements.length === 1;
  const today = programmeToday();
  const col = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3');

  const setRegion = (code: string) => {
    if (!code) onChange({ portee: zones.nation ? 'nation' : null, code: '' });
    else {
      const r = zones.regions.find((x) => x.code === code);
      if (r?.lisible) onChange({ portee: 'region', code });
      else if (r?.departements[0]) onChange({ portee: 'departement', code: r.departements[0].code });
    }
  };
  const setDepartement = (code: string) => {
    if (code) onChange({ portee: 'departement', code });
    else if (region?.lisible) onChange({ portee: 'region', code: region.code });
  };

  return (
    <form aria-label="Zone et date du tableau de bord" onSubmit={(e) => e.preventDefault()} className={fr.cx('fr-mb-3w')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
        <div className={col}>
          <Select
            className={fr.cx('fr-mb-0')}
            label="Région"
            disabled={onlyOneDepartement}
            nativeSelectProps={{ name: 'region', value: regionCode, onChange: (e) => setRegion(e.currentTarget.value) }}
          >
            {zones.nation && <option value="">France entière</option>}
            {!zones.nation && !regionCode && <option value="">Choisissez une région</option>}
            {regionChoices.map((r) => (
              <option key={r.code} value={r.code}>
                {r.nom}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <Select
            className={fr.cx('fr-mb-0')}
            label="Département"
            disabled={!region || onlyOneDepartement}
            nativeSelectProps={{ name: 'departement', value: departementCode, onChange: (e) => setDepartement(e.currentTarget.value) }}
          >
            {(!region || region.lisible) && <option value="">{region ? 'Toute la région' : 'Choisissez d’abord une région'}</option>}
            {(region?.departements ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {formatDepartement(d.code, d.nom)}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Données au"
            nativeInputProps={{ type: 'date', name: 'date', min: '2020-10-01', max: today, value: vue.date || today, onChange: (e) => onChange({ date: e.currentTarget.value === today ? '' : e.currentTarget.value }) }}
          />
        </div>
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Comparer au"
            hintText="Facultatif"
            nativeInputProps={{ type: 'date', name: 'comparaison', min: '2020-10-01', max: today, value: vue.comparaison, onChange: (e) => onChange({ comparaison: e.currentTarget.value }) }}
          />
        </div>
      </div>
    </form>
  );
}
