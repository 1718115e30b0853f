import { FINANCEMENT_STATUT_DATES, type FinancementStatut } from '@suivi-pvd/domain';
import { formatDate } from '@suivi-pvd/ui';

/** The régions (INSEE codes), for the filter: stable reference data. */
export const REGIONS: readonly { code: string; nom: string }[] = [
  { code: '84', nom: 'Auvergne-Rhône-Alpes' },
  { code: '27', nom: 'Bourgogne-Franche-Comté' },
  { code: '53', nom: 'Bretagne' },
  { code: '24', nom: 'Centre-Val de Loire' },
  { code: '94', nom: 'Corse' },
  { code: '44', nom: 'Grand Est' },
  { code: '01', nom: 'Guadeloupe' },
  { code: '03', nom: 'Guyane' },
  { code: '32', nom: 'Hauts-de-France' },
  { code: '11', nom: 'Île-de-France' },
  { code: '04', nom: 'La Réunion' },
  { code: '02', nom: 'Martinique' },
  { code: '06', nom: 'Mayotte' },
  { code: '28', nom: 'Normandie' },
  { code: '75', nom: 'Nouvelle-Aquitaine' },
  { code: '76', nom: 'Occitanie' },
  { code: '52', nom: 'Pays de la Loire' },
  { code: '93', nom: 'Provence-Alpes-Côte d’Azur' },
];

export { formatMontant } from '../app/money-format';

/** The date of the line's current status, « le 15/06/2024 », or nothing. */
export function statutDate(line: Record<(typeof FINANCEMENT_STATUT_DATES)[FinancementStatut], string | null>, statut: FinancementStatut): string | null {
  return formatDate(line[FINANCEMENT_STATUT_DATES[statut]]);
}

/** « Anah, 12/2023 »: where the figure comes from, and as of when. */
export function sourceLabel(source: string | null, dateSource: string | null): string | null {
  const [y, m] = dateSource?.split('-') ?? [];
  const when = y && m ? `${m}/${y}` : null;
  return [source, when].filter(Boolean).join(', ') || null;
}
