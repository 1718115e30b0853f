import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { isApiError } from '@suivi-pvd/api-client';
import { ATTRIBUT_TYPE_LABELS, ATTRIBUT_TYPES, attributDefinitionsErrors, demarcheCodeFrom, type AttributDefinition, type AttributType } from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import { useId, useRef, useState, type FormEvent } from 'react';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { TextField } from '../conventions/text-field';
import type { Demarche, DemarcheInput } from './data/demarches.hooks';

interface AttributDraft {
  /** Kept for attributes already stored (participations hold values under it); derived from the label for new ones. */
  cle: string;
  nouvelle: boolean;
  libelle: string;
  type: AttributType | '';
  /** One choice per line. */
  choix: string;
  obligatoire: boolean;
}

const FIELDSET = { border: 0, padding: 0, marginInline: 0 } as const;

function definitionsOf(drafts: readonly AttributDraft[]): AttributDefinition[] {
  return drafts.map((d) => ({
    cle: d.nouvelle ? demarcheCodeFrom(d.libelle) : d.cle,
    libelle: d.libelle.trim(),
    type: (d.type || 'texte') as AttributType,
    ...(d.type === 'choix' ? { choix: d.choix.split('\n').map((c) => c.trim()).filter(Boolean) } : {}),
    ...(d.obligatoire ? { obligatoire: true } : {}),
  }));
}

/**
 * A scheme of the catalogue and its typed attributes, for the ANCT. An attribute's key is derived
 * from its label when it is added, then kept: participations hold their values under it. The
 * API refuses (by field) to remove an attribute, change its type or drop a choice that
 * participations still hold.
 */
export function DemarcheForm({
  demarche,
  pending,
  error,
  onSubmit,
  onCancel,
  onResetError,
}: {
  demarche?: Demarche;
  pending: boolean;
  error: unknown;
  onSubmit: (input: DemarcheInput & { actif: boolean }) => void;
  onCancel: () => void;
  onResetError: () => void;
}) {
  const id = useId();
  const [nom, setNom] = useState(demarche?.nom ?? '');
  const [description, setDescription] = useState(demarche?.description ?? '');
  const [actif, setActif] = useState(demarche?.actif ?? true);
  const [attributs, setAttributs] = useState<AttributDraft[]>(
    (demarche?.attributs ?? []).map((a) => ({ cle: a.cle, nouvelle: false, libelle: a.libelle, type: a.type, choix: (a.choix ?? []).join('\n'), obligatoire: Boolean(a.obligatoire) })),
  );
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);

  const apiError = isApiError(error) ? error : null;
  const message = (field: string) => clientErrors[field] ?? apiError?.fieldMessage(field);
  const attributMessage = (i: number, part: string) => message(`attributs.${i}.${part}`) ?? (part === 'libelle' ? message(`attributs.${i}.cle`) : undefined);

  const update = (i: number, patch: Partial<AttributDraft>) => setAttributs((current) => current.map((a, j) => (j === i ? { ...a, ...patch } : a)));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const definitions = definitionsOf(attributs);
    const found: Record<string, string> = {};
    if (nom.trim().length < 2) found.nom = 'Indiquez le nom du dispositif.';
    attributs.forEach((a, i) => {
      if (!a.type) found[`attributs.${i}.type`] = 'Choisissez le type.';
    });
    for (const [field, messages] of Object.entries(attributDefinitionsErrors(definitions))) found[field] ??= messages[0];
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      onResetError();
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-select-group--error select')?.focus());
      return;
    }
    onSubmit({ nom: nom.trim(), description: description.trim() || null, attributs: definitions, actif });
  };

  const globalAttributs = message('attributs');
  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-labelledby={`${id}-titre`} className={fr.cx('fr-p-3w', 'fr-mb-3w')} style={{ background: fr.colors.decisions.background.alt.grey.default }}>
      <h3 id={`${id}-titre`} className={fr.cx('fr-h5')}>
        {demarche ? `Modifier « ${demarche.nom} »` : 'Nouveau dispositif'}
      </h3>
      {error ? (
        <SaveErrorAlert error={error} title="Le dispositif n’a pas été enregistré" onReload={onCancel} />
      ) : (
        Object.keys(clientErrors).length > 0 && <Alert className={fr.cx('fr-mb-3w')} severity="error" small description="Le dispositif n’a pas été enregistré : corrigez les champs signalés." />
      )}
      <TextField label="Nom (obligatoire)" name="nom" required value={nom} onChange={setNom} error={message('nom') ?? message('code')} />
      <TextField label="Description" name="description" textArea rows={2} value={description} onChange={setDescription} error={message('description')} />
      {demarche && (
        <Checkbox
          options={[{ label: 'Proposé pour de nouvelles participations', hintText: 'Décoché, le dispositif reste visible avec ses participations', nativeInputProps: { name: 'actif', checked: actif, onChange: (e) => setActif(e.currentTarget.checked) } }]}
        />
      )}
      <fieldset style={FIELDSET} className={fr.cx('fr-mt-3w')}>
        <legend className={fr.cx('fr-h6', 'fr-mb-1w')} style={{ padding: 0 }}>
          Attributs renseignés pour chaque commune
        </legend>
        <p className={fr.cx('fr-text--sm')}>
          Un attribut déjà renseigné par des participations ne peut plus être retiré ni changer de type, et ses choix utilisés restent dans la liste.
        </p>
        {globalAttributs && (
          <p className={fr.cx('fr-error-text', 'fr-mb-2w')} role="alert">
            {globalAttributs}
          </p>
        )}
        {attributs.length === 0 && <p className={fr.cx('fr-text--sm')}>Aucun attribut : seules les dates de participation seront saisies.</p>}
        <ol className={fr.cx('fr-raw-list')}>
          {attributs.map((a, i) => (
            <li key={i} className={fr.cx('fr-mb-2w', 'fr-p-2w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}`, background: fr.colors.decisions.background.default.grey.default }}>
              <fieldset style={FIELDSET}>
                <legend className={fr.cx('fr-text--bold', 'fr-mb-1w')} style={{ padding: 0 }}>
                  Attribut {i + 1}
                  {a.libelle.trim() ? ` – ${a.libelle.trim()}` : ''}
                </legend>
                <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
                  <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                    <TextField
                      className={fr.cx('fr-mb-0')}
                      label="Libellé"
                      hint={a.nouvelle ? undefined : `Clé : ${a.cle}`}
                      name={`attributs.${i}.libelle`}
                      value={a.libelle}
                      onChange={(libelle) => update(i, { libelle })}
                      error={attributMessage(i, 'libelle')}
                    />
                  </div>
                  <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                    <ChoiceSelect
                      className={fr.cx('fr-mb-0')}
                      label="Type"
                      name={`attributs.${i}.type`}
                      choices={ATTRIBUT_TYPES}
                      labels={ATTRIBUT_TYPE_LABELS}
                      value={a.type}
                      onChange={(type) => update(i, { type: type ?? '' })}
                      empty={{ label: 'Sélectionnez le type', disabled: true }}
                      error={attributMessage(i, 'type')}
                    />
                  </div>
                  {a.type === 'choix' && (
                    <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                      <TextField
                        className={fr.cx('fr-mb-0')}
                        label="Choix possibles"
                        hint="Un choix par ligne, deux au moins"
                        name={`attributs.${i}.choix`}
                        textArea
                        rows={3}
                        value={a.choix}
                        onChange={(choix) => update(i, { choix })}
                        error={attributMessage(i, 'choix')}
                      />
                    </div>
                  )}
                  <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                    <Checkbox
                      small
                      options={[{ label: 'Obligatoire', nativeInputProps: { name: `attributs.${i}.obligatoire`, checked: a.obligatoire, onChange: (e) => update(i, { obligatoire: e.currentTarget.checked }) } }]}
                    />
                    <Button type="button" size="small" priority="tertiary" iconId="fr-icon-delete-line" onClick={() => setAttributs((current) => current.filter((_, j) => j !== i))}>
                      Retirer l’attribut {i + 1}
                    </Button>
                  </div>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <Button type="button" size="small" priority="secondary" iconId="fr-icon-add-line" onClick={() => setAttributs((current) => [...current, { cle: '', nouvelle: true, libelle: '', type: '', choix: '', obligatoire: false }])}>
          Ajouter un attribut
        </Button>
      </fieldset>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-3w')}>
        <li>
          <Button type="submit" disabled={pending}>
            {pending ? 'Enregistrement…' : 'Enregistrer le dispositif'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
