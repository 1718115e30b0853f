import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { MISSION_NATURE_LABELS, MISSION_NATURES, MISSION_STATUT_LABELS, MISSION_STATUTS } from '@suivi-pvd/domain';
import { ChoiceSelect, formatNumber } from '@suivi-pvd/ui';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDebouncedValue } from '../app/use-debounced-value';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { useFinanceurs, useMissions, type Financeur, type MissionsPage } from './data/missions.hooks';
import { DEPARTEMENT_CODE, filtersSearch, hasFilters, NO_FILTERS, readFilters, type MissionFilters } from './missions.params';
import { MissionsTable, MissionTotals } from './missions.table';

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 300;

/** « Missions d’expertise »: the missions the user may read, filtered; the filters live in the URL. */
export function MissionsView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const { data: me } = useMe();
  const readsDossiers = hasPermission(me, 'pvd:lire');
  const financeurs = useFinanceurs();
  useDocumentTitle(`Missions d’expertise${hasFilters(filters) ? ' (filtrées)' : ''}${filters.page > 1 ? `, page ${filters.page}` : ''}`);

  const list = useMissions({
    pvdId: filters.pvd,
    financeurId: filters.financeur,
    statut: filters.statut,
    nature: filters.nature,
    departement: filters.departement,
    q: filters.q,
    page: filters.page,
    pageSize: PAGE_SIZE,
  });

  /** `replace` while typing, so that Back does not replay every keystroke. Any new filter starts on page 1. */
  const update = (changes: Partial<MissionFilters>, replace = false) =>
    setSearchParams(filtersSearch({ ...filters, page: 1, ...changes }), { replace });

  // Someone who does not read dossiers (a partner) sees only the missions its own funders finance.
  const allFinanceurs = financeurs.data?.financeurs ?? [];
  const financeurChoices = readsDossiers ? allFinanceurs : allFinanceurs.filter((f) => f.saisissable);
  const ownFunder = !readsDossiers && financeurChoices.length === 1 ? financeurChoices[0] : undefined;

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
      <MissionFiltersForm filters={filters} financeurs={ownFunder ? [] : financeurChoices} onChange={update} />

      {list.isPending && <LoadingView label="Chargement des missions…" />}
      {list.isError && (
        <QueryErrorAlert title="La liste des missions n’a pas pu être chargée" error={list.error} onRetry={() => void list.refetch()} />
      )}
      {list.data && <MissionResults data={list.data} filters={filters} isFetching={list.isFetching} linkPvd={readsDossiers} />}
    </>
  );
}

/**
 * A text field bound to a URL value: typing updates the URL once the user pauses; a URL change
 * from outside (back/forward, a link) shows in the field.
 */
function useUrlTextField(urlValue: string, apply: (text: string) => void, accept: (text: string) => boolean = () => true) {
  const [text, setText] = useState(urlValue);
  const debounced = useDebouncedValue(text, DEBOUNCE_MS);
  const lastUrlValue = useRef(urlValue);
  useEffect(() => {
    if (urlValue !== lastUrlValue.current) {
      lastUrlValue.current = urlValue;
      setText(urlValue);
    }
  }, [urlValue]);

  const commit = (value: string) => {
    const next = value.trim();
    if (next === lastUrlValue.current || !accept(next)) return;
    lastUrlValue.current = next;
    apply(next);
  };
  // Only a new debounced text triggers this (not a URL change), hence the ref to the latest commit.
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => {
    commitRef.current(debounced);
  }, [debounced]);

  return { text, setText, commit: () => commit(text) };
}

function MissionFiltersForm({
  filters,
  financeurs,
  onChange,
}: {
  filters: MissionFilters;
  /** The funders to filter on; none hides the filter. */
  financeurs: readonly Financeur[];
  onChange: (changes: Partial<MissionFilters>, replace?: boolean) => void;
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
            value={filters.nature ?? ''}
            onChange={(nature) => onChange({ nature })}
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
            value={filters.statut ?? ''}
            onChange={(statut) => onChange({ statut })}
            empty={{ label: 'Tous les statuts' }}
          />
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

function MissionResults({
  data,
  filters,
  isFetching,
  linkPvd,
}: {
  data: MissionsPage;
  filters: MissionFilters;
  isFetching: boolean;
  linkPvd: boolean;
}) {
  const { items, total, pageSize, totaux } = data;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page, pageCount);
  const pvdNom = filters.pvd ? items[0]?.pvdNom : undefined;
  const summary =
    total === 0
      ? hasFilters(filters)
        ? 'Aucune mission ne correspond à ces filtres.'
        : 'Aucune mission d’expertise n’est encore enregistrée.'
      : `${formatNumber(total)} mission${total > 1 ? 's' : ''}${pvdNom ? ` pour ${pvdNom}` : ''}${hasFilters(filters) ? ' (filtrées)' : ''}${
          pageCount > 1 ? ` – page ${page} sur ${pageCount}` : ''
        }.`;

  return (
    <section aria-label="Missions" aria-busy={isFetching}>
      <p role="status" aria-live="polite">
        {summary}
      </p>
      {total > 0 && <MissionTotals totaux={totaux} label="Totaux de la sélection" />}
      {total > 0 && items.length === 0 && (
        <p>
          Cette page est vide. <Link to={filtersSearch({ ...filters, page: 1 })}>Revenir à la première page</Link>
        </p>
      )}
      {items.length > 0 && <MissionsTable items={items} caption="Missions d’expertise" showPvd={!filters.pvd} linkPvd={linkPvd} />}
      {pageCount > 1 && (
        <Pagination
          count={pageCount}
          defaultPage={page}
          showFirstLast
          getPageLinkProps={(pageNumber) => ({ to: filtersSearch({ ...filters, page: pageNumber }) })}
        />
      )}
    </section>
  );
}
