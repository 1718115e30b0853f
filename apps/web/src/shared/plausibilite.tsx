import { fr } from '@codegouvfr/react-dsfr';
import { MOTIF_DEPASSEMENT_MAX, verdictPlausibilite, type ConstatPlausibilite } from '@suivi-pvd/domain';
import { TextField } from '../conventions/text-field';

/**
 * The plausibility findings of a form (libs/domain plausibilite.rules, the API's own rules) as
 * the DSFR states of its fields: a refusal is an error, an unusual value is an info asking for the
 * reason, shown below in `MotifDepassementField`.
 */
export function plausibiliteState(constats: readonly ConstatPlausibilite[], field: string): { error?: string; info?: string } {
  const refus = constats.find((c) => c.field === field && c.level === 'refus');
  if (refus) return { error: refus.message };
  const confirmation = constats.find((c) => c.field === field && c.level === 'confirmation');
  return confirmation ? { info: confirmation.message } : {};
}

/**
 * What stops a submit, as field errors (field → first message): every refusal, and the reason
 * while it is needed and missing or too short. `motif` is what to send: the reason when one is
 * needed, null otherwise.
 */
export function plausibiliteSubmit(constats: readonly ConstatPlausibilite[], motif: string): { errors: Record<string, string>; motif: string | null } {
  const verdict = verdictPlausibilite(constats, motif);
  const errors: Record<string, string> = {};
  for (const c of verdict.bloquants) if (c.level === 'refus') errors[c.field] ??= c.message;
  if (verdict.motifErreur) errors.motifDepassement = verdict.motifErreur;
  return { errors, motif: verdict.motif };
}

/** The reason asked for an unusual amount, shown only while one is needed; it is kept with the record and in its history. */
export function MotifDepassementField({
  constats,
  value,
  onChange,
  error,
  id = 'motif-depassement',
}: {
  constats: readonly ConstatPlausibilite[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
  id?: string;
}) {
  if (!constats.some((c) => c.level === 'confirmation')) return null;
  return (
    <div className={fr.cx('fr-mt-2w')}>
      <TextField
        id={id}
        label="Motif du dépassement"
        hint={`Obligatoire : pourquoi ce montant est-il inhabituel ? Le motif est conservé avec la saisie et dans l’historique (${MOTIF_DEPASSEMENT_MAX} caractères au plus).`}
        textArea
        rows={3}
        required
        name="motifDepassement"
        value={value}
        onChange={onChange}
        error={error}
      />
    </div>
  );
}
