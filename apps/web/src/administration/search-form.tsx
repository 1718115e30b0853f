import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useRef, useState, type FormEvent } from 'react';

/** Search field of a tab; `value` comes from the URL and `onSearch` puts the new text there. */
export function SearchForm({
  label,
  hint,
  value,
  onSearch,
  name = 'q',
}: {
  label: string;
  hint?: string;
  value: string;
  onSearch: (text: string) => void;
  name?: string;
}) {
  const [text, setText] = useState(value);
  // The URL changed from outside (back/forward): show its query in the field.
  const lastValue = useRef(value);
  useEffect(() => {
    if (value !== lastValue.current) {
      lastValue.current = value;
      setText(value);
    }
  }, [value]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    lastValue.current = text.trim();
    onSearch(text.trim());
  };

  return (
    <form role="search" aria-label={label} onSubmit={handleSubmit} className={fr.cx('fr-mb-3w')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <Input
            className={fr.cx('fr-mb-0')}
            label={label}
            hintText={hint}
            nativeInputProps={{
              type: 'search',
              name,
              autoComplete: 'off',
              spellCheck: false,
              value: text,
              onChange: (event) => setText(event.currentTarget.value),
            }}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Button type="submit" iconId="fr-icon-search-line" priority="secondary">
            Rechercher
          </Button>
        </div>
      </div>
    </form>
  );
}

export function readPage(value: string | null): number {
  const page = Number.parseInt(value ?? '', 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}

/** Query string of a tab: keeps `onglet`, sets or removes the given parameters. */
export function tabSearch(current: URLSearchParams, changes: Record<string, string | number | null>): string {
  const params = new URLSearchParams();
  const tab = current.get('onglet');
  if (tab) params.set('onglet', tab);
  for (const [key, value] of Object.entries(changes)) {
    if (value !== null && value !== '' && !(key === 'page' && value === 1)) params.set(key, String(value));
  }
  for (const [key, value] of current) {
    if (key !== 'onglet' && !(key in changes)) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
