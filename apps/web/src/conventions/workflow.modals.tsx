import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { isApiError } from '@suivi-pvd/api-client';
import { programmeToday } from '@suivi-pvd/domain';
import { UploadProgressBar } from '@suivi-pvd/ui';
import { useRef, useState, type FormEvent } from 'react';
import { SaveErrorAlert } from './conflict-alert';
import { useConventionTransition, useSignConvention, type Convention, type SimpleAction } from './data/convention.hooks';
import { TextField } from './text-field';

/** Messages of the API about fields this form does not show, or the message itself. */
function globalErrorShown(error: unknown, fields: readonly string[]): boolean {
  if (!isApiError(error)) return true;
  return !fields.some((field) => error.fieldMessage(field));
}

/** What a step with a required comment asks for: the comment's label and hint, the button, the message when it is missing. */
export interface CommentStep {
  action: Extract<SimpleAction, 'demander_complements' | 'rouvrir'>;
  label: string;
  hint: string;
  submitLabel: string;
  required: string;
  /** The step did not go through. */
  failed: string;
  /** Said before the field: what the step does. */
  intro?: string;
}

export const COMPLEMENTS_STEP: CommentStep = {
  action: 'demander_complements',
  label: 'Compléments attendus',
  hint: "Ce message est transmis au chef de projet et reste visible dans l'historique de la convention.",
  submitLabel: 'Envoyer la demande',
  required: 'Précisez les compléments attendus.',
  failed: "La demande n'a pas été envoyée",
};

export const REOPEN_STEP: CommentStep = {
  action: 'rouvrir',
  label: 'Motif de la réouverture',
  hint: 'Par exemple : validée par erreur, pièce manquante. Le motif reste visible dans le suivi et l’historique de la convention.',
  submitLabel: "Rouvrir l'instruction",
  required: 'Indiquez le motif de la réouverture.',
  failed: "L'instruction n'a pas été rouverte",
  intro:
    'La validation est annulée : la convention revient « en instruction » et pourra être validée à nouveau. Une convention signée, elle, ne se rouvre pas : elle se corrige par un avenant.',
};

/** A step whose comment is required: asking for changes (the message to the chef de projet), reopening a validation (its reason). */
export function CommentModalContent({
  step,
  convention,
  onDone,
  onReload,
}: {
  step: CommentStep;
  convention: Convention;
  onDone: () => void;
  onReload: () => void;
}) {
  const transition = useConventionTransition(convention.id);
  const [commentaire, setCommentaire] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (transition.isPending) return;
    transition.reset();
    if (!commentaire.trim()) {
      setClientError(step.required);
      formRef.current?.querySelector('textarea')?.focus();
      return;
    }
    setClientError(null);
    transition.mutate(
      { action: step.action, version: convention.version, commentaire: commentaire.trim() },
      {
        onSuccess: () => {
          setCommentaire('');
          onDone();
        },
      },
    );
  };

  const apiError = isApiError(transition.error) ? transition.error : null;
  const fieldError = clientError ?? apiError?.fieldMessage('commentaire');

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      {transition.error && globalErrorShown(transition.error, ['commentaire']) && <SaveErrorAlert error={transition.error} title={step.failed} onReload={onReload} />}
      {step.intro && <p>{step.intro}</p>}
      <TextField
        label={step.label}
        hint={step.hint}
        name="commentaire"
        textArea
        rows={5}
        required
        value={commentaire}
        onChange={(value) => {
          setCommentaire(value);
          if (value.trim()) setClientError(null);
        }}
        error={fieldError}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--right', 'fr-mb-0')}>
        <li>
          <Button type="submit" disabled={transition.isPending}>
            {transition.isPending ? 'Envoi…' : step.submitLabel}
          </Button>
        </li>
      </ul>
    </form>
  );
}

/** "Enregistrer la signature": date of signature, signed PDF and an optional comment. */
export function SignatureModalContent({
  convention,
  onDone,
  onReload,
}: {
  convention: Convention;
  onDone: () => void;
  onReload: () => void;
}) {
  const sign = useSignConvention(convention.id);
  const [dateSignature, setDateSignature] = useState('');
  const [fichier, setFichier] = useState<File | null>(null);
  const [commentaire, setCommentaire] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  // The API checks the signature date against today in Paris: the same day here, whatever the browser's zone.
  const today = programmeToday();

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sign.isPending) return;
    sign.reset();
    const errors: Record<string, string> = {};
    if (!dateSignature) errors.dateSignature = 'Indiquez la date de signature.';
    else if (dateSignature > today) errors.dateSignature = 'La date de signature ne peut pas être dans le futur.';
    if (!fichier) errors.fichier = 'Joignez la convention signée (PDF).';
    else if (!/\.pdf$/i.test(fichier.name)) errors.fichier = 'La convention signée doit être un fichier PDF.';
    setClientErrors(errors);
    if (Object.keys(errors).length > 0 || !fichier) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    sign.mutate(
      { version: convention.version, dateSignature, fichier, commentaire: commentaire.trim() || undefined },
      {
        onSuccess: () => {
          setDateSignature('');
          setFichier(null);
          setCommentaire('');
          if (fileRef.current) fileRef.current.value = '';
          onDone();
        },
      },
    );
  };

  const apiError = isApiError(sign.error) ? sign.error : null;
  const error = (field: string) => clientErrors[field] ?? apiError?.fieldMessage(field);
  const uploading = sign.isPending && sign.progress?.percent != null && sign.progress.percent < 100;

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      {sign.error && globalErrorShown(sign.error, ['dateSignature', 'fichier', 'commentaire']) && (
        <SaveErrorAlert error={sign.error} title="La signature n'a pas été enregistrée" onReload={onReload} />
      )}
      <p>
        Une fois la signature enregistrée, la convention est définitive : elle ne pourra plus être rouverte et ne se corrigera que par un avenant.
      </p>
      <TextField
        label="Date de signature"
        hint="La date portée sur la convention signée ; elle ne peut pas être dans le futur."
        name="dateSignature"
        type="date"
        required
        value={dateSignature}
        onChange={setDateSignature}
        error={error('dateSignature')}
      />
      <Upload
        className={fr.cx('fr-mb-3w')}
        label="Convention signée"
        hint="Format accepté : PDF."
        state={error('fichier') ? 'error' : 'default'}
        stateRelatedMessage={error('fichier')}
        disabled={sign.isPending}
        nativeInputProps={{
          ref: fileRef,
          name: 'fichier',
          accept: '.pdf,application/pdf',
          required: true,
          'aria-invalid': error('fichier') ? true : undefined,
          onChange: (e) => setFichier(e.currentTarget.files?.[0] ?? null),
        }}
      />
      <TextField
        label="Commentaire"
        hint="Facultatif"
        name="commentaire"
        textArea
        rows={3}
        value={commentaire}
        onChange={setCommentaire}
        error={error('commentaire')}
      />
      {sign.isPending && (
        <UploadProgressBar
          label={uploading ? 'Envoi de la convention signée' : 'Enregistrement de la signature'}
          percent={uploading ? (sign.progress?.percent ?? null) : null}
        />
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--right', 'fr-mb-0')}>
        <li>
          <Button type="submit" disabled={sign.isPending}>
            {sign.isPending ? 'Enregistrement…' : 'Enregistrer la signature'}
          </Button>
        </li>
      </ul>
    </form>
  );
}
