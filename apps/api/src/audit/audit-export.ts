import type { AuditChange } from '@suivi-pvd/domain';

/** The changes of an entry on one line of an export: « Montant : 12 500,00 € → 15 000,00 € ; Statut : Demandé → Engagé ». */
export function auditChangesText(changes: readonly AuditChange[]): string {
  return changes.map((c) => `${c.libelle} : ${c.avant} → ${c.apres}`).join(' ; ');
}
