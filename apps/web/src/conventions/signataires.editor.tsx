import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { emptySignataire, type FieldErrors, type SignataireDraft } from './content-draft';
import { TextField } from './text-field';

/** The signatories of the convention: one row each, rows can be added and removed. */
export function SignatairesEditor({
  rows,
  onChange,
  errors,
}: {
  rows: SignataireDraft[];
  onChange: (rows: SignataireDraft[]) => void;
  errors: FieldErrors;
}) {
  const update = (index: number, changes: Partial<SignataireDraft>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...changes } : row)));

  return (
    <section aria-labelledby="signataires-titre" className={fr.cx('fr-mb-4w')}>
      <h3 id="signataires-titre" className={fr.cx('fr-h5')}>
        Signataires
      </h3>
      {errors.signataires && <p className={fr.cx('fr-error-text')}>{errors.signataires}</p>}
      {rows.length === 0 && <p>Aucun signataire pour le moment.</p>}
      {rows.map((row, index) => (
        <fieldset key={row.key} className={fr.cx('fr-fieldset', 'fr-mb-2w', 'fr-p-2w')} style={rowStyle}>
          <legend className={fr.cx('fr-fieldset__legend', 'fr-text--md')}>Signataire {index + 1}</legend>
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')} style={{ width: '100%' }}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <TextField
                label="Nom"
                name={`signataires.${index}.nom`}
                required
                value={row.nom}
                onChange={(nom) => update(index, { nom })}
                error={errors[`signataires.${index}.nom`]}
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <TextField
                label="Qualité"
                hint="Par exemple : Maire"
                name={`signataires.${index}.qualite`}
                required
                value={row.qualite}
                onChange={(qualite) => update(index, { qualite })}
                error={errors[`signataires.${index}.qualite`]}
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <TextField
                label="Organisme"
                hint="Par exemple : Commune d'Ahun"
                name={`signataires.${index}.organisme`}
                required
                value={row.organisme}
                onChange={(organisme) => update(index, { organisme })}
                error={errors[`signataires.${index}.organisme`]}
              />
            </div>
          </div>
          <Button
            type="button"
            priority="tertiary"
            size="small"
            iconId="fr-icon-delete-line"
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            Retirer le signataire {index + 1}
          </Button>
        </fieldset>
      ))}
      <Button
        type="button"
        priority="secondary"
        iconId="fr-icon-add-line"
        onClick={() => onChange([...rows, emptySignataire()])}
      >
        Ajouter un signataire
      </Button>
    </section>
  );
}

export const rowStyle = {
  border: `1px solid ${fr.colors.decisions.border.default.grey.default}`,
  marginInline: 0,
} as const;
