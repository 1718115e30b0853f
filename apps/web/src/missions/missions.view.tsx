import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { MISSION_NATURE_LABELS, MISSION_NATURES, MISSION_STATUT_LABELS, MISSION_STATUTS } from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import type { FormEvent, KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { countOf, DataList } from '../shared/data-list';
import { DEPARTEMENT_CODE, readDepartement, readers, useListParams, useUrlTextField, type ListFilters } from '../shared/use-list-params';
import { useFinanceurs, useMissions, type Financeur } from './data/missions.hooks';
import { missionColumns, MissionTotals } from './missions.table';

const PAGE_SIZE = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTERS = {
  /** One PVD (coming from its dossier). */
  pvd: readers.matching(UUID),
  financeur: readers.matching(UUID),
  statut: readers.oneOf(MISSION_STATUTS),
  nature: readers.oneOf(MISSION_NATURES),
  departement: readDepartement,
  q: readers.text(100),
};
type Filters = ListFilters<typeof FILTERS>;

/** « Missions d’expertise »: the missions the user may read, filtered; the filters live in the URL. */
export function MissionsView() {
  const params = useListParams({ filters: FILTERS });
  const { filters } = params;
  const { data: me } = useMe();
  const readsDossiers = hasPermission(me, 'pvd:lire');
  // A partner opens the summary of the dossiers of its missions' PVDs (its organisation funds them).
  const opensDossiers = hasPermission(me, 'pvd:resume');
  const financeurs = useFinanceurs();
  useDocumentTitle(`Missions d’expertise${params.filtered ? ' (filtrées)' : ''}${params.page > 1 ? `, page ${params.page}` : ''}`);

  // The API's names for the same filters (the list's and the export's).
  const apiFilters = {
    pvdId: filters.pvd,
    financeurId: filters.financeur,
    statut: filters.statut || null,
    nature: filters.nature || null,
    departement: filters.departement,
    q: filters.q,
  };
  const list = useMissions({ ...apiFilters, page: params.page, pageSize: PAGE_SIZE });

  // Someone who does not read dossiers (a partner) sees only the missions its own funders finance.
  const allFinanceurs = financeurs.data?.financeurs ?? [];
  const financeurChoices = readsDossiers ? allFinanceurs : allFinanceurs.filter((f) => f.saisissable);
  const ownFunder = !readsDossiers && financeurChoices.length === 1 ? financeurChoices[0] : undefined;
  const pvdNom = filters.pvd ? list.data?.items[0]?.pvdNom : undefined;

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '0 1rem' }}>
        <h1>Missions d’expertise</h1>
        {list.data?.peutCreer && (
          <Button className={fr.cx('fr-mb-3w')} iconId="fr-icon-add-line" linkProps={{ to: '/missions/nouvelle' }}>
            Saisir une mission
          </Button>
        )}
      </div>
      <p className={fr.cx('fr-text--lead')}>
        {ownFunder
          ? `Les missions d’ingénierie et d’expertise financées par votre organisation (${ownFunder.nom}), dans toutes les petites villes de demain.`
          : 'Les missions d’ingénierie et d’expertise financées par les partenaires du programme dans les petites villes de demain de votre territoire.'}
      </p>
      <MissionFiltersForm
        filters={filters}
        filtered={params.filtered}
        clearSearch={params.clearSearch}
        financeurs={ownFunder ? [] : financeurChoices}
        onChange={(changes, replace) => params.setFilters(changes, { replace })}
      />
      <DataList
        caption="Missions d’expertise"
        hideCaption
        label="Missions"
        columns={missionColumns({ showPvd: !filters.pvd, linkPvd: opensDossiers })}
        rowKey={(m) => m.id}
        params={params}
        query={list}
        count={(total) => `${countOf('mission', 'missions')(total)}${pvdNom ? ` pour ${pvdNom}` : ''}${params.filtered ? ' (filtrées)' : ''}`}
        empty="Aucune mission d’expertise n’est encore enregistrée."
        emptyFiltered="Aucune mission ne correspond à ces filtres."
        loadingLabel="Chargement des missions…"
        errorTitle="La liste des missions n’a pas pu être chargée"
        exportTo={{ listPath: '/api/missions', what: 'les missions', filters: { ...apiFilters, statut: filters.statut, nature: filters.nature } }}
        above={(data) => <MissionTotals totaux={data.totaux} label="Totaux de la sélection" />}
      />
    </>
  );
}

function MissionFiltersForm({
  filters,
  filtered,
  clearSearch,
  financeurs,
  onChange,
}: {
  filters: Filters;
  filtered: boolean;
  clearSearch: string;
  /** The funders to filter on; none hides the filter. */
  financeurs: readonly Financeur[];
  onChange: (changes: Partial<Filters>, replace?: boolean) => void;
}) {
  const search = useUrlTextField(filters.q, (q) => onChange({ q }, true));
  const departement = useUrlTextField(
    filters.departement,
    (code) => onChange({ departement: code.toUpperCase() }, true),
    (code) => code === '' || DEPARTEMENT_CODE.test(code.toUpperCase()),
  );
  const departementInvalid = departement.text.trim() !== '' && !DEPARTEMENT_CODE.test(departement.text.trim().toUpperCase());

  // No submit button: every field applies by itself. Enter in a text field applies it at once.
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => event.preventDefault();
  const onEnter = (commit: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
  };
  // Four filters on one row, five on two (three, then two).
  const col = fr.cx('fr-col-12', 'fr-col-sm-6', financeurs.length > 0 ? 'fr-col-lg-4' : 'fr-col-lg-3');

  return (
    <form role="search" aria-label="Filtrer les missions" onSubmit={handleSubmit} className={fr.cx('fr-mb-4w')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Recherche"
            hintText="Intitulé, prestataire, référence ou commune"
            nativeInputProps={{
              type: 'search',
              name: 'q',
              autoComplete: 'off',
              maxLength: 100,
              value: search.text,
              onChange: (event) => search.setText(event.currentTarget.value),
              onKeyDown: onEnter(search.commit),
            }}
          />
        </div>
        {financeurs.length > 0 && (
          <div className={col}>
            <Select
              className={fr.cx('fr-mb-0')}
              label="Financeur"
              nativeSelectProps={{
                name: 'financeur',
                value: filters.financeur,
                onChange: (event) => onChange({ financeur: event.currentTarget.value }),
              }}
            >
              <option value="">Tous les financeurs</option>
              {financeurs.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.nom}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Département"
            hintText="Code, par exemple 23"
            state={departementInvalid ? 'error' : 'default'}
            stateRelatedMessage={departementInvalid ? 'Saisissez un code de département (23, 2A, 971…).' : undefined}
            nativeInputProps={{
              name: 'departement',
              autoComplete: 'off',
              spellCheck: false,
              maxLength: 3,
              value: departement.text,
              onChange: (event) => departement.setText(event.currentTarget.value),
              onKeyDown: onEnter(departement.commit),
            }}
          />
        </div>
        <div className={col}>
          <ChoiceSelect
            className={fr.cx('fr-mb-0')}
            label="Nature"
            name="nature"
            choices={MISSION_NATURES}
            labels={MISSION_NATURE_LABELS}
            value={filters.nature}
            onChange={(nature) => onChange({ nature: nature ?? '' })}
            empty={{ label: 'Toutes les natures' }}
          />
        </div>
        <div className={col}>
          <ChoiceSelect
            className={fr.cx('fr-mb-0')}
            label="Statut"
            name="statut"
            choices={MISSION_STATUTS}
            labels={MISSION_STATUT_LABELS}
            value={filters.statut}
            onChange={(statut) => onChange({ statut: statut ?? '' })}
            empty={{ label: 'Tous les statuts' }}
          />
        </div>
      </div>
      {filtered && (
        <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
          <Link className={fr.cx('fr-link', 'fr-icon-close-line', 'fr-link--icon-left')} to={{ search: clearSearch }}>
            Effacer les filtres
          </Link>
        </p>
      )}
    </form>
  );
}
