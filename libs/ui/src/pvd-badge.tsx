import { Badge } from '@codegouvfr/react-dsfr/Badge';

export interface PvdBadgeProps {
  /** Whether the commune is a laureate of Petites villes de demain. */
  isPvd: boolean;
  /** "short": "PVD" / "Hors PVD" (lists); "long": "Petite ville de demain" (commune page). */
  variant?: 'short' | 'long';
  small?: boolean;
}

/** Programme status of a commune. */
export function PvdBadge({ isPvd, variant = 'short', small = false }: PvdBadgeProps) {
  if (isPvd) {
    return (
      <Badge as="span" severity="success" small={small}>
        {variant === 'long' ? 'Petite ville de demain' : 'PVD'}
      </Badge>
    );
  }
  return (
    <Badge as="span" noIcon small={small}>
      {variant === 'long' ? 'Hors programme PVD' : 'Hors PVD'}
    </Badge>
  );
}
