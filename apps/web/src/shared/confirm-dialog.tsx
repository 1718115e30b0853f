import { fr } from '@codegouvfr/react-dsfr';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useIsModalOpen } from '@codegouvfr/react-dsfr/Modal/useIsModalOpen';
import { useMemo, useRef, useState, type ReactNode } from 'react';

/** What is asked before a step that cannot simply be taken back. */
export interface Confirmation {
  /** The question, e.g. « Valider la convention ? ». */
  title: string;
  /** The consequence, in words, and how (if at all) it can be corrected afterwards. */
  consequence: ReactNode;
  /** The confirming button names the action itself (« Valider la convention »), never « OK ». */
  confirmLabel: string;
  /** Runs once the dialog is closed and the focus is back where it was. */
  onConfirm: () => void;
}

/**
 * One confirmation dialog (a DSFR modal) for a whole area of a page: `ask` opens it with the
 * question and the consequence; « Annuler », the close button, Escape or a click outside leave
 * everything unchanged. Keyboard: the modal traps the focus while open (DSFR), and the focus goes
 * back to the element that opened it when it closes. `dialog` must stay rendered in the page.
 *
 *   const confirmation = useConfirmation('confirmer-etape');
 *   <Button onClick={() => confirmation.ask({ title, consequence, confirmLabel, onConfirm })}>…</Button>
 *   {confirmation.dialog}
 */
export function useConfirmation(id: string): { ask: (confirmation: Confirmation) => void; dialog: ReactNode } {
  const modal = useMemo(() => createModal({ id, isOpenedByDefault: false }), [id]);
  const [current, setCurrent] = useState<Confirmation | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const confirmed = useRef<Confirmation | null>(null);

  useIsModalOpen(modal, {
    onConceal: () => {
      const element = opener.current;
      opener.current = null;
      if (element?.isConnected) element.focus();
      const action = confirmed.current;
      confirmed.current = null;
      action?.onConfirm();
    },
  });

  const ask = (confirmation: Confirmation) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    confirmed.current = null;
    setCurrent(confirmation);
    // Opened once the question is in the dialog.
    requestAnimationFrame(() => modal.open());
  };

  const dialog = (
    <modal.Component
      title={current?.title ?? ''}
      iconId="fr-icon-warning-line"
      // Balanced lines: the question mark never ends up alone on its line.
      titleProps={{ style: { textWrap: 'balance' } }}
      buttons={[
        // type="button": the dialog may sit inside a form, which it must never submit.
        { children: 'Annuler', priority: 'secondary', type: 'button' },
        {
          children: current?.confirmLabel ?? 'Confirmer',
          type: 'button',
          doClosesModal: false,
          onClick: () => {
            confirmed.current = current;
            modal.close();
          },
        },
      ]}
    >
      {typeof current?.consequence === 'string' ? <p className={fr.cx('fr-mb-0')}>{current.consequence}</p> : current?.consequence}
    </modal.Component>
  );

  return { ask, dialog };
}
