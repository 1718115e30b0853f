import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useId, useRef, useState } from 'react';
import { useDebouncedValue } from '../app/use-debounced-value';
import { useSearchCommunes } from '../communes/data/communes.hooks';

const DEBOUNCE_MS = 250;
const MAX_RESULTS = 8;

/** A commune covered by an ORT or an operation, as the forms hold it. */
export interface CommuneChoisie {
  insee: string;
  nom: string;
  departementCode: string;
  /** From the référentiel: it bounds an habitat operation's plausible commitments (null: unknown). */
  population: number | null;
}

/**
 * Chooses several communes by searching as you type: the chosen ones are listed, each with a
 * button to remove it and its own error (`errors[i]`, as the API's `communes.<i>`); the matching
 * communes are listed as buttons under the search field.
 */
export function CommunesPicker({
  label,
  hint,
  value,
  onChange,
  error,
  errors,
  epciSiren,
}: {
  label: string;
  hint: string;
  value: readonly CommuneChoisie[];
  onChange: (communes: CommuneChoisie[]) => void;
  /** About the list as a whole. */
  error?: string;
  /** About each chosen commune, by position. */
  errors: readonly (string | undefined)[];
  /** When a valid SIREN: the search offers that EPCI's member communes only, and says so. */
  epciSiren?: string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const q = useDebouncedValue(text.trim(), DEBOUNCE_MS);
  const epci = epciSiren && /^\d{9}$/.test(epciSiren.trim()) ? epciSiren.trim() : undefined;
  const search = useSearchCommunes({ q, page: 1, pageSize: MAX_RESULTS + value.length, epci });
  const results = (search.data?.items ?? []).filter((c) => !value.some((v) => v.insee === c.insee)).slice(0, MAX_RESULTS);
  const status = !q
    ? null
    : search.isPending
      ? 'Recherche en cours…'
      : search.isError
        ? 'La recherche de communes a échoué. Réessayez.'
        : results.length === 0
          ? `Aucune autre commune ${epci ? 'de l’EPCI ' : ''}ne correspond à « ${q} ».`
          : `${results.length} commune${results.length > 1 ? 's' : ''} : choisissez dans la liste ci-dessous.`;

  return (
    <fieldset className={fr.cx('fr-fieldset', error ? 'fr-fieldset--error' : null)} aria-labelledby={`${id}-legende`} style={{ marginInline: 0 }}>
      <legend id={`${id}-legende`} className={fr.cx('fr-fieldset__legend', 'fr-text--regular')}>
        {label}
        <span className={fr.cx('fr-hint-text')}>
          {hint}
          {epci && ` La recherche porte sur les communes membres de l’EPCI signataire (SIREN ${epci}) ; videz ce SIREN pour chercher dans toute la France.`}
        </span>
      </legend>
      <div className={fr.cx('fr-fieldset__content')} style={{ width: '100%' }}>
        {value.length === 0 ? (
          <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>Aucune commune choisie.</p>
        ) : (
          <ul aria-label="Communes choisies" style={{ listStyle: 'none', paddingLeft: 0 }} className={fr.cx('fr-mb-1w')}>
            {value.map((commune, i) => (
              <li key={commune.insee} className={fr.cx('fr-mb-1v')}>
                <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.5rem' }}>
                  <span>
                    {commune.nom} ({commune.insee})
                  </span>
                  <Button
                    type="button"
                    size="small"
                    priority="tertiary no outline"
                    iconId="fr-icon-close-line"
                    onClick={() => {
                      onChange(value.filter((c) => c.insee !== commune.insee));
                      requestAnimationFrame(() => inputRef.current?.focus());
                    }}
                  >
                    Retirer<span className={fr.cx('fr-sr-only')}> {commune.nom}</span>
                  </Button>
                </span>
                {errors[i] && (
                  <p className={fr.cx('fr-error-text', 'fr-mt-0')} id={`${id}-erreur-${i}`}>
                    {errors[i]}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        <Input
          className={fr.cx('fr-mb-1w')}
          label="Ajouter une commune"
          hintText="Saisissez le nom ou le code INSEE, puis choisissez la commune dans la liste."
          nativeInputProps={{
            ref: inputRef,
            type: 'search',
            name: 'communes-recherche',
            autoComplete: 'off',
            spellCheck: false,
            value: text,
            'aria-describedby': `${id}-statut`,
            onChange: (event) => setText(event.currentTarget.value),
            onKeyDown: (event) => {
              // Enter adds the only match instead of submitting the form.
              if (event.key === 'Enter') {
                event.preventDefault();
                const [only] = results;
                if (results.length === 1 && only) {
                  onChange([...value, { insee: only.insee, nom: only.nom, departementCode: only.departementCode, population: only.population }]);
                  setText('');
                }
              }
            },
          }}
        />
        <p id={`${id}-statut`} role="status" aria-live="polite" className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
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
                  iconId="fr-icon-add-line"
                  onClick={() => {
                    onChange([...value, { insee: commune.insee, nom: commune.nom, departementCode: commune.departementCode, population: commune.population }]);
                    setText('');
                    requestAnimationFrame(() => inputRef.current?.focus());
                  }}
                >
                  {commune.nom} ({commune.insee}) – {commune.departementNom}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <div className={fr.cx('fr-messages-group')} aria-live="assertive">
          <p className={fr.cx('fr-message', 'fr-message--error')}>{error}</p>
        </div>
      )}
    </fieldset>
  );
}
