import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { formatDate } from '@suivi-pvd/ui';
import type { FormEvent, KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { countOf, DataList, type ListColumn } from '../shared/data-list';
import { DEPARTEMENT_CODE, readDepartement, readers, useListParams, useUrlTextField } from '../shared/use-list-params';
import { usePvdList, type PvdSummary, type PvdTri } from './data/pvd-list.hooks';

const PAGE_SIZE = 20;
const SORTS = ['nom', 'idPvd', 'dateSelection'] as const satisfies readonly (PvdTri & string)[];
const FILTERS = { q: readers.text(100), departement: readDepartement };

/** The departements of a PVD's communes, without repeats: « 23 », or « 19, 23 » for a binôme across a border. */
function departementsOf(pvd: PvdSummary): string {
  return [...new Set(pvd.communes.map((c) => c.departementCode))].sort().join(', ');
}

const COLUMNS: ListColumn<PvdSummary, (typeof SORTS)[number]>[] = [
  {
    key: 'nom',
    header: 'Petite ville de demain',
    sort: 'nom',
    cell: (pvd) => <Link to={`/pvd/${encodeURIComponent(pvd.id)}`}>{pvd.nom}</Link>,
  },
  {
    key: 'idPvd',
    header: 'Identifiant PVD',
    sort: 'idPvd',
    cell: (pvd) =>
      pvd.provisoire ? `${pvd.idPvd} (provisoire)` : pvd.dateRetrait ? `${pvd.idPvd} (retirée le ${formatDate(pvd.dateRetrait)})` : pvd.idPvd,
  },
  { key: 'departement', header: 'Département', cell: departementsOf },
  { key: 'epci', header: 'EPCI', cell: (pvd) => pvd.epciNom ?? '—' },
  { key: 'selection', header: 'Date de sélection', sort: 'dateSelection', cell: (pvd) => formatDate(pvd.dateSelection) ?? '—' },
  { key: 'adhesion', header: 'Convention d’adhésion', cell: (pvd) => formatDate(pvd.dateConventionAdhesion) ?? 'Non signée ou non renseignée' },
];

/**
 * « Dossiers PVD »: the PVDs the user may see, searched, filtered by département, sorted; all of it
 * in the URL. A partner's are those where its organisation funds something (their summary).
 */
export function PvdListView() {
  const { data: me } = useMe();
  const partner = !hasPermission(me, 'pvd:lire');
  const params = useListParams({ filters: FILTERS, sorts: SORTS });
  const { q, departement } = params.filters;
  useDocumentTitle(`Dossiers PVD${departement ? ` : département ${departement}` : ''}${q ? ` : « ${q} »` : ''}${params.page > 1 ? `, page ${params.page}` : ''}`);
  const list = usePvdList({ q, departement, tri: params.sort ?? '', page: params.page, pageSize: PAGE_SIZE });

  const search = useUrlTextField(q, (text) => params.setFilters({ q: text }, { replace: true }));
  const code = useUrlTextField(
    departement,
    (text) => params.setFilters({ departement: text.toUpperCase() }, { replace: true }),
    (text) => text === '' || DEPARTEMENT_CODE.test(text.toUpperCase()),
  );
  const codeInvalid = code.text.trim() !== '' && !DEPARTEMENT_CODE.test(code.text.trim().toUpperCase());
  const onEnter = (commit: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
  };
  const where = departement ? ` dans le département ${departement}` : '';

  return (
    <>
      <h1>Dossiers PVD</h1>
      <p className={fr.cx('fr-text--lead')}>
        {partner
          ? 'Les Petites villes de demain où votre organisation finance une mission d’expertise, une ligne de financement ou une opération d’habitat, et le résumé de leur dossier.'
          : 'Les Petites villes de demain de votre territoire et leur dossier.'}
      </p>
      <form role="search" aria-label="Filtrer les dossiers PVD" onSubmit={(event: FormEvent) => event.preventDefault()} className={fr.cx('fr-mb-3w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Input
              className={fr.cx('fr-mb-0')}
              label="Recherche"
              hintText="Nom d’une commune ou identifiant PVD"
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
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Input
              className={fr.cx('fr-mb-0')}
              label="Département"
              hintText="Code, par exemple 23. Laissez vide pour tout voir."
              state={codeInvalid ? 'error' : 'default'}
              stateRelatedMessage={codeInvalid ? 'Saisissez un code de département (23, 2A, 971…).' : undefined}
              nativeInputProps={{
                name: 'departement',
                autoComplete: 'off',
                spellCheck: false,
                maxLength: 3,
                value: code.text,
                onChange: (event) => code.setText(event.currentTarget.value),
                onKeyDown: onEnter(code.commit),
              }}
            />
          </div>
        </div>
        {params.filtered && (
          <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
            <Link className={fr.cx('fr-link', 'fr-icon-close-line', 'fr-link--icon-left')} to={{ search: params.clearSearch }}>
              Effacer les filtres
            </Link>
          </p>
        )}
      </form>

      <DataList
        caption={`Petites villes de demain${where}`}
        label="Dossiers"
        columns={COLUMNS}
        rowKey={(pvd) => pvd.id}
        params={params}
        query={list}
        defaultSort="nom"
        count={(total) => `${countOf('Petite ville de demain', 'Petites villes de demain')(total)}${where}`}
        empty={partner ? 'Votre organisation ne finance encore rien dans une Petite ville de demain.' : 'Aucune Petite ville de demain dans votre périmètre.'}
        emptyFiltered="Aucune Petite ville de demain ne correspond à ces filtres."
        loadingLabel="Chargement des dossiers…"
        errorTitle="La liste des dossiers n’a pas pu être chargée"
        exportTo={{ listPath: '/api/pvd', what: 'les dossiers PVD' }}
      />
    </>
  );
}
