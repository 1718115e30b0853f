import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { COMPLETENESS_ITEMS, missingForDeposit } from '@suivi-pvd/domain';
import type { Convention } from './data/convention.hooks';

export const CHECKLIST_ID = 'depot-manquants';

/**
 * What the saved convention still lacks before its deposit, from the same domain rule the API
 * applies (which refuses an incomplete deposit with the same messages).
 */
export function missingBeforeDeposit(convention: Convention): string[] {
  const missing = missingForDeposit({
    type: convention.type,
    objet: convention.objet,
    diagnostic: convention.diagnostic,
    strategie: convention.strategie,
    signatairesCount: convention.signataires.length,
    actionsCount: convention.actions.length,
    documentsCount: convention.documents.filter((d) => d.nature === 'piece').length,
  });
  return COMPLETENESS_ITEMS.flatMap((item) => missing[item] ?? []);
}

/** The checklist shown beside « Déposer » while something is missing. */
export function DepositChecklist({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div id={CHECKLIST_ID}>
      <Alert
        className={fr.cx('fr-mb-2w')}
        severity="warning"
        small
        title="Avant de déposer la convention"
        description={
          <ul className={fr.cx('fr-mb-0')}>
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        }
      />
    </div>
  );
}
