import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { Poste } from './data/postes.hooks';
import { addDaysIso, daysBetween, frDay, jours } from './poste-format';

type Titulaire = Poste['titulaires'][number];

export type TimelineEntry =
  | { kind: 'titulaire'; titulaire: Titulaire }
  | { kind: 'vacance'; debut: string; /** null: still vacant */ fin: string | null };

/** The holders in order, with the vacancies between them and after the last departure. */
export function timelineOf(titulaires: readonly Titulaire[]): TimelineEntry[] {
  const sorted = [...titulaires].sort((a, b) => a.debut.localeCompare(b.debut));
  const entries: TimelineEntry[] = [];
  sorted.forEach((t, i) => {
    const previous = sorted[i - 1];
    if (previous?.fin && addDaysIso(previous.fin, 1) < t.debut) entries.push({ kind: 'vacance', debut: addDaysIso(previous.fin, 1), fin: addDaysIso(t.debut, -1) });
    entries.push({ kind: 'titulaire', titulaire: t });
  });
  const last = sorted.at(-1);
  if (last?.fin) entries.push({ kind: 'vacance', debut: addDaysIso(last.fin, 1), fin: null });
  return entries;
}

/** « Vacant du 01/05/2025 au 30/06/2025 (61 jours) », « Vacant depuis le 01/07/2026 ». */
export function describeVacance(entry: { debut: string; fin: string | null }, today: string): string {
  if (entry.fin) return `Vacant du ${frDay(entry.debut)} au ${frDay(entry.fin)} (${jours(daysBetween(entry.debut, entry.fin))})`;
  return entry.debut <= today ? `Vacant depuis le ${frDay(entry.debut)}` : `Vacant à partir du ${frDay(entry.debut)}`;
}

function periodOf(t: Titulaire, today: string): string {
  if (t.fin) return `du ${frDay(t.debut)} au ${frDay(t.fin)}`;
  return t.debut <= today ? `depuis le ${frDay(t.debut)}` : `arrivée prévue le ${frDay(t.debut)}`;
}

/** Who held the post and when, oldest first, vacancies included. */
export function TitulairesTimeline({ titulaires, today }: { titulaires: readonly Titulaire[]; today: string }) {
  const entries = timelineOf(titulaires);
  if (entries.length === 0) return <p>Aucun titulaire enregistré : le poste est vacant.</p>;
  const grey = fr.colors.decisions.text.mention.grey.default;
  return (
    <ol className={fr.cx('fr-raw-list')} aria-label="Titulaires et vacances du poste, du plus ancien au plus récent">
      {entries.map((entry) => {
        if (entry.kind === 'vacance') {
          return (
            <li key={`vacance-${entry.debut}`} className={fr.cx('fr-mb-2w', 'fr-pl-2w')} style={{ borderLeft: `4px solid ${fr.colors.decisions.border.default.grey.default}` }}>
              <Badge small severity="warning">
                Vacance
              </Badge>{' '}
              <span>{describeVacance(entry, today)}</span>
            </li>
          );
        }
        const t = entry.titulaire;
        const current = t.debut <= today && (t.fin === null || today <= t.fin);
        return (
          <li key={`titulaire-${t.id}`} className={fr.cx('fr-mb-2w', 'fr-pl-2w')} style={{ borderLeft: `4px solid ${fr.colors.decisions.border.active.blueFrance.default}` }}>
            {current && (
              <>
                <Badge small severity="success">
                  En poste
                </Badge>{' '}
              </>
            )}
            <span className={fr.cx('fr-text--bold')}>{t.nom}</span>, {periodOf(t, today)}, {t.quotite === 100 ? 'temps plein' : `quotité ${t.quotite} %`}
            {(t.email || t.telephone) && (
              <span className={fr.cx('fr-text--sm')} style={{ display: 'block', color: grey }}>
                {t.email && <a href={`mailto:${t.email}`}>{t.email}</a>}
                {t.email && t.telephone && ' – '}
                {t.telephone}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
