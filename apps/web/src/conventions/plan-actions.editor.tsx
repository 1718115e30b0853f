import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import {
  PLAN_ACTION_STATUTS,
  PLAN_ACTION_STATUT_LABELS,
  PLAN_ACTION_THEMES,
  PLAN_ACTION_THEME_LABELS,
} from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import { emptyAction, type ActionDraft, type FieldErrors } from './content-draft';
import { rowStyle } from './signataires.editor';
import { TextField } from './text-field';

/** The action plan: one row per action, in order; rows can be added, removed and moved. */
export function PlanActionsEditor({
  rows,
  onChange,
  errors,
}: {
  rows: ActionDraft[];
  onChange: (rows: ActionDraft[]) => void;
  errors: FieldErrors;
}) {
  const update = (index: number, changes: Partial<ActionDraft>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...changes } : row)));
  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= rows.length) return;
    const next = [...rows];
    [next[index], next[target]] = [next[target], next[index]];
    onChange(next);
  };

  return (
    <section aria-labelledby="plan-actions-titre" className={fr.cx('fr-mb-4w')}>
      <h3 id="plan-actions-titre" className={fr.cx('fr-h5')}>
        Plan d'actions
      </h3>
      {errors.actions && <p className={fr.cx('fr-error-text')}>{errors.actions}</p>}
      {rows.length === 0 && <p>Aucune action pour le moment.</p>}
      {rows.map((row, index) => {
        const error = (field: string) => errors[`actions.${index}.${field}`];
        return (
          <fieldset key={row.key} className={fr.cx('fr-fieldset', 'fr-mb-2w', 'fr-p-2w')} style={rowStyle}>
            <legend className={fr.cx('fr-fieldset__legend', 'fr-text--md')}>Action {index + 1}</legend>
            <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')} style={{ width: '100%' }}>
              <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
                <TextField
                  label="Intitulé"
                  name={`actions.${index}.intitule`}
                  required
                  value={row.intitule}
                  onChange={(intitule) => update(index, { intitule })}
                  error={error('intitule')}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <ChoiceSelect
                  label="Thématique"
                  name={`actions.${index}.thematique`}
                  required
                  choices={PLAN_ACTION_THEMES}
                  labels={PLAN_ACTION_THEME_LABELS}
                  value={row.thematique}
                  onChange={(thematique) => update(index, { thematique: thematique ?? '' })}
                  empty={{ label: 'Sélectionnez une thématique', disabled: true }}
                  error={error('thematique')}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                <TextField
                  label="Porteur"
                  hint="Qui porte l'action (facultatif)"
                  name={`actions.${index}.porteur`}
                  value={row.porteur}
                  onChange={(porteur) => update(index, { porteur })}
                  error={error('porteur')}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                <ChoiceSelect
                  label="Statut"
                  name={`actions.${index}.statut`}
                  choices={PLAN_ACTION_STATUTS}
                  labels={PLAN_ACTION_STATUT_LABELS}
                  value={row.statut}
                  onChange={(statut) => statut && update(index, { statut })}
                  error={error('statut')}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                <TextField
                  label="Début prévu"
                  hint="Facultatif"
                  type="date"
                  name={`actions.${index}.dateDebut`}
                  value={row.dateDebut}
                  onChange={(dateDebut) => update(index, { dateDebut })}
                  error={error('dateDebut')}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                <TextField
                  label="Fin prévue"
                  hint="Facultatif"
                  type="date"
                  name={`actions.${index}.dateFin`}
                  value={row.dateFin}
                  onChange={(dateFin) => update(index, { dateFin })}
                  error={error('dateFin')}
                />
              </div>
            </div>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mb-0')}>
              <li>
                <Button
                  type="button"
                  priority="tertiary"
                  iconId="fr-icon-arrow-up-line"
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  Monter l'action {index + 1}
                </Button>
              </li>
              <li>
                <Button
                  type="button"
                  priority="tertiary"
                  iconId="fr-icon-arrow-down-line"
                  disabled={index === rows.length - 1}
                  onClick={() => move(index, 1)}
                >
                  Descendre l'action {index + 1}
                </Button>
              </li>
              <li>
                <Button
                  type="button"
                  priority="tertiary"
                  iconId="fr-icon-delete-line"
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                >
                  Retirer l'action {index + 1}
                </Button>
              </li>
            </ul>
          </fieldset>
        );
      })}
      <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={() => onChange([...rows, emptyAction()])}>
        Ajouter une action
      </Button>
    </section>
  );
}
