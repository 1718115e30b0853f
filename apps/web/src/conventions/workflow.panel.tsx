import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { isApiError } from '@suivi-pvd/api-client';
import { CONVENTION_ACTION_LABELS, CONVENTION_STATE_LABELS, type ConventionAction } from '@suivi-pvd/domain';
import { useRef, useState } from 'react';
import { useConfirmation, type Confirmation } from '../shared/confirm-dialog';
import { SaveErrorAlert } from './conflict-alert';
import { useConventionTransition, type Convention, type SimpleAction } from './data/convention.hooks';
import { CHECKLIST_ID, DepositChecklist, missingBeforeDeposit } from './deposit-checklist';
import { CommentModalContent, COMPLEMENTS_STEP, REOPEN_STEP, SignatureModalContent } from './workflow.modals';

export const complementsModal = createModal({ id: 'modale-demande-complements', isOpenedByDefault: false });
export const signatureModal = createModal({ id: 'modale-enregistrer-signature', isOpenedByDefault: false });
export const reopenModal = createModal({ id: 'modale-rouvrir-instruction', isOpenedByDefault: false });

/** The steps asked to be confirmed: what they do and how they can be corrected. */
const CONFIRMATIONS: Partial<Record<SimpleAction, Omit<Confirmation, 'onConfirm'>>> = {
  valider: {
    title: 'Valider la convention ?',
    consequence:
      'La convention sera validée : le chef de projet la verra comme telle et il restera à enregistrer sa signature. La validation ne pourra être annulée que par une réouverture motivée, avant la signature.',
    confirmLabel: 'Valider la convention',
  },
  retirer: {
    title: 'Retirer le dépôt ?',
    consequence: 'La convention redevient un brouillon : la préfecture ne l’a plus à instruire. Vous pourrez la modifier puis la déposer à nouveau.',
    confirmLabel: 'Retirer le dépôt',
  },
};

const DONE: Record<ConventionAction, string> = {
  deposer: 'La convention a été déposée : la préfecture va l’instruire.',
  retirer: 'Le dépôt a été retiré : la convention est de nouveau en brouillon.',
  instruire: 'La convention est prise en instruction.',
  demander_complements: 'Les compléments ont été demandés au chef de projet.',
  valider: 'La convention est validée : il reste à enregistrer sa signature.',
  signer: 'La signature est enregistrée : la convention est signée.',
  rouvrir: 'L’instruction est rouverte : la convention est de nouveau en instruction. Le motif figure dans le suivi.',
};

/** Whose turn it is, when the user has nothing to do. */
function waitingFor(convention: Convention): string {
  switch (convention.etat) {
    case 'brouillon':
    case 'a_completer':
      return 'La convention est en préparation par le chef de projet.';
    case 'deposee':
    case 'en_instruction':
      return 'La convention est entre les mains de la préfecture.';
    case 'validee':
      return 'La convention est validée ; la préfecture enregistrera sa signature.';
    case 'signee':
      return `La convention est signée${convention.dateSignature ? ` depuis le ${new Date(`${convention.dateSignature}T00:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'UTC' })}` : ''} : elle ne se corrige plus que par un avenant.`;
  }
}

/**
 * The workflow steps the user may take now: one button per entry of `actionsPossibles`. Asking
 * for changes, reopening a validation and recording the signature open a modal (they need more
 * input); validating and withdrawing a deposit are confirmed in a dialog first.
 */
export function WorkflowPanel({
  convention,
  dirty,
  onDone,
  onReload,
}: {
  convention: Convention;
  /** Unsaved content changes: they must be saved before depositing. */
  dirty: boolean;
  onDone: () => void;
  onReload: () => void;
}) {
  const transition = useConventionTransition(convention.id);
  const confirmation = useConfirmation('modale-confirmer-etape');
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const actions = convention.actionsPossibles;
  const missing = actions.includes('deposer') ? missingBeforeDeposit(convention) : [];
  const incomplete = missing.length > 0;

  const finish = (action: ConventionAction) => {
    setDone(DONE[action]);
    onDone();
    // The step's button is gone: the focus goes to what happened.
    requestAnimationFrame(() => doneRef.current?.focus());
  };

  const run = (action: SimpleAction) => {
    setDone(null);
    transition.mutate({ action, version: convention.version }, { onSuccess: () => finish(action) });
  };

  const take = (action: SimpleAction) => {
    const asked = CONFIRMATIONS[action];
    if (asked) confirmation.ask({ ...asked, onConfirm: () => run(action) });
    else run(action);
  };

  const stale =
    isApiError(transition.error) &&
    (transition.error.code === 'VERSION_CONFLICT' || transition.error.code === 'CONVENTION_TRANSITION_NOT_ALLOWED');

  return (
    <section aria-labelledby="etapes-titre" className={fr.cx('fr-p-3w', 'fr-mb-4w')} style={panelStyle}>
      <h2 id="etapes-titre" className={fr.cx('fr-h4')}>
        Étape suivante
      </h2>
      <p>
        État actuel : <strong>{CONVENTION_STATE_LABELS[convention.etat]}</strong>
      </p>
      <div aria-live="polite" ref={doneRef} tabIndex={-1} style={{ outline: 'none' }}>
        {done && <Alert className={fr.cx('fr-mb-2w')} severity="success" small description={done} closable onClose={() => setDone(null)} />}
      </div>
      {transition.error && (
        <SaveErrorAlert
          error={transition.error}
          title="L'étape n'a pas été enregistrée"
          onReload={
            stale
              ? () => {
                  transition.reset();
                  onReload();
                }
              : undefined
          }
        />
      )}
      {actions.length === 0 ? (
        <p className={fr.cx('fr-mb-0')}>{waitingFor(convention)}</p>
      ) : (
        <>
          {actions.includes('deposer') && <DepositChecklist messages={missing} />}
          {dirty && actions.includes('deposer') && (
            <p className={fr.cx('fr-text--sm')} id="depot-aide">
              Enregistrez d'abord vos modifications pour pouvoir déposer la convention.
            </p>
          )}
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mb-0')}>
            {actions.map((action) => (
              <li key={action}>
                {action === 'demander_complements' ? (
                  <Button priority="secondary" nativeButtonProps={complementsModal.buttonProps} onClick={() => setDone(null)}>
                    {CONVENTION_ACTION_LABELS[action]}
                  </Button>
                ) : action === 'signer' ? (
                  <Button nativeButtonProps={signatureModal.buttonProps} onClick={() => setDone(null)}>
                    {CONVENTION_ACTION_LABELS[action]}
                  </Button>
                ) : action === 'rouvrir' ? (
                  <Button priority="secondary" nativeButtonProps={reopenModal.buttonProps} onClick={() => setDone(null)}>
                    {CONVENTION_ACTION_LABELS[action]}
                  </Button>
                ) : (
                  <Button
                    priority={action === 'retirer' ? 'secondary' : 'primary'}
                    disabled={transition.isPending || (action === 'deposer' && (dirty || incomplete))}
                    nativeButtonProps={
                      action === 'deposer' && (dirty || incomplete)
                        ? { 'aria-describedby': [incomplete ? CHECKLIST_ID : null, dirty ? 'depot-aide' : null].filter(Boolean).join(' ') }
                        : {}
                    }
                    onClick={() => take(action)}
                  >
                    {CONVENTION_ACTION_LABELS[action]}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {/* Always rendered: the DSFR modals must stay in the page while they close. */}
      <complementsModal.Component title="Demander des compléments">
          <CommentModalContent
            step={COMPLEMENTS_STEP}
            convention={convention}
            onDone={() => {
              complementsModal.close();
              finish('demander_complements');
            }}
            onReload={onReload}
          />
      </complementsModal.Component>
      <reopenModal.Component title="Rouvrir l'instruction">
        <CommentModalContent
          step={REOPEN_STEP}
          convention={convention}
          onDone={() => {
            reopenModal.close();
            finish('rouvrir');
          }}
          onReload={onReload}
        />
      </reopenModal.Component>
      {confirmation.dialog}
      <signatureModal.Component title="Enregistrer la signature">
          <SignatureModalContent
            convention={convention}
            onDone={() => {
              signatureModal.close();
              finish('signer');
            }}
            onReload={onReload}
          />
      </signatureModal.Component>
    </section>
  );
}

export const panelStyle = {
  border: `1px solid ${fr.colors.decisions.border.default.grey.default}`,
} as const;
