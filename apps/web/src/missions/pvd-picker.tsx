import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../app/query-error-alert';
import { useDebouncedValue } from '../app/use-debounced-value';
import { usePvdChoix, type PvdChoix } from './data/missions.hooks';

const DEBOUNCE_MS = 250;
const MIN_CHARS = 2;

/** « Ahun (23) ». */
export function pvdLabel(pvd: Pick<PvdChoix, 'nom' | 'departementCode'>): string {
  return `${pvd.nom} (${pvd.departementCode})`;
}

/**
 * The PVD a mission is for: an ARIA combobox (« list » autocomplete). The user types the start of a
 * commune name or an INSEE code, then picks one of the PVDs found with the arrows and Enter, or
 * with the pointer. Typing again drops the choice until another one is picked.
 */
export function PvdPicker({
  value,
  onChange,
  error,
  label = 'Petite ville de demain',
}: {
  value: PvdChoix | null;
  onChange: (pvd: PvdChoix | null) => void;
  error?: string;
  label?: string;
}) {
  const baseId = useId();
  const inputId = `${baseId}-pvd`;
  const listId = `${baseId}-pvd-liste`;
  const [text, setText] = useState(() => (value ? pvdLabel(value) : ''));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // A value set from outside (a PVD preselected from a dossier) shows in the field.
  const shownId = useRef(value?.id ?? null);
  useEffect(() => {
    const id = value?.id ?? null;
    if (id !== shownId.current) {
      shownId.current = id;
      if (value) setText(pvdLabel(value));
    }
  }, [value]);

  const typed = text.trim();
  const debounced = useDebouncedValue(typed, DEBOUNCE_MS);
  const query = value ? '' : debounced;
  const choix = usePvdChoix(query);
  const options = query.length >= MIN_CHARS ? (choix.data ?? []) : [];
  const searching = !value && typed.length >= MIN_CHARS && (debounced !== typed || choix.isFetching);
  const showPopup = open && !value && typed.length >= MIN_CHARS;
  const expanded = showPopup && !searching && options.length > 0;
  const activeOption = expanded && active >= 0 && active < options.length ? options[active] : undefined;

  const select = (pvd: PvdChoix) => {
    shownId.current = pvd.id;
    setText(pvdLabel(pvd));
    setOpen(false);
    setActive(-1);
    onChange(pvd);
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActive((a) => (options.length === 0 ? -1 : Math.min(a + 1, options.length - 1)));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        setActive((a) => (options.length === 0 ? -1 : a <= 0 ? options.length - 1 : a - 1));
        break;
      case 'Enter':
        // While the list is open, Enter picks (it does not submit the form).
        if (expanded) {
          event.preventDefault();
          const pick = activeOption ?? (options.length === 1 ? options[0] : undefined);
          if (pick) select(pick);
        }
        break;
      case 'Escape':
        if (showPopup) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text && !value) {
          event.preventDefault();
          setText('');
        }
        break;
    }
  };

  const status = value
    ? `${pvdLabel(value)} choisie.`
    : !showPopup || searching
      ? ''
      : choix.isError
        ? 'La recherche a échoué.'
        : options.length === 0
          ? 'Aucune petite ville de demain trouvée.'
          : `${options.length} petite${options.length > 1 ? 's' : ''} ville${options.length > 1 ? 's' : ''} de demain trouvée${options.length > 1 ? 's' : ''}. Parcourez la liste avec les flèches haut et bas, choisissez avec Entrée.`;

  const border = `1px solid ${fr.colors.decisions.border.default.grey.default}`;

  return (
    <div className={fr.cx('fr-mb-3w')}>
      <Input
        style={{ marginBottom: 0 }}
        label={label}
        hintText="Tapez au moins deux lettres du nom de la commune, ou son code INSEE, puis choisissez dans la liste."
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeInputProps={{
          id: inputId,
          name: 'pvd',
          type: 'text',
          role: 'combobox',
          autoComplete: 'off',
          spellCheck: false,
          'aria-autocomplete': 'list',
          'aria-expanded': expanded,
          'aria-controls': listId,
          'aria-activedescendant': activeOption ? `${listId}-${activeOption.id}` : undefined,
          'aria-invalid': error ? true : undefined,
          value: text,
          onChange: (event) => {
            setText(event.currentTarget.value);
            setOpen(true);
            setActive(-1);
            if (value) {
              shownId.current = null;
              onChange(null);
            }
          },
          onKeyDown: handleKeyDown,
          onFocus: () => setOpen(true),
          onBlur: () => {
            setOpen(false);
            setActive(-1);
          },
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!expanded}
        className={fr.cx('fr-mt-1v', 'fr-mb-0')}
        style={{ listStyle: 'none', padding: 0, border, maxHeight: '16rem', overflowY: 'auto', background: fr.colors.decisions.background.default.grey.default }}
      >
        {options.map((pvd, index) => {
          const isActive = activeOption?.id === pvd.id;
          return (
            <li
              key={pvd.id}
              id={`${listId}-${pvd.id}`}
              role="option"
              aria-selected={isActive}
              className={fr.cx('fr-px-2w', 'fr-py-1w')}
              style={{
                cursor: 'pointer',
                borderBottom: index < options.length - 1 ? border : undefined,
                background: isActive ? fr.colors.decisions.background.actionLow.blueFrance.default : undefined,
                outline: isActive ? `2px solid ${fr.colors.decisions.border.active.blueFrance.default}` : undefined,
                outlineOffset: '-2px',
              }}
              // Keeps the focus in the field: the blur would close the list before the click.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => select(pvd)}
            >
              {pvd.nom} <span className={fr.cx('fr-text--sm')}>– département {pvd.departementCode}</span>
            </li>
          );
        })}
      </ul>
      {showPopup && !expanded && (
        <p className={fr.cx('fr-text--sm', 'fr-mt-1v', 'fr-mb-0', 'fr-px-2w', 'fr-py-1w')} style={{ border }}>
          {searching
            ? 'Recherche en cours…'
            : choix.isError
              ? `La recherche a échoué : ${errorMessage(choix.error)}`
              : `Aucune petite ville de demain ne correspond à « ${typed} ».`}
        </p>
      )}
      <p role="status" aria-live="polite" className={fr.cx('fr-sr-only')}>
        {status}
      </p>
    </div>
  );
}
