import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { FINANCEMENT_STATUT_LABELS, FINANCEMENT_STATUTS, PILIER_LABELS, PILIERS, programmeToday } from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { countOf, DataList } from '../shared/data-list';
import { readDepartement, readers, useListParams, useUrlTextField } from '../shared/use-list-params';
import { filterQuery, useDispositifs, useFinanceurs, useLignes } from './data/financements.hooks';
import { REGIONS } from './financements-format';
import { apiFilters, DEPARTEMENT_CODE, filtersSearch, hasFilters, NO_FILTERS, readFilters, type FinancementFilters } from './financements.params';
import { LignePanel } from './ligne.form';
import { ligneColumns, LignesTotals } from './lignes.table';

const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_FILTERS = {
  pvd: readers.matching(UUID),
  dispositif: readers.matching(UUID),
  financeur: readers.matching(UUID),
  pilier: readers.oneOf(PILIERS),
  statut: readers.oneOf(FINANCEMENT_STATUTS),
  annee: readers.matching(/^(20\d\d|2100)$/),
  region: readers.matching(/^\d{2,3}$/),
  departement: readDepartement,
  horsPvd: readers.oneOf(['true', 'false'] as const),
  q: readers.text(100),
};
const CURRENT_YEAR = Number(programmeToday().slice(0, 4));
const YEARS = Array.from({ length: CURRENT_YEAR - 2019 }, (_, i) => CURRENT_YEAR - i);

/** « Financements »: the lines the user may read, filtered (filters in the URL), with totals and exports. */
export function FinancementsView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  // The same URL read for the list component (pages, « filtered »).
  const params = useListParams({ filters: LIST_FILTERS });
  const { data: me } = useMe();
  const admin = hasPermission(me, 'programme:parametrer');
  const list = useLignes({ ...apiFilters(filters), page: filters.page, pageSize: PAGE_SIZE });
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  useDocumentTitle(`Financements${hasFilters(filters) ? ' (filtrés)' : ''}${filters.page > 1 ? `, page ${filters.page}` : ''}`);
  const update = (changes: Partial<FinancementFilters>, replace = false) => setSearchParams(filtersSearch({ ...filters, page: 1, ...changes }), { replace });

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '0 1rem' }}>
        <h1>Financements</h1>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--icon-left')} style={{ width: 'auto' }}>
          {admin && (
            <li>
              <Button priority="tertiary" iconId="fr-icon-settings-5-line" linkProps={{ to: '/financements/dispositifs' }}>
                Catalogue des dispositifs
              </Button>
            </li>
          )}
          {list.data?.peutCreer && editing === undefined && (
            <li>
              <Button iconId="fr-icon-add-line" onClick={() => setEditing(null)}>
                Saisir un financement
              </Button>
            </li>
          )}
        </ul>
      </div>
      <p className={fr.cx('fr-text--lead')}>
        Les financements obtenus par les communes et EPCI des petites villes de demain, dispositif par dispositif : montants, statuts et leurs dates, source de la donnée.
      </p>
      {editing !== undefined && <LignePanel ligneId={editing} pvdId={filters.pvd} onClose={() => setEditing(undefined)} />}
      <FiltersForm filters={filters} onChange={update} />
      <DataList
        caption="Lignes de financement"
        hideCaption
        label="Financements"
        columns={ligneColumns({ showBeneficiaire: true, onEdit: (id) => setEditing(id) })}
        rowKey={(l) => l.id}
        params={params}
        query={list}
        count={(total) => `${countOf('ligne de financement', 'lignes de financement')(total)}${params.filtered ? ' (filtrées)' : ''}`}
        empty="Aucun financement n’est encore enregistré."
        emptyFiltered="Aucun financement ne correspond à ces filtres."
        loadingLabel="Chargement des financements…"
        errorTitle="La liste des financements n’a pas pu être chargée"
        exportTo={{ listPath: '/api/financements/lignes', what: 'la sélection', filters: filterQuery(apiFilters(filters)) }}
        above={(data) => <LignesTotals totaux={data.totaux} label="Totaux de la sélection" />}
      />
    </>
  );
}

function FiltersForm({ filters, onChange }: { filters: FinancementFilters; onChange: (changes: Partial<FinancementFilters>, replace?: boolean) => void }) {
  const dispositifs = useDispositifs();
  const financeurs = useFinanceurs();
  const search = useUrlTextField(filters.q, (q) => onChange({ q }, true));
  const departement = useUrlTextField(
    filters.departement,
    (code) => onChange({ departement: code.toUpperCase() }, true),
    (code) => code === '' || DEPARTEMENT_CODE.test(code.toUpperCase()),
  );
  const departementInvalid = departement.text.trim() !== '' && !DEPARTEMENT_CODE.test(departement.text.trim().toUpperCase());
  const col = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3');
  // Funders of the catalogue only (those with dispositifs).
  const financeurIds = new Set((dispositifs.data?.dispositifs ?? []).map((d) => d.financeurId));
  const financeurChoices = (financeurs.data?.financeurs ?? []).filter((f) => financeurIds.has(f.id));

  return (
    <form role="search" aria-label="Filtrer les financements" onSubmit={(e) => e.preventDefault()} className={fr.cx('fr-mb-4w')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
        <div className={col}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Recherche"
            hintText="Projet, référence, bénéficiaire"
            nativeInputProps={{
              type: 'search',
              name: 'q',
              autoComplete: 'off',
              maxLength: 100,
              value: search.text,
              onChange: (e) => search.setText(e.currentTarget.value),
              onKeyDown: (e) => e.key === 'Enter' && search.commit(),
            }}
          />
        </div>
        <div className={col}>
          <Select className={fr.cx('fr-mb-0')} label="Dispositif" nativeSelectProps={{ name: 'dispositif', value: filters.dispositif, onChange: (e) => onChange({ dispositif: e.currentTarget.value }) }}>
            <option value="">Tous les dispositifs</option>
            {(dispositifs.data?.dispositifs ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.nom}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <Select className={fr.cx('fr-mb-0')} label="Financeur" nativeSelectProps={{ name: 'financeur', value: filters.financeur, onChange: (e) => onChange({ financeur: e.currentTarget.value }) }}>
            <option value="">Tous les financeurs</option>
            {financeurChoices.map((f) => (
              <option key={f.id} value={f.id}>
                {f.nom}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <ChoiceSelect
            className={fr.cx('fr-mb-0')}
            label="Pilier"
            name="pilier"
            choices={PILIERS}
            labels={PILIER_LABELS}
            value={filters.pilier ?? ''}
            onChange={(pilier) => onChange({ pilier })}
            empty={{ label: 'Les deux piliers' }}
          />
        </div>
        <div className={col}>
          <ChoiceSelect
            className={fr.cx('fr-mb-0')}
            label="Statut"
            name="statut"
            choices={FINANCEMENT_STATUTS}
            labels={FINANCEMENT_STATUT_LABELS}
            value={filters.statut ?? ''}
            onChange={(statut) => onChange({ statut })}
            empty={{ label: 'Tous les statuts' }}
          />
        </div>
        <div className={col}>
          <Select
            className={fr.cx('fr-mb-0')}
            label="Année de campagne"
            nativeSelectProps={{ name: 'annee', value: filters.annee?.toString() ?? '', onChange: (e) => onChange({ annee: e.currentTarget.value ? Number(e.currentTarget.value) : null }) }}
          >
            <option value="">Toutes les années</option>
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <Select className={fr.cx('fr-mb-0')} label="Région" nativeSelectProps={{ name: 'region', value: filters.region, onChange: (e) => onChange({ region: e.currentTarget.value }) }}>
            <option value="">Toutes les régions</option>
            {REGIONS.map((r) => (
              <option key={r.code} value={r.code}>
                {r.nom}
              </option>
            ))}
          </Select>
        </div>
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
              onChange: (e) => departement.setText(e.currentTarget.value),
              onKeyDown: (e) => e.key === 'Enter' && departement.commit(),
            }}
          />
        </div>
        <div className={col}>
          <Select
            className={fr.cx('fr-mb-0')}
            label="Programme"
            hint="Hors PVD : bénéficiaire qui n’est pas dans le programme aujourd’hui"
            nativeSelectProps={{
              name: 'horsPvd',
              value: filters.horsPvd,
              onChange: (e) => {
                const v = e.currentTarget.value;
                onChange({ horsPvd: v === 'true' || v === 'false' ? v : '' });
              },
            }}
          >
            <option value="">Toutes les lignes</option>
            <option value="false">Lignes du programme</option>
            <option value="true">Lignes hors PVD</option>
          </Select>
        </div>
      </div>
      {hasFilters(filters) && (
        <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
          <Link className={fr.cx('fr-link', 'fr-icon-close-line', 'fr-link--icon-left')} to={{ search: filtersSearch(NO_FILTERS) }}>
            Effacer les filtres
          </Link>
        </p>
      )}
    </form>
  );
}
