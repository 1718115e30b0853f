import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ClubEvenementStatut } from '@suivi-pvd/domain';

/** One's own registration: « Inscrit », « Liste d’attente (2e) ». */
export function InscriptionBadge({ inscription, small = false }: { inscription: { statut: string; position: number | null } | null; small?: boolean }) {
  if (!inscription) return null;
  if (inscription.statut === 'inscrit') {
    return (
      <Badge as="span" small={small} severity="success">
        Inscrit
      </Badge>
    );
  }
  return (
    <Badge as="span" small={small} severity="info">
      {`Liste d’attente${inscription.position ? ` (${inscription.position}${inscription.position === 1 ? 'er' : 'e'})` : ''}`}
    </Badge>
  );
}

export function StatutEvenementBadge({ statut, small = false }: { statut: ClubEvenementStatut; small?: boolean }) {
  if (statut === 'publie') return null;
  return (
    <Badge as="span" small={small} noIcon severity={statut === 'annule' ? 'error' : undefined}>
      {statut === 'annule' ? 'Annulé' : 'Brouillon'}
    </Badge>
  );
}
