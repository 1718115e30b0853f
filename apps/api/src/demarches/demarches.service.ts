import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  attributDefinitionsErrors,
  attributValuesErrors,
  can,
  cleanAttributValues,
  definitionChangeErrors,
  demarcheCodeFrom,
  fieldChanges,
  participationErrors,
  scopesFor,
  type AttributDefinition,
  type AttributUsage,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError, type FieldErrors } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import { requirePvdAccess } from '../dossiers/pvd-access';
import { communeScopeCondition } from '../organisations/scope-sql';
import { canOnCommune, COMMUNE_COLUMNS, COMMUNE_JOINS, type CommuneRow } from './commune-access';
import type {
  AttributDefinitionDto,
  CreateDemarcheInput,
  CreateParticipationInput,
  DemarcheDto,
  DemarchesDto,
  ParticipationDto,
  ParticipationFields,
  ParticipationsDuDossierDto,
  ParticipationsPageDto,
  ParticipationsQuery,
  UpdateDemarcheInput,
  UpdateParticipationInput,
} from './dto/demarche.dto';

const DEMARCHE_NOT_FOUND = () => new AppError('DEMARCHE_NOT_FOUND', 'Dispositif introuvable.');
/** Who writes participations: a chef de projet over their communes, the ANCT anywhere (schemes have no owner: the ANCT manages the catalogue). */
const PARTICIPATION_WRITE = 'territoire:saisir' as const;
const PARTICIPATION_NOT_FOUND = () => new AppError('PARTICIPATION_NOT_FOUND', 'Participation introuvable.');

/** A participation as read, with its commune's territory for the rights. */
const PARTICIPATION_SELECT = `
  SELECT dp.id, dp.demarche_id AS "demarcheId", d.nom AS "demarcheNom", dp.commune_insee AS "communeInsee", c.nom AS "communeNom",
         c.departement_code AS "departementCode", pc.pvd_id AS "pvdId", dp.date_debut::text AS "dateDebut", dp.date_fin::text AS "dateFin",
         dp.attributs, dp.version, dp.updated_at AS "modifieLe", u.display_name AS "modifiePar",
         c.insee, c.epci_siren, c.departement_code, c.region_code, p.epci_siren AS pvd_epci_siren
    FROM demarche_participation dp
    JOIN demarche d ON d.id = dp.demarche_id
    JOIN commune c ON c.insee = dp.commune_insee
    ${COMMUNE_JOINS}
    LEFT JOIN app_user u ON u.id = dp.updated_by`;

type ParticipationRow = Omit<ParticipationDto, 'peutModifier' | 'modifieLe'> & { modifieLe: Date } & Pick<CommuneRow, 'insee' | 'epci_siren' | 'departement_code' | 'region_code' | 'pvd_epci_siren'>;

interface DemarcheRow {
  id: string;
  code: string;
  nom: string;
  description: string | null;
  attributs: AttributDefinition[];
  actif: boolean;
  version: number;
}

/** Attribute definitions as stored: trimmed, `choix` only for a list, `obligatoire` only when true. */
function cleanDefinitions(defs: readonly AttributDefinitionDto[]): AttributDefinition[] {
  return defs.map((d) => ({
    cle: d.cle.trim(),
    libelle: d.libelle.trim(),
    type: d.type,
    ...(d.type === 'choix' ? { choix: (d.choix ?? []).map((c) => c.trim()).filter(Boolean) } : {}),
    ...(d.obligatoire ? { obligatoire: true } : {}),
  }));
}

function failIf(errors: FieldErrors, message: string): void {
  if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', message, errors);
}

/**
 * The catalogue of thematic schemes (managed by the ANCT, read by all) and communes'
 * participations: read on the commune's stored territory, written by who may modify it.
 */
@Injectable()
export class DemarchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The catalogue, with each scheme's attributes and the participations the caller may read. */
  async catalogue(user: CurrentUser): Promise<DemarchesDto> {
    const scope = communeScopeCondition(scopesFor(user.memberships, 'pvd:lire'), 1, 'c', 'p.epci_siren');
    const items: DemarcheDto[] = await this.dataSource.query(
      `SELECT d.id, d.code, d.nom, d.description, d.attributs, d.actif, d.version,
              (SELECT count(*)::int FROM demarche_participation dp JOIN commune c ON c.insee = dp.commune_insee ${COMMUNE_JOINS}
                WHERE dp.demarche_id = d.id AND ${scope.sql}) AS participations
         FROM demarche d ORDER BY d.actif DESC, d.nom`,
      scope.params,
    );
    return { items, peutAdministrer: can(user.memberships, 'programme:parametrer') };
  }

  async createDemarche(user: CurrentUser, actor: Actor, input: CreateDemarcheInput): Promise<DemarcheDto> {
    const attributs = cleanDefinitions(input.attributs);
    const code = input.code ?? demarcheCodeFrom(input.nom);
    failIf({ ...attributDefinitionsErrors(attributs), ...(code.length < 2 ? { code: ['Indiquez un code.'] } : {}) }, 'Le dispositif ne peut pas être enregistré : vérifiez les champs signalés.');
    const id = await this.dataSource
      .transaction(async (em) => {
        const fields = { code, nom: input.nom.trim(), description: input.description?.trim() || null, attributs, actif: true };
        const [row] = await em.query(`INSERT INTO demarche (code, nom, description, attributs) VALUES ($1, $2, $3, $4) RETURNING id`, [
          fields.code,
          fields.nom,
          fields.description,
          JSON.stringify(attributs),
        ]);
        await this.audit.record(em, actor, { action: 'demarche.creee', entityType: 'demarche', entityId: row.id, before: null, after: fields });
        return row.id as string;
      })
      .catch((error) => {
        if ((error as { constraint?: string }).constraint === 'uq_demarche_code') {
          throw new AppError('CONFLICT', 'Un dispositif porte déjà ce code.', { code: ['Code déjà utilisé : choisissez-en un autre.'] });
        }
        throw error;
      });
    return this.demarche(user, id);
  }

  /**
   * Changes a scheme. New attribute definitions replace the old ones, but the stored
   * participations keep every value: an attribute with values cannot be removed, nor change type,
   * nor lose a choice still held (409, by field).
   */
  async updateDemarche(user: CurrentUser, actor: Actor, id: string, input: UpdateDemarcheInput): Promise<DemarcheDto> {
    await this.dataSource.transaction(async (em) => {
      const [current]: DemarcheRow[] = await em.query('SELECT id, code, nom, description, attributs, actif, version FROM demarche WHERE id = $1 FOR UPDATE', [id]);
      if (!current) throw DEMARCHE_NOT_FOUND();
      if (current.version !== input.version) throw versionConflict({ text: 'Ce dispositif', feminine: false }, null, null);
      const next = {
        code: current.code,
        nom: input.nom !== undefined ? input.nom.trim() : current.nom,
        description: input.description !== undefined ? input.description?.trim() || null : current.description,
        attributs: input.attributs !== undefined ? cleanDefinitions(input.attributs) : current.attributs,
        actif: input.actif ?? current.actif,
      };
      failIf(attributDefinitionsErrors(next.attributs), 'Le dispositif ne peut pas être enregistré : vérifiez les champs signalés.');
      const changed = definitionChangeErrors(current.attributs, next.attributs, await this.usage(em, id));
      if (Object.keys(changed).length > 0) {
        throw new AppError('CONFLICT', 'Des participations enregistrées utilisent ces attributs : la modification les rendrait invalides.', changed);
      }
      const { id: _id, version: _v, ...before } = current;
      if (fieldChanges(before, next).length === 0) return;
      await em.query('UPDATE demarche SET nom = $2, description = $3, attributs = $4, actif = $5, version = version + 1 WHERE id = $1', [
        id,
        next.nom,
        next.description,
        JSON.stringify(next.attributs),
        next.actif,
      ]);
      await this.audit.record(em, actor, { action: 'demarche.modifiee', entityType: 'demarche', entityId: id, before, after: next });
    });
    return this.demarche(user, id);
  }

  /** The participations of the PVD's communes, and which communes the caller may enter some for. */
  async listForPvd(user: CurrentUser, pvdId: string): Promise<ParticipationsDuDossierDto> {
    await requirePvdAccess(this.dataSource, user, pvdId, 'pvd:lire');
    const [rows, communes]: [ParticipationRow[], CommuneRow[]] = await Promise.all([
      this.dataSource.query(`${PARTICIPATION_SELECT} WHERE pc.pvd_id = $1 ORDER BY d.nom, c.nom, dp.date_debut NULLS LAST, dp.created_at`, [pvdId]),
      this.dataSource.query(`SELECT ${COMMUNE_COLUMNS} FROM commune c ${COMMUNE_JOINS} WHERE pc.pvd_id = $1 ORDER BY c.population DESC NULLS LAST, c.nom`, [pvdId]),
    ]);
    return {
      items: rows.map((r) => this.toDto(user, r)),
      communes: communes.map((c) => ({ insee: c.insee, nom: c.nom, peutSaisir: canOnCommune(user, PARTICIPATION_WRITE, c) })),
    };
  }

  /** A scheme's participations the caller may read, by département or région, page by page. */
  async listForDemarche(user: CurrentUser, demarcheId: string, query: ParticipationsQuery): Promise<ParticipationsPageDto> {
    const [exists] = await this.dataSource.query('SELECT 1 FROM demarche WHERE id = $1', [demarcheId]);
    if (!exists) throw DEMARCHE_NOT_FOUND();
    const scope = communeScopeCondition(scopesFor(user.memberships, 'pvd:lire'), 2, 'c', 'p.epci_siren');
    const params: unknown[] = [demarcheId, ...scope.params];
    const conditions = ['dp.demarche_id = $1', scope.sql];
    if (query.departement) {
      params.push(query.departement);
      conditions.push(`c.departement_code = $${params.length}`);
    }
    if (query.region) {
      params.push(query.region);
      conditions.push(`c.region_code = $${params.length}`);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const where = conditions.join(' AND ');
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${PARTICIPATION_SELECT} WHERE ${where} ORDER BY c.departement_code, c.nom, dp.date_debut NULLS LAST, dp.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params) as Promise<
        ParticipationRow[]
      >,
      this.dataSource.query(`SELECT count(*)::int AS total FROM demarche_participation dp JOIN commune c ON c.insee = dp.commune_insee ${COMMUNE_JOINS} WHERE ${where}`, params),
    ]);
    return { items: rows.map((r) => this.toDto(user, r)), total, page, pageSize };
  }

  async createParticipation(user: CurrentUser, actor: Actor, demarcheId: string, input: CreateParticipationInput): Promise<ParticipationDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const demarche = await this.demarcheRow(em, demarcheId);
      const [commune]: CommuneRow[] = await em.query(`SELECT ${COMMUNE_COLUMNS} FROM commune c ${COMMUNE_JOINS} WHERE c.insee = $1`, [input.communeInsee]);
      // A commune outside what the caller reads does not exist for them.
      if (!commune || !canOnCommune(user, 'pvd:lire', commune)) {
        throw new AppError('COMMUNE_NOT_FOUND', 'Commune introuvable.', { communeInsee: ['Choisissez l’une des communes de votre petite ville de demain.'] });
      }
      if (!canOnCommune(user, PARTICIPATION_WRITE, commune)) throw new AppError('FORBIDDEN', 'Votre rôle ne permet pas de saisir les dispositifs de cette commune.');
      if (!commune.pvd_id) {
        throw new AppError('VALIDATION_FAILED', 'Cette commune n’est pas une petite ville de demain.', { communeInsee: ['Choisissez une commune d’une petite ville de demain.'] });
      }
      if (!demarche.actif) throw new AppError('VALIDATION_FAILED', 'Ce dispositif n’est plus proposé pour de nouvelles participations.');
      const fields = this.checkFields(demarche, input);
      const [row] = await em.query(
        `INSERT INTO demarche_participation (demarche_id, commune_insee, date_debut, date_fin, attributs, updated_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [demarcheId, commune.insee, fields.dateDebut, fields.dateFin, JSON.stringify(fields.attributs), user.id],
      );
      await this.audit.record(em, actor, {
        action: 'demarche_participation.creee',
        entityType: 'demarche_participation',
        entityId: row.id,
        pvdId: commune.pvd_id,
        before: null,
        after: this.snapshot(demarche, commune, fields),
      });
      return row.id as string;
    });
    return this.participation(user, id);
  }

  async updateParticipation(user: CurrentUser, actor: Actor, id: string, input: UpdateParticipationInput): Promise<ParticipationDto> {
    await this.dataSource.transaction(async (em) => {
      const current = await this.lockForWrite(em, user, id);
      if (current.version !== input.version) throw versionConflict({ text: 'Cette participation', feminine: true }, current.modifiePar, current.modifieLe);
      const demarche = await this.demarcheRow(em, current.demarcheId);
      const next = this.checkFields(demarche, input);
      const before = { dateDebut: current.dateDebut, dateFin: current.dateFin, attributs: current.attributs };
      if (fieldChanges(before, next).length === 0) return;
      await em.query(
        `UPDATE demarche_participation SET date_debut = $2, date_fin = $3, attributs = $4, updated_by = $5, updated_at = now(), version = version + 1 WHERE id = $1`,
        [id, next.dateDebut, next.dateFin, JSON.stringify(next.attributs), user.id],
      );
      const commune = { insee: current.communeInsee, nom: current.communeNom };
      await this.audit.record(em, actor, {
        action: 'demarche_participation.modifiee',
        entityType: 'demarche_participation',
        entityId: id,
        pvdId: current.pvdId,
        before: this.snapshot(demarche, commune, before),
        after: this.snapshot(demarche, commune, next),
      });
    });
    return this.participation(user, id);
  }

  async deleteParticipation(user: CurrentUser, actor: Actor, id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const current = await this.lockForWrite(em, user, id);
      if (current.version !== version) throw versionConflict({ text: 'Cette participation', feminine: true }, current.modifiePar, current.modifieLe);
      const demarche = await this.demarcheRow(em, current.demarcheId);
      await em.query('DELETE FROM demarche_participation WHERE id = $1', [id]);
      await this.audit.record(em, actor, {
        action: 'demarche_participation.supprimee',
        entityType: 'demarche_participation',
        entityId: id,
        pvdId: current.pvdId,
        before: this.snapshot(demarche, { insee: current.communeInsee, nom: current.communeNom }, current),
        after: null,
      });
    });
  }

  private async demarche(user: CurrentUser, id: string): Promise<DemarcheDto> {
    const found = (await this.catalogue(user)).items.find((d) => d.id === id);
    if (!found) throw DEMARCHE_NOT_FOUND();
    return found;
  }

  private async participation(user: CurrentUser, id: string): Promise<ParticipationDto> {
    const [row]: ParticipationRow[] = await this.dataSource.query(`${PARTICIPATION_SELECT} WHERE dp.id = $1`, [id]);
    if (!row) throw PARTICIPATION_NOT_FOUND();
    return this.toDto(user, row);
  }

  /** The participation, locked, once the caller's rights on its commune are checked: 404 outside what they read, 403 when they may not write. */
  private async lockForWrite(em: EntityManager, user: CurrentUser, id: string): Promise<ParticipationRow> {
    const [row]: ParticipationRow[] = await em.query(`${PARTICIPATION_SELECT} WHERE dp.id = $1 FOR UPDATE OF dp`, [id]);
    if (!row || !canOnCommune(user, 'pvd:lire', row)) throw PARTICIPATION_NOT_FOUND();
    if (!canOnCommune(user, PARTICIPATION_WRITE, row)) throw new AppError('FORBIDDEN', 'Votre rôle ne permet pas de modifier les dispositifs de cette commune.');
    return row;
  }

  private async demarcheRow(em: EntityManager, id: string): Promise<DemarcheRow> {
    const [row]: DemarcheRow[] = await em.query('SELECT id, code, nom, description, attributs, actif, version FROM demarche WHERE id = $1', [id]);
    if (!row) throw DEMARCHE_NOT_FOUND();
    return row;
  }

  /** The dates and values to store, checked against the scheme's definitions (400 by field: `attributs.forme`). */
  private checkFields(demarche: DemarcheRow, input: ParticipationFields) {
    const fields = { dateDebut: input.dateDebut ?? null, dateFin: input.dateFin ?? null, attributs: cleanAttributValues(input.attributs) };
    // An unknown key is refused even when empty: the client would be out of step with the catalogue.
    const unknown = Object.fromEntries(Object.entries(input.attributs).filter(([cle]) => !demarche.attributs.some((d) => d.cle === cle)));
    failIf(
      { ...participationErrors(fields), ...attributValuesErrors([], unknown), ...attributValuesErrors(demarche.attributs, fields.attributs) },
      'La participation ne peut pas être enregistrée : vérifiez les champs signalés.',
    );
    return fields;
  }

  /** What each attribute holds across the scheme's participations (to protect them when definitions change). */
  private async usage(em: EntityManager, demarcheId: string): Promise<AttributUsage> {
    const rows: { cle: string; participations: number; valeurs: unknown[] }[] = await em.query(
      `SELECT a.key AS cle, count(*)::int AS participations, jsonb_agg(DISTINCT a.value) AS valeurs
         FROM demarche_participation dp, jsonb_each(dp.attributs) a
        WHERE dp.demarche_id = $1 AND a.value <> 'null'::jsonb
        GROUP BY a.key`,
      [demarcheId],
    );
    return Object.fromEntries(rows.map((r) => [r.cle, { participations: r.participations, valeurs: r.valeurs }]));
  }

  /** The audited participation: the scheme and commune by name, each attribute under its label, as the dossier's history shows it. */
  private snapshot(demarche: DemarcheRow, commune: { insee: string; nom: string }, fields: { dateDebut: string | null; dateFin: string | null; attributs: Record<string, unknown> }) {
    const labelled = Object.fromEntries(Object.entries(fields.attributs).map(([cle, value]) => [demarche.attributs.find((d) => d.cle === cle)?.libelle ?? cle, value]));
    return { demarche: demarche.nom, commune: `${commune.nom} (${commune.insee})`, dateDebut: fields.dateDebut, dateFin: fields.dateFin, ...labelled };
  }

  private toDto(user: CurrentUser, r: ParticipationRow): ParticipationDto {
    return {
      id: r.id,
      demarcheId: r.demarcheId,
      demarcheNom: r.demarcheNom,
      communeInsee: r.communeInsee,
      communeNom: r.communeNom,
      departementCode: r.departementCode,
      pvdId: r.pvdId,
      dateDebut: r.dateDebut,
      dateFin: r.dateFin,
      attributs: r.attributs,
      version: r.version,
      modifieLe: new Date(r.modifieLe).toISOString(),
      modifiePar: r.modifiePar,
      peutModifier: canOnCommune(user, PARTICIPATION_WRITE, r),
    };
  }
}
