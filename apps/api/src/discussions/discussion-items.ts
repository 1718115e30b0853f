import { conventionTitle, DISCUSSION_ITEM_LABELS, rolesCovering, type DiscussionItemType, type Territory } from '@suivi-pvd/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { CONVENTION_NOT_FOUND, getConvention } from '../conventions/convention-records';
import { requireDossierRead, requirePvdAccess } from '../dossiers/pvd-access';
import { requireLigneAccess } from '../financements/ligne-access';
import { requireMissionAccess } from '../ingenierie/mission-access';
import { requireCoverageAccess, storedCommunes } from '../territoire/coverage';
import { coverageTerritory } from '@suivi-pvd/domain';

type Db = DataSource | EntityManager;

/** An item a thread belongs to, as stored, after checking that the caller reads it. */
export interface DiscussionItem {
  type: DiscussionItemType;
  id: string;
  /** The dossier the item belongs to (null for an habitat operation or a financing line). */
  pvdId: string | null;
  /** The stored territory the item's access is judged on (for the author's organisation). */
  territory: Territory;
  /** The partner organisation funding the item (a mission's or a line's funder), if any. */
  financeurOrganisationId: string | null;
  /** In words, for notifications: « Avenant n° 1 – Ahun ». */
  label: string;
  /** Where the item is in the web app. */
  path: string;
}

const POSTE_NOT_FOUND = { code: 'POSTE_NOT_FOUND' as const, message: 'Poste introuvable.' };
const OPERATION_NOT_FOUND = { code: 'OPERATION_NOT_FOUND' as const, message: 'Opération d’habitat introuvable.' };

const PVD_NAME_SQL = (pvd: string) =>
  `COALESCE((SELECT string_agg(c.nom, ' – ' ORDER BY c.population DESC NULLS LAST, c.insee)
               FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = ${pvd}),
             (SELECT 'PVD ' || p2.id_pvd FROM pvd p2 WHERE p2.id = ${pvd}))`;

async function pvdName(db: Db, pvdId: string): Promise<string> {
  const [row] = await db.query(`SELECT ${PVD_NAME_SQL('$1::uuid')} AS nom`, [pvdId]);
  return row?.nom ?? 'Petite ville de demain';
}

/**
 * Checks that the caller reads the item, with the item's own access rules (the same functions as
 * its area's routes), on its stored records, never on ids from the request: whoever reads the item
 * reads and writes its thread. An item they may not read does not exist for them (404); a partner
 * reading a dossier's summary is refused its threads (403: ADR 0004, partners read only the items
 * they fund).
 */
export async function requireDiscussionItem(db: Db, user: CurrentUser, type: DiscussionItemType, id: string): Promise<DiscussionItem> {
  switch (type) {
    case 'dossier': {
      const access = await requireDossierRead(db, user, id);
      if (access.lecture !== 'complete') throw new AppError('FORBIDDEN', 'Vous lisez le résumé de ce dossier : ses discussions ne vous sont pas ouvertes.');
      return { type, id, pvdId: id, territory: access.territory, financeurOrganisationId: null, label: await pvdName(db, id), path: `/pvd/${id}` };
    }
    case 'convention': {
      const row = await getConvention(db, id);
      const access = await requirePvdAccess(db, user, row.pvd_id, 'pvd:lire', CONVENTION_NOT_FOUND);
      const label = `${conventionTitle(row.type, row.numero)} – ${await pvdName(db, row.pvd_id)}`;
      return { type, id, pvdId: row.pvd_id, territory: access.territory, financeurOrganisationId: null, label, path: `/conventions/${id}` };
    }
    case 'poste': {
      const [row]: { pvd_id: string; intitule: string }[] = await db.query('SELECT pvd_id, intitule FROM poste WHERE id = $1', [id]);
      if (!row) throw new AppError(POSTE_NOT_FOUND.code, POSTE_NOT_FOUND.message);
      const access = await requirePvdAccess(db, user, row.pvd_id, 'pvd:lire', POSTE_NOT_FOUND);
      return { type, id, pvdId: row.pvd_id, territory: access.territory, financeurOrganisationId: null, label: `Poste « ${row.intitule} » – ${await pvdName(db, row.pvd_id)}`, path: `/postes/${id}` };
    }
    case 'mission': {
      const access = await requireMissionAccess(db, user, id, 'lire');
      const [row] = await db.query('SELECT intitule FROM mission WHERE id = $1', [id]);
      return {
        type,
        id,
        pvdId: access.pvdId,
        territory: access.territory,
        financeurOrganisationId: access.financeurOrganisationId,
        label: `Mission « ${row.intitule} » – ${await pvdName(db, access.pvdId)}`,
        path: `/missions/${id}`,
      };
    }
    case 'operation_habitat': {
      const [row]: { libelle: string; communes: string[] | null }[] = await db.query(
        `SELECT o.libelle, array_agg(oc.commune_insee) FILTER (WHERE oc.commune_insee IS NOT NULL) AS communes
           FROM operation_habitat o LEFT JOIN operation_habitat_commune oc ON oc.operation_id = o.id WHERE o.id = $1 GROUP BY o.id`,
        [id],
      );
      if (!row) throw new AppError(OPERATION_NOT_FOUND.code, OPERATION_NOT_FOUND.message);
      const communes = [...(await storedCommunes(db, row.communes ?? [])).values()];
      requireCoverageAccess(user, communes, 'pvd:lire', OPERATION_NOT_FOUND);
      return { type, id, pvdId: null, territory: coverageTerritory(communes), financeurOrganisationId: null, label: `Opération « ${row.libelle} »`, path: `/operations-habitat/${id}` };
    }
    case 'ligne_financement': {
      const access = await requireLigneAccess(db, user, id, 'lire');
      const [row] = await db.query('SELECT projet FROM ligne_financement WHERE id = $1', [id]);
      return {
        type,
        id,
        pvdId: null,
        territory: access.beneficiaire.territory,
        financeurOrganisationId: access.dispositifOrganisationId,
        label: `Financement « ${row.projet} »`,
        path: `/financements?ligne=${id}`,
      };
    }
  }
}

/** « Prénom Nom (organisation) »: the organisation acting on the item (its funder for a partner, else the one covering it). */
export function authorLabel(user: Pick<CurrentUser, 'displayName' | 'memberships'>, item: DiscussionItem): string {
  const acting =
    user.memberships.find((m) => m.organisationType === 'partenaire' && m.organisationId === item.financeurOrganisationId) ??
    user.memberships.find((m) => rolesCovering([m], item.territory).length > 0) ??
    user.memberships[0];
  return acting?.organisationNom ? `${user.displayName} (${acting.organisationNom})` : user.displayName;
}

export function itemNoun(type: DiscussionItemType): string {
  return DISCUSSION_ITEM_LABELS[type];
}
