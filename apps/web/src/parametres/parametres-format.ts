import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import type { ParametreStatut } from './data/parametres.hooks';

/** "2026-03-31" -> "31/03/2026", as the parameter values are written (formatParametreValeur). */
export function formatJour(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

export const STATUT_LABELS: Record<ParametreStatut, string> = {
  passee: 'Passée',
  en_vigueur: 'En vigueur',
  a_venir: 'À venir',
  remplacee: 'Remplacée',
};

/** Badge colour of each status; the text carries the status, not only the colour. */
export const STATUT_SEVERITY: Record<ParametreStatut, AlertProps.Severity | undefined> = {
  passee: undefined,
  en_vigueur: 'success',
  a_venir: 'info',
  remplacee: undefined,
};

/** Id of the section of a parameter (summary links). */
export function sectionId(cle: string): string {
  return `parametre-${cle.replace(/_/g, '-')}`;
}

export const FINANCEURS_SECTION_ID = 'financeurs';
