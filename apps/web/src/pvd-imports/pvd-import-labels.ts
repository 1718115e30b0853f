import type { PvdImportFormat, PvdImportRejectReason } from '@suivi-pvd/domain';

export const FORMAT_LABELS: Record<PvdImportFormat, string> = {
  officiel: 'Liste officielle ANCT',
  'export-2021': 'Export 2021',
};

export const REASON_LABELS: Record<PvdImportRejectReason, string> = {
  LIGNE_TEST: 'Ligne de test',
  VALEUR_NA: 'Valeur « NA »',
  ID_PVD_MANQUANT: 'id_pvd manquant (imports antérieurs)',
  CODE_INSEE_INVALIDE: 'Code INSEE invalide',
  CODE_INSEE_INCONNU: 'Code INSEE inconnu',
  CODE_INSEE_OBSOLETE: 'Code INSEE obsolète (commune fusionnée)',
  DOUBLON: 'Doublon',
  DATE_INVALIDE: 'Date invalide',
  COMMUNE_RETIREE: 'Commune retirée du programme',
  DEPLACEMENT_BLOQUE: 'Déplacement bloqué (dossier)',
};

export function formatLabel(format: string): string {
  return format in FORMAT_LABELS ? FORMAT_LABELS[format as PvdImportFormat] : format;
}

export function reasonLabel(reason: string | null): string {
  if (!reason) return '—';
  return reason in REASON_LABELS ? REASON_LABELS[reason as PvdImportRejectReason] : reason;
}
