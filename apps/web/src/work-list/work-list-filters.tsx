import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { CONVENTION_TYPE_LABELS, CONVENTION_TYPES, scopesFor } from '@suivi-pvd/domain';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ChoiceSelect } from '@suivi-pvd/ui';
import { useDebouncedValue } from '../app/use-debounced-value';
import { useMe } from '../auth/data/session.hooks';
import { DEPARTEMENT_CODE, SORTS, type WorkListFilters } from './work-list.params';

const DEBOUNCE_MS = 300;

/** Whether the user's instruction scope spans more than one département (a région, the country…). */
function useSpansSeveralDepartements(): boolean {
  const { data: me } = useMe();
  if (!me) return false;
  const scopes = scopesFor(me.memberships, 'convention:suivre');
  const departements = new Set(scopes.map((s) => (s.kind === 'departement' ? s.code : `*${s.kind}`)));
  return departements.size > 1 || scopes.some((s) => s.kind !== 'departement');
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

/** Filters of the work list (they also narrow the counts per motif). Each change applies at once. */
export function WorkListFiltersForm({
  filters,
  onChange,
}: {
  filters: WorkListFilters;
  onChange: (changes: Partial<WorkListFilters>, replace?: boolean) => void;
}) {
  const showDepartement = useSpansSeveralDepartements();
  const search = useUrlTextField(filters.q, (q) => onChange({ q }, true));
  const departement = useUrlTextField(
    filters.departement,
    (code) => onChange({ departement: code.toUpperCase() }, true),
    (code) => code === '' || DEPARTEMENT_CODE.test(code.toUpperCase()),
  );
  const departementInvalid =
    departement.text.trim() !== '' && !DEPARTEMENT_CODE.test(departement.text.trim().toUpperCase());

  // No submit button: every field applies by itself. Enter in a text field applies it at once.
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => event.preventDefault();
  const onEnter = (commit: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
  };

  return (
    <form role="search" aria-label="Filtrer les conventions à traiter" onSubmit={handleSubmit} className={fr.cx('fr-mb-3w')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Input
            className={fr.cx('fr-mb-0')}
            label="Commune"
            hintText="Nom de la Petite ville de demain ou d'une de ses communes"
            nativeInputProps={{
              type: 'search',
              name: 'q',
              autoComplete: 'off',
              spellCheck: false,
              value: search.text,
              onChange: (event) => search.setText(event.currentTarget.value),
              onKeyDown: onEnter(search.commit),
            }}
          />
        </div>
        {showDepartement && (
          <div className={fr.cx('fr-col-12', 'fr-col-md-2')}>
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
        )}
        <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
          <ChoiceSelect
            className={fr.cx('fr-mb-0')}
            label="Type de convention"
            name="type"
            choices={CONVENTION_TYPES}
            labels={CONVENTION_TYPE_LABELS}
            value={filters.type ?? ''}
            onChange={(type) => onChange({ type })}
            empty={{ label: 'Tous les types' }}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
          <Select
            className={fr.cx('fr-mb-0')}
            label="Trier"
            nativeSelectProps={{
              name: 'tri',
              value: filters.tri,
              onChange: (event) => onChange({ tri: SORTS.find((s) => s.value === event.currentTarget.value)?.value ?? filters.tri }),
            }}
          >
            {SORTS.map((sort) => (
              <option key={sort.value} value={sort.value}>
                {sort.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
    </form>
  );
}
