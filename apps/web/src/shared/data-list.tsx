import { fr } from '@codegouvfr/react-dsfr';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { formatNumber } from '@suivi-pvd/ui';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { ExportLinks, type ExportLinksProps } from './export-links';
import type { FilterReaders, ListParams, ListSort } from './use-list-params';

/** One column, declared once: its header, its cell, and the sort key when the list sorts on it. */
export interface ListColumn<T, S extends string = string> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  sort?: S;
  /** Numbers and amounts: aligned right. */
  numeric?: boolean;
  /** The header is read by screen readers only (a column of buttons). */
  hideHeader?: boolean;
}

/** What a list's API returns: one page of rows and the count of all. */
export interface ListPage<T> {
  items: readonly T[];
  total: number;
  pageSize: number;
}

/** The parts of a react-query result the list uses. */
export interface ListQuery<P> {
  data: P | undefined;
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
}

export interface DataListProps<T, P extends ListPage<T>, R extends FilterReaders, S extends string> {
  /** The table's caption (read by screen readers; shown unless `hideCaption`). */
  caption: string;
  hideCaption?: boolean;
  /** The results' region name, when it differs from the caption. */
  label?: string;
  columns: readonly ListColumn<T, S>[];
  rowKey: (row: T) => string;
  params: ListParams<R, S>;
  query: ListQuery<P>;
  /** The order the API applies when the URL names none (shown on its column). */
  defaultSort?: ListSort<S>;
  /** « 12 missions »: the count of the rows found. */
  count: (total: number) => string;
  /** No row at all, without filters / with filters. */
  empty: string;
  emptyFiltered?: string;
  /** Loading and error messages. */
  loadingLabel: string;
  errorTitle: string;
  /**
   * The export links: the list's API path and what it holds (« les ORT »); `filters`, when the
   * API names them otherwise than the URL, replaces the URL's filters and order.
   */
  exportTo?: { listPath: string; what: string; filters?: ExportLinksProps['filters'] };
  /** Shown between the count and the table once loaded (totals). */
  above?: (page: P) => ReactNode;
  /** Tighter cells (DSFR `fr-table--sm`), for a list with many columns. */
  compact?: boolean;
}

const SORT_LABEL = { ascending: 'croissant', descending: 'décroissant' } as const;

/**
 * The one list of the application: a DSFR table with its caption, sortable columns (a button in
 * the header, `aria-sort` on the column), the count of the rows found, the pages (DSFR
 * pagination, links), the empty, loading and error states, and « Exporter en CSV / XLSX » with
 * the current filters and order. Filters, page and order live in the URL (`useListParams`).
 */
export function DataList<T, P extends ListPage<T>, R extends FilterReaders, S extends string>({
  caption,
  hideCaption = false,
  label,
  columns,
  rowKey,
  params,
  query,
  defaultSort,
  count,
  empty,
  emptyFiltered,
  loadingLabel,
  errorTitle,
  exportTo,
  above,
  compact = false,
}: DataListProps<T, P, R, S>) {
  const captionId = useId();
  if (query.isPending) return <LoadingView label={loadingLabel} />;
  if (query.isError || !query.data) return <QueryErrorAlert title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />;

  const { items, total, pageSize } = query.data;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(params.page, pageCount);
  const sort = params.sort ?? defaultSort ?? null;
  const summary =
    total === 0
      ? params.filtered
        ? (emptyFiltered ?? 'Aucun résultat ne correspond à ces filtres.')
        : empty
      : `${count(total)}${pageCount > 1 ? ` – page ${page} sur ${pageCount}` : ''}.`;

  return (
    <section aria-labelledby={label ? undefined : captionId} aria-label={label} aria-busy={query.isFetching}>
      <p role="status" aria-live="polite" className={fr.cx('fr-mb-2w')}>
        {summary}
      </p>
      {total > 0 && above?.(query.data)}
      {total > 0 && exportTo && <ExportLinks listPath={exportTo.listPath} filters={exportTo.filters ?? params.query} what={exportTo.what} />}
      {total > 0 && items.length === 0 && (
        <p>
          Cette page est vide. <Link to={params.pageSearch(1)}>Revenir à la première page</Link>
        </p>
      )}
      {/* The table stays in the page while empty, so that its caption names the section. */}
      <div className={fr.cx('fr-table', 'fr-table--bordered', 'fr-mb-2w', 'fr-mt-0', hideCaption && 'fr-table--no-caption', compact && 'fr-table--sm')} hidden={items.length === 0}>
        <div className={fr.cx('fr-table__wrapper')}>
          {/* Focusable so that a keyboard can scroll it sideways on a narrow screen. */}
          <div className={fr.cx('fr-table__container')} tabIndex={0} role="region" aria-labelledby={captionId}>
            <div className={fr.cx('fr-table__content')}>
              <table>
                <caption id={captionId}>{caption}</caption>
                <thead>
                  <tr>
                    {columns.map((column) => (
                      <HeaderCell key={column.key} column={column} sort={sort} onSort={(next) => params.setSort(next === defaultSort ? null : next)} />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {items.map((row) => (
                    <tr key={rowKey(row)}>
                      {columns.map((column) => (
                        <td key={column.key} className={column.numeric ? fr.cx('fr-cell--right') : undefined}>
                          {column.cell(row)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      {pageCount > 1 && (
        <Pagination count={pageCount} defaultPage={page} showFirstLast getPageLinkProps={(pageNumber) => ({ to: params.pageSearch(pageNumber) })} />
      )}
    </section>
  );
}

function HeaderCell<T, S extends string>({ column, sort, onSort }: { column: ListColumn<T, S>; sort: ListSort<S> | null; onSort: (sort: ListSort<S>) => void }) {
  const key = column.sort;
  if (!key) {
    return (
      <th scope="col" className={column.numeric ? fr.cx('fr-cell--right') : undefined}>
        {column.hideHeader ? <span className={fr.cx('fr-sr-only')}>{column.header}</span> : column.header}
      </th>
    );
  }
  const state = sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined;
  const next: ListSort<S> = state === 'ascending' ? `-${key}` : key;
  const icon = state === 'ascending' ? 'fr-icon-arrow-up-line' : state === 'descending' ? 'fr-icon-arrow-down-line' : 'fr-icon-arrow-up-down-line';
  return (
    <th scope="col" aria-sort={state ?? 'none'} className={column.numeric ? fr.cx('fr-cell--right') : undefined}>
      <button
        type="button"
        className={fr.cx('fr-btn', 'fr-btn--tertiary-no-outline', 'fr-btn--sm', 'fr-btn--icon-right', icon)}
        style={{ padding: 0, minHeight: 0, fontWeight: 700, color: 'inherit' }}
        title={`Trier par ${column.header.toLowerCase()}, ordre ${SORT_LABEL[state === 'ascending' ? 'descending' : 'ascending']}`}
        onClick={() => onSort(next)}
      >
        {column.header}
      </button>
    </th>
  );
}

/** A list the API returns whole (a short history): one page holding every row. */
export function wholeList<T>(query: ListQuery<readonly T[]>): ListQuery<ListPage<T>> {
  const rows = query.data;
  return {
    data: rows && { items: rows, total: rows.length, pageSize: Math.max(1, rows.length) },
    isPending: query.isPending,
    isError: query.isError,
    isFetching: query.isFetching,
    error: query.error,
    refetch: query.refetch,
  };
}

/** « 12 petites villes de demain »: a count with its noun, singular or plural. */
export function countOf(singular: string, plural: string): (total: number) => string {
  return (total) => `${formatNumber(total)} ${total > 1 ? plural : singular}`;
}
