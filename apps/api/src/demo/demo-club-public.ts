import type { IndicateurId } from '@suivi-pvd/domain';
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '../core/audit/audit.service';

/** The figures the demo's ANCT made public: the national page and each PVD's page show them (issue 19). */
export const DEMO_INDICATEURS_PUBLICS: readonly IndicateurId[] = ['P1', 'P2', 'P3', 'T7', 'T11'];

/** Marks the demo's public figures; returns the audit entry of the change (written with the seed's others). */
export async function seedDemoPublic(em: EntityManager): Promise<AuditEntry> {
  await em.query('INSERT INTO indicateur_public (indicateur_id) SELECT unnest($1::varchar[]) ON CONFLICT DO NOTHING', [DEMO_INDICATEURS_PUBLICS]);
  await em.query('UPDATE indicateur_public_liste SET version = version + 1, updated_at = now() WHERE id = 1');
  return { action: 'indicateurs_publics.modifies', entityType: 'indicateurs_publics', entityId: 'liste', before: { indicateurs: [] }, after: { indicateurs: [...DEMO_INDICATEURS_PUBLICS] } };
}
