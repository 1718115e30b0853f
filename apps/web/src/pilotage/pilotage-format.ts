import { formatDate, formatNumber } from '@suivi-pvd/ui';

/** How the dashboards write a figure, in French: « 98,1 M€ », « 1 600 communes », « 80 % », « 2,71 ». */

const NBSP = '\u00a0';
const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** Euros (not cents): millions and billions shortened as in the published report. */
export function formatEurosCourt(euros: number): string {
  const abs = Math.abs(euros);
  if (abs >= 1e9) return `${twoDecimals.format(euros / 1e9)}${NBSP}Md€`;
  if (abs >= 1e6) return `${oneDecimal.format(euros / 1e6)}${NBSP}M€`;
  return `${whole.format(euros)}${NBSP}€`;
}

/** Unit words after a count, singular when the count is 1 or less. */
const UNIT_WORDS: Record<string, [string, string]> = {
  communes: ['commune', 'communes'],
  postes: ['poste', 'postes'],
  missions: ['mission', 'missions'],
  operations: ['opération', 'opérations'],
  logements: ['logement', 'logements'],
  dossiers: ['dossier', 'dossiers'],
  equipements: ['équipement', 'équipements'],
  publications: ['publication', 'publications'],
  evenements: ['événement', 'événements'],
};

/** A figure with its unit; `null` is « — ». `avecUnite` false leaves counts bare (table cells under a unit header). */
export function formatValeur(valeur: number | null | undefined, unite: string, avecUnite = true): string {
  if (valeur == null) return '—';
  switch (unite) {
    case 'euros':
      return formatEurosCourt(valeur);
    case 'pourcentage':
      return `${oneDecimal.format(valeur)}${NBSP}%`;
    case 'ratio':
      return twoDecimals.format(valeur);
    default: {
      const n = Number.isInteger(valeur) ? formatNumber(valeur) : oneDecimal.format(valeur);
      const words = UNIT_WORDS[unite];
      return avecUnite && words ? `${n}${NBSP}${Math.abs(valeur) > 1 ? words[1] : words[0]}` : n;
    }
  }
}

/** The change since the comparison day, signed: « +12 communes », « −1,2 M€ », « stable ». */
export function formatEvolution(evolution: number | null | undefined, unite: string): string {
  if (evolution == null) return '—';
  if (evolution === 0) return 'stable';
  const sign = evolution > 0 ? '+' : '−';
  return `${sign}${formatValeur(Math.abs(evolution), unite)}`;
}

/** The unit of a map's measure (`pourcentage`, `part_pourcentage`, `euros`, `communes`…). */
export function uniteMesure(mesure: string): string {
  if (mesure.includes('pourcentage')) return 'pourcentage';
  return mesure;
}

/** « 12 mars 2024 ». */
export function jour(value: string | null | undefined): string {
  return formatDate(value) ?? '—';
}
