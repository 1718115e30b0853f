import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useCalendrier, useRenewCalendrier } from './data/club.hooks';

/**
 * The address of one's Club calendar (one's registrations), to subscribe to in a calendar app.
 * Shown on demand; it is secret, and renewing it ends the former one.
 */
export function CalendrierAbonnement() {
  const [open, setOpen] = useState(false);
  const calendrier = useCalendrier(open);
  const renew = useRenewCalendrier();
  const [copied, setCopied] = useState(false);
  const url = calendrier.data?.url ?? '';

  if (!open) {
    return (
      <Button priority="tertiary" iconId="fr-icon-calendar-line" onClick={() => setOpen(true)}>
        Ajouter mes inscriptions à mon agenda
      </Button>
    );
  }
  return (
    <section className={fr.cx('fr-p-3w', 'fr-mb-4w')} style={{ border: '1px solid var(--border-default-grey)' }} aria-labelledby="club-calendrier-titre">
      <h2 id="club-calendrier-titre" className={fr.cx('fr-h6')}>
        Abonnement à mon agenda du Club
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Copiez cette adresse dans votre logiciel d’agenda (« S’abonner à un calendrier » ou « Ajouter par URL ») : vos inscriptions y apparaissent et se mettent à jour. Elle est
        personnelle : ne la partagez pas. Si elle a circulé, renouvelez-la.
      </p>
      {calendrier.isError && <QueryErrorAlert error={calendrier.error} onRetry={() => void calendrier.refetch()} />}
      <Input
        label="Adresse de mon agenda"
        nativeInputProps={{ readOnly: true, value: url, onFocus: (e) => e.currentTarget.select(), spellCheck: false }}
      />
      <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm', 'fr-btns-group--icon-left')}>
        <Button
          priority="secondary"
          iconId="fr-icon-clipboard-line"
          disabled={!url}
          onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false))}
        >
          Copier l’adresse
        </Button>
        <Button priority="tertiary" iconId="fr-icon-refresh-line" disabled={renew.isPending} onClick={() => renew.mutate(undefined, { onSuccess: () => setCopied(false) })}>
          Renouveler l’adresse
        </Button>
      </div>
      <p role="status" className={fr.cx('fr-text--sm', 'fr-mb-0')}>
        {copied ? 'Adresse copiée.' : renew.isSuccess ? 'Nouvelle adresse : l’ancienne ne fonctionne plus.' : ''}
      </p>
    </section>
  );
}
