import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { days, formatShortDate } from '../conventions/convention-format';
import type { Echeance } from './data/dossier.hooks';

/** Text of the convention-cadre deadline: « Échéance le 28/02/2023 – dans 42 jours », « En retard de 120 jours »… */
export function echeanceText(echeance: Echeance): string | null {
  switch (echeance.kind) {
    case 'sans_echeance':
      return null;
    case 'signee':
      return 'Convention-cadre signée';
    case 'a_venir': {
      const left = echeance.joursRestants ?? 0;
      return `Échéance le ${formatShortDate(echeance.dateLimite)} – ${left === 0 ? "aujourd'hui" : `dans ${days(left)}`}`;
    }
    case 'en_retard':
      return `En retard de ${days(echeance.joursRetard ?? 0)} (échéance du ${formatShortDate(echeance.dateLimite)})`;
  }
}

/** The countdown of the convention-cadre as a DSFR badge (the text says it all, the colour only adds). */
export function EcheanceBadge({ echeance, signedOn }: { echeance: Echeance; signedOn?: string | null }) {
  const text = echeance.kind === 'signee' && signedOn ? `Signée le ${formatShortDate(signedOn)}` : echeanceText(echeance);
  if (!text) return null;
  const severity =
    echeance.kind === 'en_retard'
      ? 'error'
      : echeance.kind === 'signee'
        ? 'success'
        : (echeance.joursRestants ?? 0) <= 90
          ? 'warning'
          : 'info';
  return (
    <Badge as="span" severity={severity}>
      {text}
    </Badge>
  );
}
