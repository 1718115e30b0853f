import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { PvdBadge, formatNumber, formatPopulation } from '@suivi-pvd/ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDebouncedValue } from '../app/use-debounced-value';
import { useDocumentTitle } from '../app/use-document-title';
import { useSearchCommunes, type CommuneSearchItem } from './data/communes.hooks';

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 300;

function readPage(value: string | null): number {
  const page = Number.parseInt(value ?? '', 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}

function searchString(q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Search form and results; the query and page live in the URL (?q=&page=). */
export function CommuneSearchView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const q = (searchParams.get('q') ?? '').trim();
  const page = readPage(searchParams.get('page'));
  useDocumentTitle(q ? `Communes : « ${q} »${page > 1 ? `, page ${page}` : ''}` : 'Communes');

  const [text, setText] = useState(q);
  const debouncedText = useDebouncedValue(text, DEBOUNCE_MS);
  const currentQ = useRef(q);
  currentQ.current = q;

  // The URL changed from outside (back/forward, a link): show its query in the field.
  const lastUrlQ = useRef(q);
  useEffect(() => {
    if (q !== lastUrlQ.current) {
      lastUrlQ.current = q;
      setText(q);
    }
  }, [q]);

  const applyQuery = (value: string) => {
    const next = value.trim();
    if (next === currentQ.current) return;
    lastUrlQ.current = next;
    setSearchParams(searchString(next, 1), { replace: true });
  };

  // Typing updates the URL once the user pauses. Only a new debounced text triggers this (not
  // a URL change), hence the ref to the latest applyQuery.
  const applyQueryRef = useRef(applyQuery);
  applyQueryRef.current = applyQuery;
  useEffect(() => {
    applyQueryRef.current(debouncedText);
  }, [debouncedText]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    applyQuery(text);
  };

  const search = useSearchCommunes({ q, page, pageSize: PAGE_SIZE });

  return (
    <>
      <h1>Communes</h1>
      <p className={fr.cx('fr-text--lead')}>
        Retrouvez une commune et sa situation dans le programme Petites villes de demain.
      </p>
      <form role="search" aria-label="Communes" onSubmit={handleSubmit} className={fr.cx('fr-mb-4w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
            <Input
              className={fr.cx('fr-mb-0')}
              label="Rechercher une commune (nom ou code INSEE)"
              hintText="Par exemple : Ahun, Saint-Étienne ou 23001. Les résultats s'affichent pendant la saisie."
              nativeInputProps={{
                type: 'search',
                name: 'q',
                autoComplete: 'off',
                spellCheck: false,
                value: text,
                onChange: (event) => setText(event.currentTarget.value),
              }}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Button type="submit" iconId="fr-icon-search-line">
              Rechercher
            </Button>
          </div>
        </div>
      </form>

      <SearchResults q={q} page={page} search={search} />
    </>
  );
}

function SearchResults({
  q,
  page,
  search,
}: {
  q: string;
  page: number;
  search: ReturnType<typeof useSearchCommunes>;
}) {
  if (!q) {
    return (
      <p role="status" aria-live="polite">
        Saisissez le nom ou le code INSEE d'une commune pour lancer la recherche.
      </p>
    );
  }
  if (search.isPending) return <LoadingView label="Recherche en cours…" />;
  if (search.isError) {
    return (
      <QueryErrorAlert
        title="La recherche a échoué"
        error={search.error}
        onRetry={() => void search.refetch()}
      />
    );
  }

  const { items, total, pageSize } = search.data;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const summary =
    total === 0
      ? `Aucune commune ne correspond à « ${q} ».`
      : `${formatNumber(total)} commune${total > 1 ? 's' : ''} trouvée${total > 1 ? 's' : ''} pour « ${q} »${
          pageCount > 1 ? ` – page ${page} sur ${pageCount}` : ''
        }.`;

  return (
    <section aria-labelledby="resultats-titre" aria-busy={search.isFetching}>
      <h2 id="resultats-titre" className={fr.cx('fr-h4')}>
        Résultats
      </h2>
      <p role="status" aria-live="polite">
        {summary}
      </p>
      {total === 0 && (
        <Alert
          severity="info"
          small
          description="Vérifiez l'orthographe, essayez une partie du nom seulement, ou saisissez le code INSEE à 5 caractères (par exemple 23001)."
        />
      )}
      {total > 0 && items.length === 0 && (
        <p>
          Cette page de résultats est vide.{' '}
          <Link to={searchString(q, 1)}>Revenir à la première page</Link>
        </p>
      )}
      {items.length > 0 && (
        <Table
          caption={`Communes correspondant à « ${q} »`}
          noCaption
          headers={['Commune', 'Code INSEE', 'Département', 'Population', 'Programme']}
          data={items.map((commune) => resultRow(commune, q, page))}
          bordered
        />
      )}
      {pageCount > 1 && (
        <Pagination
          className={fr.cx('fr-mt-2w')}
          count={pageCount}
          defaultPage={Math.min(page, pageCount)}
          showFirstLast
          getPageLinkProps={(pageNumber) => ({ to: searchString(q, pageNumber) })}
        />
      )}
    </section>
  );
}

function resultRow(commune: CommuneSearchItem, q: string, page: number) {
  return [
    <Link
      key="nom"
      to={`/communes/${encodeURIComponent(commune.insee)}`}
      state={{ fromSearch: searchString(q, page) }}
    >
      {commune.nom}
    </Link>,
    commune.insee,
    `${commune.departementNom} (${commune.departementCode})`,
    commune.population == null ? 'Non renseignée' : formatPopulation(commune.population),
    <PvdBadge key="pvd" isPvd={commune.pvd != null} small />,
  ];
}
