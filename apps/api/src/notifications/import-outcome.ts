import type { EntityManager } from 'typeorm';
import type { NotificationsService } from './notifications.service';

/** The imports whose outcome is told to the person who started them: their table, item type, page and name. */
const IMPORTS = {
  national: { table: 'import_national', type: 'import_national', path: '/imports/nationaux', nom: 'national' },
  partenaire: { table: 'import_partenaire', type: 'import_partenaire', path: '/imports/partenaires', nom: 'partenaire' },
} as const;

/**
 * Tells the person who started an import that it finished (`failure` null) or failed, in the
 * transaction of the outcome. An import started from the command line (no author) tells no one.
 */
export async function notifyImportOutcome(
  notifications: NotificationsService,
  em: EntityManager,
  kind: keyof typeof IMPORTS,
  id: string,
  failure: string | null,
): Promise<void> {
  const { table, type, path, nom } = IMPORTS[kind];
  const [row]: { created_by: string | null; nom_fichier: string; crees: number | null; mis_a_jour: number | null; rejetes: number | null }[] = await em.query(
    `SELECT created_by, nom_fichier, crees, mis_a_jour, rejetes FROM ${table} WHERE id = $1`,
    [id],
  );
  if (!row?.created_by) return;
  await notifications.record(em, {
    kind: failure ? 'import_echoue' : 'import_termine',
    recipientIds: [row.created_by],
    actorId: null,
    item: { type, id, label: `Import « ${row.nom_fichier} »`, path },
    dossierId: null,
    title: failure ? `Import ${nom} en échec` : `Import ${nom} terminé`,
    body: failure ?? `${row.crees ?? 0} créé(s), ${row.mis_a_jour ?? 0} mis à jour, ${row.rejetes ?? 0} ligne(s) rejetée(s).`,
  });
}
