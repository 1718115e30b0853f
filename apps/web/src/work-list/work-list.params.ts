import { CONVENTION_TYPES, WORK_LIST_MOTIFS, type ConventionType, type WorkListMotif } from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import type { WorkListSort } from './data/work-list.hooks';

/** The work list's filters, as read from (and written to) the URL: the page is shareable. */
export interface WorkListFilters {
  motif: WorkListMotif | null;
  type: ConventionType | null;
  departement: string;
  q: string;
  tri: WorkListSort;
  page: number;
}

export const SORTS: { value: WorkListSort; label: string }[] = [
  { value: 'anciennete', label: "Plus anciennes d'abord" },
  { value: 'retard', label: "Plus en retard d'abord" },
  { value: 'commune', label: 'Par commune' },
];
const DEFAULT_SORT: WorkListSort = 'anciennete';

/** No filter: every motif, oldest first. */
export const DEFAULT_FILTERS: WorkListFilters = { motif: null, type: null, departement: '', q: '', tri: DEFAULT_SORT, page: 1 };

/** A département code: 2 digits, 2A/2B, or 3 digits overseas. */
export const DEPARTEMENT_CODE = /^(\d{2}|2[AB]|\d{3})$/;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return values.find((v) => v === value) ?? null;
}

function readPage(value: string | null): number {
  const page = Number.parseInt(value ?? '', 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}

export function readFilters(params: URLSearchParams): WorkListFilters {
  const departement = (params.get('departement') ?? '').trim().toUpperCase();
  return {
    motif: oneOf(WORK_LIST_MOTIFS, params.get('motif')),
    type: oneOf(CONVENTION_TYPES, params.get('type')),
    departement: DEPARTEMENT_CODE.test(departement) ? departement : '',
    q: (params.get('q') ?? '').trim(),
    tri: oneOf(
      SORTS.map((s) => s.value),
      params.get('tri'),
    ) ?? DEFAULT_SORT,
    page: readPage(params.get('page')),
  };
}

/** "?motif=a_instruire&q=ahun": only what differs from the defaults. */
export function filtersSearch(filters: WorkListFilters): string {
  const params = new URLSearchParams();
  if (filters.motif) params.set('motif', filters.motif);
  if (filters.type) params.set('type', filters.type);
  if (filters.departement) params.set('departement', filters.departement);
  if (filters.q) params.set('q', filters.q);
  if (filters.tri !== DEFAULT_SORT) params.set('tri', filters.tri);
  if (filters.page > 1) params.set('page', String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether filters other than the motif and the sort narrow the list. */
export function hasNarrowingFilters(filters: WorkListFilters): boolean {
  return filters.type !== null || filters.departement !== '' || filters.q !== '';
}

const shortDate = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });

/** "2024-03-05" -> "05/03/2024". */
export function formatShortDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : shortDate.format(date);
}

/** 0 -> "aujourd'hui", 1 -> "1 jour", 1546 -> "1 546 jours". */
export function formatDays(days: number): string {
  if (days <= 0) return "aujourd'hui";
  return `${formatNumber(days)} jour${days > 1 ? 's' : ''}`;
}
