import { fr } from '@codegouvfr/react-dsfr';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { type AttributDefinition } from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import { TextField } from '../conventions/text-field';

/** The inputs of a scheme's attributes, by key, as typed (see attributInputOf / parseAttributInput). */
export type AttributDraft = Record<string, string>;

/**
 * One field per attribute the scheme declares, rendered by its type: text, number, date, yes/no
 * (radio buttons), list of choices (select). Labels say which ones are required; each error shows
 * beside its field.
 */
export function AttributFields({
  idPrefix,
  definitions,
  draft,
  errors,
  onChange,
}: {
  idPrefix: string;
  definitions: readonly AttributDefinition[];
  draft: AttributDraft;
  /** By attribute key. */
  errors: Record<string, string | undefined>;
  onChange: (cle: string, value: string) => void;
}) {
  if (definitions.length === 0) return <p className={fr.cx('fr-text--sm')}>Ce dispositif n’a pas d’attribut à renseigner.</p>;
  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
      {definitions.map((def) => (
        <div key={def.cle} className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <AttributField id={`${idPrefix}-${def.cle}`} def={def} value={draft[def.cle] ?? ''} error={errors[def.cle]} onChange={(v) => onChange(def.cle, v)} />
        </div>
      ))}
    </div>
  );
}

function AttributField({ id, def, value, error, onChange }: { id: string; def: AttributDefinition; value: string; error?: string; onChange: (value: string) => void }) {
  const label = def.obligatoire ? `${def.libelle} (obligatoire)` : def.libelle;
  const name = `attributs.${def.cle}`;
  switch (def.type) {
    case 'choix': {
      const choices = def.choix ?? [];
      return (
        <ChoiceSelect
          className={fr.cx('fr-mb-0')}
          label={label}
          name={name}
          required={def.obligatoire}
          choices={choices}
          labels={Object.fromEntries(choices.map((c) => [c, c]))}
          value={choices.includes(value) ? value : ''}
          onChange={(choice) => onChange(choice ?? '')}
          empty={{ label: def.obligatoire ? 'Sélectionnez' : 'Non renseigné', disabled: def.obligatoire }}
          error={error}
        />
      );
    }
    case 'booleen':
      return (
        <RadioButtons
          className={fr.cx('fr-mb-0')}
          legend={label}
          name={name}
          orientation="horizontal"
          state={error ? 'error' : 'default'}
          stateRelatedMessage={error}
          options={[
            { label: 'Oui', nativeInputProps: { value: 'true', checked: value === 'true', onChange: () => onChange('true') } },
            { label: 'Non', nativeInputProps: { value: 'false', checked: value === 'false', onChange: () => onChange('false') } },
            ...(def.obligatoire ? [] : [{ label: 'Non renseigné', nativeInputProps: { value: '', checked: value === '', onChange: () => onChange('') } }]),
          ]}
        />
      );
    case 'date':
      return <TextField id={id} className={fr.cx('fr-mb-0')} label={label} name={name} type="date" required={def.obligatoire} value={value} onChange={onChange} error={error} />;
    case 'nombre':
      return (
        <TextField id={id} className={fr.cx('fr-mb-0')} label={label} hint="Un nombre, par exemple 12 ou 1,5" name={name} inputMode="decimal" required={def.obligatoire} value={value} onChange={onChange} error={error} />
      );
    default:
      return <TextField id={id} className={fr.cx('fr-mb-0')} label={label} name={name} required={def.obligatoire} value={value} onChange={onChange} error={error} />;
  }
}
