import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { activityTerritoryOf } from '@suivi-pvd/domain';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { useAireLabels, useAires } from '../referentiel/data/aires.hooks';
import { TerritoireSelects } from '../shared/territoire-selects';
import { useListParams } from '../shared/use-list-params';
import { ACTIVITE_FILTERS, ActiviteFeed, apiFiltersOf } from './activite-feed';
import { useActiviteTerritoire } from './data/activite.hooks';

const PAGE_SIZE = 50;

/**
 * « Activité »: what happened in the dossiers of the user's territory, in words, newest first –
 * a préfecture's département, a SGAR's région (by département on demand), the country for the
 * ANCT (by région and département on demand); a chef de projet's own dossiers.
 */
export function ActiviteView() {
  const params = useListParams({ filters: ACTIVITE_FILTERS });
  const { data: me } = useMe();
  const territory = me ? activityTerritoryOf(me.memberships) : null;
  const labels = useAireLabels();
  const aires = useAires();
  const feed = useActiviteTerritoire(apiFiltersOf(params, true), PAGE_SIZE);
  const where =
    territory?.kind === 'national'
      ? 'France entière'
      : territory?.kind === 'region'
        ? labels.region(territory.code)
        : territory?.kind === 'departement'
          ? labels.departement(territory.code)
          : 'Vos dossiers';
  useDocumentTitle(`Activité – ${where}${params.filtered ? ' (filtrée)' : ''}`);
  const col = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3');
  const departements = territory?.kind === 'region' ? aires.data?.departements.filter((d) => d.regionCode === territory.code) : aires.data?.departements;

  return (
    <>
      <Breadcrumb currentPageLabel="Activité" homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>Activité – {where}</h1>
      <p className={fr.cx('fr-text--lead')}>
        Ce qui a changé dans les dossiers Petite ville de demain{territory?.kind === 'national' ? '' : ' de votre territoire'} : conventions, postes, missions, financements, documents…
        du plus récent au plus ancien.
      </p>
      <ActiviteFeed
        params={params}
        query={feed}
        listPath="/api/activite"
        what="l’activité"
        showDossier
        territoryFilters={
          territory?.kind === 'national' ? (
            <TerritoireSelects
              className={col}
              region={params.filters.region}
              departement={params.filters.departement}
              regions={aires.data?.regions}
              departements={aires.data?.departements}
              onChange={(changes) => params.setFilters({ ...changes, avant: '' })}
            />
          ) : territory?.kind === 'region' ? (
            <div className={col}>
              <TerritoireDepartement value={params.filters.departement} choices={departements ?? []} onChange={(departement) => params.setFilters({ departement, avant: '' })} label={labels.departement} />
            </div>
          ) : null
        }
      />
    </>
  );
}

function TerritoireDepartement({
  value,
  choices,
  onChange,
  label,
}: {
  value: string;
  choices: readonly { code: string; nom: string }[];
  onChange: (code: string) => void;
  label: (code: string) => string;
}) {
  return (
    <div className={fr.cx('fr-select-group', 'fr-mb-0')}>
      <label className={fr.cx('fr-label')} htmlFor="activite-departement">
        Département
      </label>
      <select className={fr.cx('fr-select')} id="activite-departement" name="departement" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">Toute la région</option>
        {value && !choices.some((d) => d.code === value) && <option value={value}>{label(value)}</option>}
        {choices.map((d) => (
          <option key={d.code} value={d.code}>
            {label(d.code)}
          </option>
        ))}
      </select>
    </div>
  );
}
