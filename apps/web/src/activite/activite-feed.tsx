import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { ACTIVITY_KIND_CODES, ACTIVITY_KINDS, isIsoDay } from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import type { FormEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { formatAt } from '../conventions/convention-format';
import { AuditChangeList } from '../shared/audit-change-list';
import { ExportLinks } from '../shared/export-links';
import { readers, readDepartement, type ListParams } from '../shared/use-list-params';
import type { ActiviteEntry, ActiviteFilters, ActivitePage } from './data/activite.hooks';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The feed's filters in the URL; `avant` is the cursor (the page's position), reset by any filter change. */
export const ACTIVITE_FILTERS = {
  type: readers.oneOf(ACTIVITY_KIND_CODES),
  personne: readers.matching(UUID),
  du: (raw: string | null) => (isIsoDay(raw) ? raw : ''),
  au: (raw: string | null) => (isIsoDay(raw) ? raw : ''),
  avant: readers.matching(/^[1-9]\d{0,17}$/),
  departement: readDepartement,
  region: readers.matching(/^\d{2,3}$/),
};
export type ActiviteParams = ListParams<typeof ACTIVITE_FILTERS, never>;

/** The API's filters of a feed, from the URL's. */
export function apiFiltersOf(params: ActiviteParams, territory: boolean): ActiviteFilters {
  const { type, personne, du, au, avant, departement, region } = params.filters;
  return { type, personne, du, au, avant, ...(territory ? { departement, region } : {}) };
}

/**
 * An activity feed: its filters (kind, person, days; the territory's, given by the page), the
 * entries of one page in words, newest first, and the links to older entries (by cursor) and
 * back to the newest; « Exporter » gives every entry the filters select.
 */
export function ActiviteFeed({
  params,
  query,
  listPath,
  what,
  showDossier,
  territoryFilters,
}: {
  params: ActiviteParams;
  query: { data: ActivitePage | undefined; isPending: boolean; isError: boolean; isFetching: boolean; error: unknown; refetch: () => unknown };
  listPath: string;
  what: string;
  showDossier: boolean;
  territoryFilters?: ReactNode;
}) {
  const { filters } = params;
  const change = (changes: Partial<typeof filters>) => params.setFilters({ ...changes, avant: '' });
  const inverted = Boolean(filters.du && filters.au && filters.au < filters.du);
  const personnes = query.data?.personnes ?? [];
  const exportFilters = Object.fromEntries(Object.entries(params.query).filter(([key]) => key !== 'avant'));
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => event.preventDefault();
  const col = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3');
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'avant' && value);

  return (
    <>
      <form role="search" aria-label="Filtrer l’activité" onSubmit={handleSubmit} className={fr.cx('fr-mb-3w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
          {territoryFilters}
          <div className={col}>
            <ChoiceSelect
              className={fr.cx('fr-mb-0')}
              label="Type"
              name="type"
              choices={ACTIVITY_KIND_CODES}
              labels={ACTIVITY_KINDS}
              value={filters.type}
              onChange={(type) => change({ type: type ?? '' })}
              empty={{ label: 'Tous les types' }}
            />
          </div>
          <div className={col}>
            <Select className={fr.cx('fr-mb-0')} label="Personne" nativeSelectProps={{ name: 'personne', value: filters.personne, onChange: (e) => change({ personne: e.currentTarget.value }) }}>
              <option value="">Toutes les personnes</option>
              {filters.personne && !personnes.some((p) => p.id === filters.personne) && <option value={filters.personne}>Personne choisie</option>}
              {personnes.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.nom}
                </option>
              ))}
            </Select>
          </div>
          <div className={col}>
            <Input
              className={fr.cx('fr-mb-0')}
              label="Du"
              hintText="Jour inclus"
              nativeInputProps={{ type: 'date', name: 'du', value: filters.du, max: filters.au || undefined, onChange: (e) => change({ du: e.currentTarget.value }) }}
            />
          </div>
          <div className={col}>
            <Input
              className={fr.cx('fr-mb-0')}
              label="Au"
              hintText="Jour inclus"
              state={inverted ? 'error' : 'default'}
              stateRelatedMessage={inverted ? 'La date de fin précède la date de début.' : undefined}
              nativeInputProps={{ type: 'date', name: 'au', value: filters.au, min: filters.du || undefined, onChange: (e) => change({ au: e.currentTarget.value }) }}
            />
          </div>
        </div>
        {filtered && (
          <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
            <Link className={fr.cx('fr-link', 'fr-icon-close-line', 'fr-link--icon-left')} to={{ search: params.clearSearch }}>
              Effacer les filtres
            </Link>
          </p>
        )}
      </form>
      {query.isPending ? (
        <LoadingView label="Chargement de l’activité…" />
      ) : query.isError || !query.data ? (
        <QueryErrorAlert title="L’activité n’a pas pu être chargée" error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <section aria-label="Entrées d’activité" aria-busy={query.isFetching}>
          <p role="status" aria-live="polite" className={fr.cx('fr-mb-2w')}>
            {query.data.items.length === 0
              ? filtered
                ? 'Aucune activité ne correspond à ces filtres.'
                : 'Aucune activité enregistrée pour le moment.'
              : `${query.data.items.length} entrée${query.data.items.length > 1 ? 's' : ''}${filters.avant ? ' plus anciennes' : ''}, de la plus récente à la plus ancienne${filtered ? ' (filtrées)' : ''}.`}
          </p>
          {query.data.items.length > 0 && <ExportLinks listPath={listPath} filters={exportFilters} what={what} />}
          {query.data.items.length > 0 && <EntryTable entries={query.data.items} showDossier={showDossier} />}
          <nav role="navigation" aria-label="Pages de l’activité" className={fr.cx('fr-mt-2w')}>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
              {filters.avant && (
                <li>
                  <Link className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-arrow-left-s-first-line', 'fr-btn--icon-left')} to={{ search: withCursor(params.pageSearch(1), null) }}>
                    Entrées les plus récentes
                  </Link>
                </li>
              )}
              {query.data.suivant && (
                <li>
                  <Link className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-arrow-right-s-line', 'fr-btn--icon-right')} to={{ search: withCursor(params.pageSearch(1), query.data.suivant) }}>
                    Entrées plus anciennes
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        </section>
      )}
    </>
  );
}

/** The URL's search with the cursor set to `avant` (none: the newest entries). */
function withCursor(search: string, avant: string | null): string {
  const params = new URLSearchParams(search);
  if (avant) params.set('avant', avant);
  else params.delete('avant');
  const text = params.toString();
  return text ? `?${text}` : '';
}

function EntryTable({ entries, showDossier }: { entries: readonly ActiviteEntry[]; showDossier: boolean }) {
  return (
    <div className={fr.cx('fr-table', 'fr-table--bordered', 'fr-table--no-caption', 'fr-mb-2w', 'fr-mt-0')}>
      <div className={fr.cx('fr-table__wrapper')}>
        <div className={fr.cx('fr-table__container')} tabIndex={0} role="region" aria-label="Activité">
          <div className={fr.cx('fr-table__content')}>
            <table>
              <caption>Activité</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  {showDossier && <th scope="col">Dossier</th>}
                  <th scope="col">Type</th>
                  <th scope="col">Ce qui a changé</th>
                  <th scope="col">Auteur</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatAt(entry.at)}</td>
                    {showDossier && (
                      <td>
                        <Link to={`/pvd/${encodeURIComponent(entry.pvdId)}`}>{entry.dossier}</Link>
                      </td>
                    )}
                    <td>{entry.typeLibelle}</td>
                    <td>
                      <strong>{entry.objet}</strong> – {entry.actionLibelle}
                      {entry.changes.length > 0 && (
                        <details>
                          <summary className={fr.cx('fr-text--sm', 'fr-mb-0')}>
                            Voir le détail<span className={fr.cx('fr-sr-only')}> de l’entrée du {formatAt(entry.at)}</span>
                          </summary>
                          <AuditChangeList changes={entry.changes} />
                        </details>
                      )}
                    </td>
                    <td>{entry.auteur}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
