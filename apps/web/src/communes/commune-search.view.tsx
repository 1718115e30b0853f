import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PvdBadge, formatNumber, formatPopulation } from '@suivi-pvd/ui';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { DataList, type ListColumn } from '../shared/data-list';
import { readers, useListParams, useUrlTextField } from '../shared/use-list-params';
import { useSearchCommunes, type CommuneSearchItem } from './data/communes.hooks';
import { formatDepartement } from '@suivi-pvd/domain';

const PAGE_SIZE = 20;
const FILTERS = { q: readers.text(100) };

/** Search form and results; the query and page live in the URL (?q=&page=). */
export function CommuneSearchView() {
  const params = useListParams({ filters: FILTERS });
  const { q } = params.filters;
  const page = params.page;
  useDocumentTitle(q ? `Communes : « ${q} »${page > 1 ? `, page ${page}` : ''}` : 'Communes');
  // Typing updates the URL once the user pauses; Enter or the button at once.
  const field = useUrlTextField(q, (text) => params.setFilters({ q: text }, { replace: true }));
  const search = useSearchCommunes({ q, page, pageSize: PAGE_SIZE });
  const backToSearch = params.pageSearch(page);
  const columns: ListColumn<CommuneSearchItem, never>[] = [
    {
      key: 'nom',
      header: 'Commune',
      cell: (commune) => (
        <Link to={`/communes/${encodeURIComponent(commune.insee)}`} state={{ fromSearch: backToSearch }}>
          {commune.nom}
        </Link>
      ),
    },
    { key: 'insee', header: 'Code INSEE', cell: (commune) => commune.insee },
    { key: 'departement', header: 'Département', cell: (commune) => formatDepartement(commune.departementCode, commune.departementNom) },
    { key: 'population', header: 'Population', numeric: true, cell: (commune) => (commune.population == null ? 'Non renseignée' : formatPopulation(commune.population)) },
    { key: 'pvd', header: 'Programme', cell: (commune) => <PvdBadge isPvd={commune.pvd != null} small /> },
  ];

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    field.commit();
  };

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
                maxLength: 100,
                value: field.text,
                onChange: (event) => field.setText(event.currentTarget.value),
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

      {q ? (
        <section aria-labelledby="resultats-titre">
          <h2 id="resultats-titre" className={fr.cx('fr-h4')}>
            Résultats
          </h2>
          <DataList
            caption={`Communes correspondant à « ${q} »`}
            hideCaption
            columns={columns}
            rowKey={(commune) => commune.insee}
            params={params}
            query={search}
            count={(total) => `${formatNumber(total)} commune${total > 1 ? 's' : ''} trouvée${total > 1 ? 's' : ''} pour « ${q} »`}
            empty={`Aucune commune ne correspond à « ${q} ».`}
            emptyFiltered={`Aucune commune ne correspond à « ${q} ».`}
            loadingLabel="Recherche en cours…"
            errorTitle="La recherche a échoué"
            exportTo={{ listPath: '/api/communes', what: 'les communes trouvées' }}
          />
          {search.data?.total === 0 && (
            <Alert
              severity="info"
              small
              description="Vérifiez l'orthographe, essayez une partie du nom seulement, ou saisissez le code INSEE à 5 caractères (par exemple 23001)."
            />
          )}
        </section>
      ) : (
        <p role="status" aria-live="polite">
          Saisissez le nom ou le code INSEE d'une commune pour lancer la recherche.
        </p>
      )}
    </>
  );
}
