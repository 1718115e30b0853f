import { ligneFinancementRights, type BeneficiaireTerritoire } from '@suivi-pvd/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { beneficiaireTerritoire } from './beneficiaire-sql';

export interface LigneAccess {
  ligneId: string;
  beneficiaire: BeneficiaireTerritoire;
  dispositifOrganisationId: string | null;
  rights: { lire: boolean; ecrire: boolean };
}

export const ligneNotFound = () => new AppError('LIGNE_FINANCEMENT_NOT_FOUND', 'Ligne de financement introuvable.');

/**
 * Checks the caller's access to a financing line on its stored beneficiary and dispositif, never on
 * ids from the request: a line they may not read does not exist for them (404); readable but not
 * writable, 403.
 */
export async function requireLigneAccess(db: DataSource | EntityManager, user: CurrentUser, ligneId: string, need: 'lire' | 'ecrire'): Promise<LigneAccess> {
  const [row]: { beneficiaire_type: 'commune' | 'epci'; beneficiaire_code: string; organisation_id: string | null }[] = await db.query(
    `SELECT l.beneficiaire_type, l.beneficiaire_code, f.organisation_id
       FROM ligne_financement l JOIN dispositif d ON d.id = l.dispositif_id JOIN financeur f ON f.id = d.financeur_id WHERE l.id = $1`,
    [ligneId],
  );
  if (!row) throw ligneNotFound();
  // A beneficiary missing from the referentiel (an old code) is read by national scopes and by its funder.
  const beneficiaire = (await beneficiaireTerritoire(db, row.beneficiaire_type, row.beneficiaire_code)) ?? {
    type: row.beneficiaire_type,
    territory: { communes: [], epciSirens: [], departementCodes: [], regionCodes: [] },
  };
  const rights = ligneFinancementRights(user.memberships, beneficiaire, row.organisation_id);
  if (!rights.lire) throw ligneNotFound();
  if (need === 'ecrire' && !rights.ecrire) throw new AppError('FORBIDDEN', 'Votre rôle ne permet pas de modifier cette ligne de financement.');
  return { ligneId, beneficiaire, dispositifOrganisationId: row.organisation_id, rights };
}
