import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from '../app/use-debounced-value';

/**
 * The state of a list kept in the page's URL (so that a view can be bookmarked, shared, reloaded
 * and walked with Back): its filters, its page (`page`) and its order (`tri`, « -x » descending).
 * Each filter has a reader that turns the URL's raw value into a valid one, '' meaning « none »:
 * a hand-edited URL never reaches the API with a bad value.
 */
export type FilterReaders = Record<string, (raw: string | null) => string>;
export type ListFilters<R extends FilterReaders> = { [K in keyof R]: ReturnType<R[K]> };
/** An order: a sort key, ascending, or « -key », descending. */
export type ListSort<S extends string> = S | `-${S}`;

export interface ListParamsSpec<R extends FilterReaders, S extends string> {
  filters: R;
  /** The sort keys the list accepts (each both ways). */
  sorts?: readonly S[];
  /** The URL keys of the page and the order (`page`, `tri`), for a second list on one page. */
  pageKey?: string;
  sortKey?: string;
}

export interface ListParams<R extends FilterReaders, S extends string> {
  filters: ListFilters<R>;
  page: number;
  /** The order in the URL, null for the list's default. */
  sort: ListSort<S> | null;
  /** Some filter is set. */
  filtered: boolean;
  /** Filters changed: back to page 1. `replace` while typing, so that Back does not replay each keystroke. */
  setFilters: (changes: Partial<ListFilters<R>>, options?: { replace?: boolean }) => void;
  /** A new order: back to page 1. */
  setSort: (sort: ListSort<S> | null) => void;
  /** The search string of another page of the same list (for links). */
  pageSearch: (page: number) => string;
  /** The search string without any filter (for « Effacer les filtres »). */
  clearSearch: string;
  /** The filters set and the order, as the API's query (and the export's). */
  query: Partial<Record<keyof R | 'tri', string>>;
}

function readPage(value: string | null): number {
  const page = Number.parseInt(value ?? '', 10);
  return Number.isFinite(page) && page > 0 && page <= 10000 ? page : 1;
}

function searchOf(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function useListParams<R extends FilterReaders, S extends string = never>(spec: ListParamsSpec<R, S>): ListParams<R, S> {
  const [searchParams, setSearchParams] = useSearchParams();
  const keys = Object.keys(spec.filters) as (keyof R & string)[];
  const pageKey = spec.pageKey ?? 'page';
  const sortKey = spec.sortKey ?? 'tri';
  const filters = Object.fromEntries(keys.map((key) => [key, spec.filters[key](searchParams.get(key))])) as ListFilters<R>;
  const rawSort = searchParams.get(sortKey) ?? '';
  const sort = (spec.sorts ?? []).some((s) => rawSort === s || rawSort === `-${s}`) ? (rawSort as ListSort<S>) : null;
  const page = readPage(searchParams.get(pageKey));

  /** The current URL's parameters (unrelated ones kept, such as a tab) with `change` applied. */
  const next = (change: (params: URLSearchParams) => void) => {
    const params = new URLSearchParams(searchParams);
    change(params);
    return params;
  };
  const query: Partial<Record<keyof R | 'tri', string>> = {};
  for (const key of keys) if (filters[key]) query[key] = filters[key];
  if (sort) query.tri = sort;

  return {
    filters,
    page,
    sort,
    filtered: keys.some((key) => filters[key] !== ''),
    setFilters: (changes, options) =>
      setSearchParams(
        next((params) => {
          for (const [key, value] of Object.entries(changes)) {
            if (value) params.set(key, String(value));
            else params.delete(key);
          }
          params.delete(pageKey);
        }),
        { replace: options?.replace ?? false },
      ),
    setSort: (value) =>
      setSearchParams(
        next((params) => {
          if (value) params.set(sortKey, value);
          else params.delete(sortKey);
          params.delete(pageKey);
        }),
      ),
    pageSearch: (target) =>
      searchOf(
        next((params) => {
          if (target > 1) params.set(pageKey, String(target));
          else params.delete(pageKey);
        }),
      ),
    clearSearch: searchOf(
      next((params) => {
        for (const key of keys) params.delete(key);
        params.delete(pageKey);
      }),
    ),
    query,
  };
}

/** Readers for the usual filters. */
export const readers = {
  /** A free text, trimmed, at most `max` characters. */
  text:
    (max = 100) =>
    (raw: string | null) =>
      (raw ?? '').trim().slice(0, max),
  /** One of the given values, else none. */
  oneOf:
    <T extends string>(values: readonly T[]) =>
    (raw: string | null): T | '' =>
      values.find((v) => v === raw) ?? '',
  /** A value matching the pattern (after `normalise`), else none. */
  matching:
    (pattern: RegExp, normalise: (text: string) => string = (t) => t.trim()) =>
    (raw: string | null) => {
      const text = normalise(raw ?? '');
      return pattern.test(text) ? text : '';
    },
};

/** A département code: 2 digits, 2A/2B, or 3 digits overseas. */
export const DEPARTEMENT_CODE = /^(\d{2}|2[AB]|\d{3})$/;
export const readDepartement = readers.matching(DEPARTEMENT_CODE, (t) => t.trim().toUpperCase());

/**
 * A text field bound to a URL filter: typing updates the URL once the user pauses (or at once on
 * Enter); a URL change from elsewhere (Back, a link) shows in the field. `accept` keeps a value
 * being typed (« 2 » of « 23 ») out of the URL.
 */
export function useUrlTextField(urlValue: string, apply: (text: string) => void, accept: (text: string) => boolean = () => true, delayMs = 300) {
  const [text, setText] = useState(urlValue);
  const debounced = useDebouncedValue(text, delayMs);
  const lastUrlValue = useRef(urlValue);
  useEffect(() => {
    if (urlValue !== lastUrlValue.current) {
      lastUrlValue.current = urlValue;
      setText(urlValue);
    }
  }, [urlValue]);

  const commit = (value: string) => {
    const trimmed = value.trim();
    if (trimmed === lastUrlValue.current || !accept(trimmed)) return;
    lastUrlValue.current = trimmed;
    apply(trimmed);
  };
  // Only a new debounced text triggers this (not a URL change), hence the ref to the latest commit.
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(() => {
    commitRef.current(debounced);
  }, [debounced]);

  return { text, setText, commit: () => commit(text) };
}
