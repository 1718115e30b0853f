import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { formatDate, formatNumber } from '@suivi-pvd/ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDebouncedValue } from '../app/use-debounced-value';
import { useDocumentTitle } from '../app/use-document-title';
import { ExportLinks } from '../shared/export-links';
import { usePvdList, type PvdSummary } from './data/pvd-list.hooks';

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 300;
/** A département code: 2 digits, 2A/2B, or 3 digits overseas. */
const DEPARTEMENT_CODE = /^(\d{2}|2[AB]|\d{3})$/;

function readPage(value: string | null): number {
  const page = Number.parseInt(value ?? '', 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}

function readDepartement(value: string | null): string {
  const code = (value ?? '').trim().toUpperCase();
  return DEPARTEMENT_CODE.test(code) ? code : '';
}

function searchString(departement: string, page: number): string {
  const params = new URLSearchParams();
  if (departement) params.set('departement', departement);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The departements of a PVD's communes, without repeats: « 23 », or « 19, 23 » for a binôme across a border. */
function departementsOf(pvd: PvdSummary): string {
  return [...new Set(pvd.communes.map((c) => c.departementCode))].sort().join(', ');
}

/** « Dossiers PVD »: the PVDs the user may see, filtered by département; filters live in the URL. */
export function PvdListView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const departement = readDepartement(searchParams.get('departement'));
  const page = readPage(searchParams.get('page'));
  useDocumentTitle(
    `Dossiers PVD${departement ? ` : département ${departement}` : ''}${page > 1 ? `, page ${page}` : ''}`,
  );

  const [text, setText] = useState(departement);
  const debounced = useDebouncedValue(text, DEBOUNCE_MS);
  const lastUrlValue = useRef(departement);
  useEffect(() => {
    if (departement !== lastUrlValue.current) {
      lastUrlValue.current = departement;
      setText(departement);
    }
  }, [departement]);

  const typed = text.trim().toUpperCase();
  const invalid = typed !== '' && !DEPARTEMENT_CODE.test(typed);
  const apply = (value: string) => {
    const next = value.trim().toUpperCase();
    if (next === lastUrlValue.current || (next !== '' && !DEPARTEMENT_CODE.test(next))) return;
    lastUrlValue.current = next;
    setSearchParams(searchString(next, 1), { replace: true });
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;
  useEffect(() => {
    applyRef.current(debounced);
  }, [debounced]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(text);
  };

  const list = usePvdList({ departement, page, pageSize: PAGE_SIZE });

  return (
    <>
      <h1>Dossiers PVD</h1>
      <p className={fr.cx('fr-text--lead')}>Les Petites villes de demain de votre territoire et leur dossier.</p>
      <form role="search" aria-label="Filtrer les dossiers PVD" onSubmit={handleSubmit} className={fr.cx('fr-mb-3w')}>
        <Input
          className={fr.cx('fr-mb-0')}
          style={{ maxWidth: '20rem' }}
          label="Département"
          hintText="Code du département, par exemple 23. Laissez vide pour tout voir."
          state={invalid ? 'error' : 'default'}
          stateRelatedMessage={invalid ? 'Saisissez un code de département (23, 2A, 971…).' : undefined}
          nativeInputProps={{
            name: 'departement',
            autoComplete: 'off',
            spellCheck: false,
            maxLength: 3,
            value: text,
            onChange: (event) => setText(event.currentTarget.value),
          }}
        />
      </form>

      {list.isPending && <LoadingView label="Chargement des dossiers…" />}
      {list.isError && (
        <QueryErrorAlert
          title="La liste des dossiers n'a pas pu être chargée"
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      {list.data && (
        <PvdResults data={list.data} departement={departement} page={page} isFetching={list.isFetching} />
      )}
    </>
  );
}

function PvdResults({
  data,
  departement,
  page,
  isFetching,
}: {
  data: NonNullable<ReturnType<typeof usePvdList>['data']>;
  departement: string;
  page: number;
  isFetching: boolean;
}) {
  const { items, total, pageSize } = data;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const where = departement ? ` dans le département ${departement}` : '';
  const summary =
    total === 0
      ? `Aucune Petite ville de demain${where} dans votre périmètre.`
      : `${formatNumber(total)} Petite${total > 1 ? 's' : ''} ville${total > 1 ? 's' : ''} de demain${where}${
          pageCount > 1 ? ` – page ${Math.min(page, pageCount)} sur ${pageCount}` : ''
        }.`;

  return (
    <section aria-label="Dossiers" aria-busy={isFetching}>
      <p role="status" aria-live="polite">
        {summary}
      </p>
      {total > 0 && items.length === 0 && (
        <p>
          Cette page est vide. <Link to={searchString(departement, 1)}>Revenir à la première page</Link>
        </p>
      )}
      {total > 0 && <ExportLinks listPath="/api/pvd" filters={{ departement }} what="les dossiers PVD" />}
      {items.length > 0 && (
        <Table
          className={fr.cx('fr-mb-2w')}
          caption={`Petites villes de demain${where}`}
          noCaption
          bordered
          headers={['Petite ville de demain', 'Identifiant PVD', 'Département', 'EPCI', "Convention d'adhésion"]}
          data={items.map((pvd) => [
            <Link key="nom" to={`/pvd/${encodeURIComponent(pvd.id)}`}>
              {pvd.nom}
            </Link>,
            pvd.provisoire ? `${pvd.idPvd} (provisoire)` : pvd.dateRetrait ? `${pvd.idPvd} (retirée le ${pvd.dateRetrait.split('-').reverse().join('/')})` : pvd.idPvd,
            departementsOf(pvd),
            pvd.epciNom ?? '—',
            formatDate(pvd.dateConventionAdhesion) ?? 'Non signée ou non renseignée',
          ])}
        />
      )}
      {pageCount > 1 && (
        <Pagination
          count={pageCount}
          defaultPage={Math.min(page, pageCount)}
          showFirstLast
          getPageLinkProps={(pageNumber) => ({ to: searchString(departement, pageNumber) })}
        />
      )}
    </section>
  );
}
