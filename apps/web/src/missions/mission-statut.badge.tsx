import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { MISSION_STATUT_LABELS, type MissionStatut } from '@suivi-pvd/domain';
import { MISSION_STATUT_SEVERITY } from './mission-format';

/** The status of a mission as a DSFR badge; the text carries the status, not only the colour. */
export function MissionStatutBadge({ statut, small = false }: { statut: MissionStatut; small?: boolean }) {
  const severity = MISSION_STATUT_SEVERITY[statut];
  return (
    <Badge as="span" small={small} noIcon {...(severity ? { severity } : {})}>
      {MISSION_STATUT_LABELS[statut]}
    </Badge>
  );
}
