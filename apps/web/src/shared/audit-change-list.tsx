import { fr } from '@codegouvfr/react-dsfr';

/** One field a change altered, as the API words it. */
export interface AuditChange {
  champ: string;
  libelle: string;
  avant: string;
  apres: string;
}

/**
 * The fields an audited change altered, in words: « Montant : 12 500,00 € → 15 000,00 € ». Screen
 * readers read « devient » for the arrow. Used by the dossier history and the journal.
 */
export function AuditChangeList({ changes }: { changes: readonly AuditChange[] }) {
  return (
    <ul className={fr.cx('fr-text--sm', 'fr-mb-0')}>
      {changes.map((change) => (
        <li key={change.champ}>
          {change.libelle} : <span>{change.avant}</span>
          <span aria-hidden="true"> → </span>
          <span className={fr.cx('fr-sr-only')}> devient </span>
          <span>{change.apres}</span>
        </li>
      ))}
    </ul>
  );
}
