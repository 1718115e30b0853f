import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useRef, useState, type RefObject } from 'react';
import { useDebouncedValue } from '../app/use-debounced-value';
import { useSearchCommunes, type CommuneSearchItem } from '../communes/data/communes.hooks';

const DEBOUNCE_MS = 250;
const MAX_RESULTS = 10;

function describe(commune: CommuneSearchItem): string {
  return `${commune.nom} (${commune.insee}) – ${commune.departementNom}`;
}

/**
 * Chooses a commune by searching as you type: the matching communes are listed as buttons
 * under the field; the chosen one is shown with a button to change it.
 */
export function CommunePicker({
  value,
  onChange,
  error,
  inputRef,
  departements,
}: {
  value: CommuneSearchItem | null;
  onChange: (commune: CommuneSearchItem | null) => void;
  error?: string;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Only communes of these départements are offered (null: all). */
  departements: readonly string[] | null;
}) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), DEBOUNCE_MS);
  const search = useSearchCommunes({ q, page: 1, pageSize: departements ? 50 : MAX_RESULTS });
  const chosenRef = useRef<HTMLParagraphElement>(null);
  const resultsId = 'commune-resultats';

  if (value) {
    return (
      <div className={fr.cx('fr-input-group', error ? 'fr-input-group--error' : null)}>
        <p className={fr.cx('fr-label', 'fr-mb-1w')}>Commune</p>
        <p ref={chosenRef} tabIndex={-1} className={fr.cx('fr-mb-1w')} style={{ outline: 'none' }}>
          Commune choisie : <strong>{describe(value)}</strong>
        </p>
        <Button
          type="button"
          size="small"
          priority="secondary"
          onClick={() => {
            onChange(null);
            requestAnimationFrame(() => inputRef.current?.focus());
          }}
        >
          Changer de commune
        </Button>
        {error && <p className={fr.cx('fr-error-text')}>{error}</p>}
      </div>
    );
  }

  const results = (search.data?.items ?? [])
    .filter((c) => !departements || departements.includes(c.departementCode))
    .slice(0, MAX_RESULTS);
  const status = !q
    ? null
    : search.isPending
      ? 'Recherche en cours…'
      : search.isError
        ? 'La recherche de communes a échoué. Réessayez.'
        : results.length === 0
          ? `Aucune commune ne correspond à « ${q} »${departements ? ' dans votre département' : ''}.`
          : `${results.length} commune${results.length > 1 ? 's' : ''} : choisissez dans la liste ci-dessous.`;

  return (
    <div>
      <Input
        className={fr.cx('fr-mb-1w')}
        label="Commune"
        hintText={`Saisissez le nom ou le code INSEE, puis choisissez la commune dans la liste.${
          departements ? ' Seules les communes de votre département sont proposées.' : ''
        }`}
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeInputProps={{
          ref: inputRef,
          type: 'search',
          name: 'commune',
          autoComplete: 'off',
          spellCheck: false,
          value: text,
          'aria-describedby': resultsId,
          onChange: (event) => setText(event.currentTarget.value),
          onKeyDown: (event) => {
            // Enter chooses the only match instead of submitting the form.
            if (event.key === 'Enter') {
              event.preventDefault();
              if (results.length === 1) onChange(results[0]);
            }
          },
        }}
      />
      <p id={resultsId} role="status" aria-live="polite" className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        {status}
      </p>
      {results.length > 0 && (
        <ul aria-label="Communes correspondantes" style={{ listStyle: 'none', paddingLeft: 0 }}>
          {results.map((commune) => (
            <li key={commune.insee} className={fr.cx('fr-mb-1v')}>
              <Button
                type="button"
                size="small"
                priority="tertiary"
                onClick={() => {
                  onChange(commune);
                  requestAnimationFrame(() => chosenRef.current?.focus());
                }}
              >
                {describe(commune)}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
