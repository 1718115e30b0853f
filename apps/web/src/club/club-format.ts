import { formatLongDate } from '@suivi-pvd/domain';

/** « 30 mars 2027, 10 h – 11 h 30 », « du 3 au 5 juin 2027 ». */
export function formatQuand(e: { dateDebut: string; dateFin: string; heureDebut: string | null; heureFin: string | null }): string {
  const heure = (h: string) => (h.endsWith(':00') ? `${Number(h.slice(0, 2))} h` : `${Number(h.slice(0, 2))} h ${h.slice(3, 5)}`);
  const heures = e.heureDebut ? `, ${heure(e.heureDebut)}${e.heureFin ? ` – ${heure(e.heureFin)}` : ''}` : '';
  if (e.dateDebut === e.dateFin) return `${formatLongDate(e.dateDebut)}${heures}`;
  return `du ${formatLongDate(e.dateDebut)} au ${formatLongDate(e.dateFin)}${heures}`;
}

/** Where it takes place, in words. */
export function formatOu(e: { lieu: string | null; enLigne: boolean; departementNom: string | null; departementCode: string | null }): string {
  const parts = [e.lieu, e.enLigne ? 'En ligne' : null, !e.lieu && e.departementNom ? `${e.departementNom} (${e.departementCode})` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'National';
}

/** « 3 places sur 20 », « Complet », « Places illimitées ». */
export function formatPlaces(e: { capacite: number | null; inscrits: number; enAttente: number }): string {
  if (e.capacite === null) return `${e.inscrits} inscrit${e.inscrits > 1 ? 's' : ''}`;
  const restantes = e.capacite - e.inscrits;
  if (restantes <= 0) return `Complet${e.enAttente > 0 ? ` (${e.enAttente} en liste d’attente)` : ''}`;
  return `${restantes} place${restantes > 1 ? 's' : ''} restante${restantes > 1 ? 's' : ''} sur ${e.capacite}`;
}
