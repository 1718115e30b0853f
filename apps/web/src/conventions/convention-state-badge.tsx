import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { CONVENTION_STATE_LABELS, type ConventionState } from '@suivi-pvd/domain';
import { CONVENTION_STATE_SEVERITY } from './convention-format';

/** The state of a convention as a DSFR badge; the text carries the state, not only the colour. */
export function ConventionStateBadge({ etat, small = false }: { etat: ConventionState; small?: boolean }) {
  const severity = CONVENTION_STATE_SEVERITY[etat];
  return (
    <Badge as="span" small={small} noIcon {...(severity ? { severity } : {})}>
      {CONVENTION_STATE_LABELS[etat]}
    </Badge>
  );
}
