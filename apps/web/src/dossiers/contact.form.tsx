import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { isApiError } from '@suivi-pvd/api-client';
import { CONTACT_FONCTION_LABELS } from '@suivi-pvd/domain';
import { useRef, useState, type FormEvent } from 'react';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { TextField } from '../conventions/text-field';
import { useSaveContact, type DossierContact } from './data/dossier.hooks';

type Field = 'nom' | 'qualite' | 'email' | 'telephone';
const FIELDS: readonly Field[] = ['nom', 'qualite', 'email', 'telephone'];

/**
 * Edits one contact of the dossier. It keeps the version it was opened with: a save after
 * someone else's change gets the conflict message, and the input stays on screen.
 */
export function ContactForm({
  pvdId,
  contact,
  onDone,
  onCancel,
  onReload,
}: {
  pvdId: string;
  contact: DossierContact;
  onDone: () => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const save = useSaveContact(pvdId, contact.fonction);
  const [values, setValues] = useState<Record<Field, string>>({
    nom: contact.nom ?? '',
    qualite: contact.qualite ?? '',
    email: contact.email ?? '',
    telephone: contact.telephone ?? '',
  });
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const label = CONTACT_FONCTION_LABELS[contact.fonction];

  const apiError = isApiError(save.error) ? save.error : null;
  const error = (field: Field) => clientErrors[field] ?? apiError?.fieldMessage(field);
  const shownOnFields = FIELDS.some((field) => apiError?.fieldMessage(field));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    save.reset();
    const errors: Partial<Record<Field, string>> = {};
    if (!values.nom.trim()) errors.nom = 'Saisissez le prénom et le nom.';
    if (values.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) {
      errors.email = 'Adresse électronique invalide. Format attendu : nom@domaine.fr';
    }
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const optional = (value: string) => value.trim() || null;
    save.mutate(
      {
        version: contact.version,
        nom: values.nom.trim(),
        qualite: optional(values.qualite),
        email: optional(values.email),
        telephone: optional(values.telephone),
      },
      {
        onSuccess: onDone,
        onError: () => requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()),
      },
    );
  };

  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-label={`Modifier le contact : ${label}`}>
      {save.error && (!shownOnFields || apiError?.code === 'VERSION_CONFLICT') && (
        <SaveErrorAlert error={save.error} title="Le contact n'a pas été enregistré" onReload={onReload} />
      )}
      <TextField label="Prénom et nom" name="nom" required value={values.nom} onChange={set('nom')} error={error('nom')} />
      <TextField
        label="Qualité"
        hint="Par exemple : Adjointe au maire"
        name="qualite"
        value={values.qualite}
        onChange={set('qualite')}
        error={error('qualite')}
      />
      <TextField
        label="Adresse électronique"
        hint="Format attendu : nom@domaine.fr"
        name="email"
        type="email"
        value={values.email}
        onChange={set('email')}
        error={error('email')}
      />
      <TextField
        label="Téléphone"
        hint="Par exemple : 05 55 00 00 00"
        name="telephone"
        type="tel"
        value={values.telephone}
        onChange={set('telephone')}
        error={error('telephone')}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-mb-0')}>
        <li>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Enregistrement…' : 'Enregistrer'}
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
