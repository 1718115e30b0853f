import { fr } from '@codegouvfr/react-dsfr';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { ORGANISATION_TYPE_LABELS } from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import { useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useAireLabels } from '../referentiel/data/aires.hooks';
import { territoryLabel } from './administration-labels';
import { useOrganisations } from './data/organisations.hooks';
import { SearchForm, tabSearch } from './search-form';

const MAX_RESULTS = 200;

export function OrganisationsTab() {
  const [searchParams, setSearchParams] = useSearchParams();
  const q = (searchParams.get('q') ?? '').trim();
  const organisations = useOrganisations(q);
  const labels = useAireLabels();

  return (
    <>
      <h2 className={fr.cx('fr-h4')}>Organisations</h2>
      <SearchForm
        label="Rechercher une organisation (nom)"
        value={q}
        onSearch={(text) => setSearchParams(tabSearch(searchParams, { q: text }))}
      />
      {organisations.isPending && <LoadingView label="Chargement des organisations…" />}
      {organisations.isError && (
        <QueryErrorAlert
          title="Les organisations n'ont pas pu être chargées"
          error={organisations.error}
          onRetry={() => void organisations.refetch()}
        />
      )}
      {organisations.data && (
        <section aria-busy={organisations.isFetching} aria-label="Liste des organisations">
          <p role="status" aria-live="polite">
            {organisations.data.length === 0
              ? q
                ? `Aucune organisation ne correspond à « ${q} ».`
                : 'Aucune organisation.'
              : `${formatNumber(organisations.data.length)} organisation${organisations.data.length > 1 ? 's' : ''}${
                  q ? ` pour « ${q} »` : ''
                }${organisations.data.length >= MAX_RESULTS ? ' (les 200 premières : précisez la recherche)' : ''}.`}
          </p>
          {organisations.data.length > 0 && (
            <Table
              caption="Organisations"
              noCaption
              bordered
              headers={['Type', 'Nom', 'Territoire', 'SIRET', 'Membres']}
              data={organisations.data.map((organisation) => [
                ORGANISATION_TYPE_LABELS[organisation.type],
                organisation.nom,
                territoryLabel(organisation, labels),
                organisation.siret ?? '—',
                formatNumber(organisation.members),
              ])}
            />
          )}
        </section>
      )}
    </>
  );
}
