import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, canOn, fieldChanges, missionErrors, missionRights, partnerOrganisationIds, scopesFor, searchKey } from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { likeEscape } from '../core/database/like-escape';
import { DataVersionMemo } from '../core/database/data-version-memo';
import { AppError } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import { DocumentsService } from '../documents/documents.service';
import { pvdTerritory } from '../dossiers/pvd-access';
import { pvdScopeCondition } from '../organisations/scope-sql';
import type { CreateMissionInput, MissionDto, MissionFields, MissionsPageDto, MissionsQuery, MissionSummaryDto, PvdChoixDto, UpdateMissionInput } from './dto/mission.dto';
import { todayInFrance } from '../core/time/today';
import { missionFinanceeAuSql } from '../indicateurs/engine/comptage-sql';
import { requireMissionAccess } from './mission-access';

const SUMMARY_SELECT = `
  SELECT m.id, m.pvd_id AS "pvdId", pn.nom AS "pvdNom", pn.departement_code AS "departementCode", m.financeur_id AS "financeurId", f.nom AS "financeurNom",
         m.nature, m.intitule, m.statut, m.montant_engage::float8 AS "montantEngage", m.montant_verse::float8 AS "montantVerse",
         m.date_debut::text AS "dateDebut", m.date_fin::text AS "dateFin", m.date_engagement::text AS "dateEngagement"`;

const BASE_FROM = `
    FROM mission m
    JOIN financeur f ON f.id = m.financeur_id
    JOIN pvd p ON p.id = m.pvd_id`;
/** The PVD's name (its communes, largest first), département and search key: per row, so joined for the rows shown or when a filter needs it. */
const PVD_NAMES = `
    JOIN LATERAL (SELECT string_agg(c.nom, ' – ' ORDER BY c.population DESC NULLS LAST, c.insee) AS nom, (array_agg(c.departement_code ORDER BY c.population DESC NULLS LAST))[1] AS departement_code,
                         string_agg(c.nom_recherche, ' ') AS recherche
                    FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = p.id) pn ON TRUE`;
const FROM = `${BASE_FROM} ${PVD_NAMES}`;
const ORDER = 'm.date_debut DESC NULLS FIRST, m.created_at DESC, m.id';

/** The fields of a mission as stored and audited. */
function fieldsOf(input: MissionFields) {
  return {
    financeurId: input.financeurId,
    nature: input.nature,
    thematique: input.thematique ?? null,
    intitule: input.intitule.trim(),
    prestataire: input.prestataire?.trim() || null,
    montantEngage: input.montantEngage ?? null,
    montantVerse: input.montantVerse ?? null,
    dateDemande: input.dateDemande ?? null,
    dateDebut: input.dateDebut ?? null,
    dateFin: input.dateFin ?? null,
    statut: input.statut,
    dateEngagement: input.dateEngagement ?? null,
    referenceExterne: input.referenceExterne?.trim() || null,
    source: input.source?.trim() || null,
    dateSource: input.dateSource ?? null,
  };
}
type MissionFieldsRecord = ReturnType<typeof fieldsOf>;

/**
 * Expertise missions: a chef de projet enters those of their PVD; a partner enters those it
 * funds, for any PVD, and sees nothing else; the dossier's readers read them.
 */
@Injectable()
export class MissionsService {
  /** Totals (and filter choices), computed once per filter and data version, not at every page. */
  private readonly memo: DataVersionMemo;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
  ) {
    this.memo = new DataVersionMemo(dataSource);
  }

  /** Missions the caller may read: those of the PVDs in their scope, and those their organisation funds. */
  async list(user: CurrentUser, query: MissionsQuery): Promise<MissionsPageDto> {
    const scope = pvdScopeCondition(scopesFor(user.memberships, 'pvd:lire'), 1);
    const params: unknown[] = [...scope.params, partnerOrganisationIds(user.memberships)];
    const conditions = [`(${scope.sql} OR f.organisation_id = ANY($${params.length}::uuid[]))`];
    const filter = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(params.length));
    };
    if (query.pvdId) filter((n) => `m.pvd_id = $${n}`, query.pvdId);
    if (query.financeurId) filter((n) => `m.financeur_id = $${n}`, query.financeurId);
    if (query.statut) filter((n) => `m.statut = $${n}`, query.statut);
    if (query.nature) filter((n) => `m.nature = $${n}`, query.nature);
    if (query.departement) filter((n) => `pn.departement_code = $${n}`, query.departement);
    if (query.q?.trim()) {
      params.push(`%${likeEscape(query.q.trim())}%`, `%${likeEscape(searchKey(query.q))}%`);
      const [text, key] = [params.length - 1, params.length];
      conditions.push(`(m.intitule ILIKE $${text} OR m.prestataire ILIKE $${text} OR m.reference_externe ILIKE $${text} OR pn.recherche LIKE $${key})`);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const where = conditions.join(' AND ');
    // Amounts count the financed missions only (the domain's counting rule, as the indicators): a
    // requested or abandoned mission is listed, never summed.
    const financee = missionFinanceeAuSql('m', `$${params.length + 1}::date`);
    // The PVD's names are computed per row: only for the page shown, unless a filter reads them
    // (the page is chosen through the recency index, and the totals never build them).
    const filterFrom = query.departement || query.q?.trim() ? FROM : BASE_FROM;
    const [rows, [totaux]] = await Promise.all([
      this.dataSource.query(
        `WITH page AS (SELECT m.id ${filterFrom} WHERE ${where} ORDER BY ${ORDER} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize})
         ${SUMMARY_SELECT} ${FROM} WHERE m.id IN (SELECT id FROM page) ORDER BY ${ORDER}`,
        params,
      ) as Promise<MissionSummaryDto[]>,
      this.memo.query<{ nombre: number; financees: number; montantEngage: number; montantVerse: number }[]>(
        `SELECT count(*)::int AS nombre, (count(*) FILTER (WHERE ${financee}))::int AS financees,
                COALESCE(sum(m.montant_engage) FILTER (WHERE ${financee}), 0)::float8 AS "montantEngage",
                COALESCE(sum(m.montant_verse) FILTER (WHERE ${financee}), 0)::float8 AS "montantVerse" ${filterFrom} WHERE ${where}`,
        [...params, todayInFrance()],
      ),
    ]);
    return { items: rows, total: totaux.nombre, page, pageSize, totaux, peutCreer: await this.canCreate(user, query.pvdId) };
  }

  /** Whether the caller may enter a mission: for that PVD when the list is one PVD's, anywhere otherwise. */
  private async canCreate(user: CurrentUser, pvdId: string | undefined): Promise<boolean> {
    if (!pvdId) return can(user.memberships, 'mission:saisir');
    if (partnerOrganisationIds(user.memberships).length > 0) return true;
    const territory = await pvdTerritory(this.dataSource, pvdId);
    return territory !== null && canOn(user.memberships.filter((m) => m.organisationType !== 'partenaire'), 'mission:saisir', territory);
  }

  async get(user: CurrentUser, missionId: string, db: DataSource | EntityManager = this.dataSource): Promise<MissionDto> {
    const access = await requireMissionAccess(db, user, missionId, 'lire');
    const [row] = await db.query(
      `${SUMMARY_SELECT}, m.thematique, m.prestataire, m.date_demande::text AS "dateDemande", m.reference_externe AS "referenceExterne", m.source,
              m.date_source::text AS "dateSource", m.version,
              m.updated_at AS "modifieLe", u.display_name AS "modifiePar"
         ${FROM} LEFT JOIN app_user u ON u.id = m.updated_by WHERE m.id = $1`,
      [missionId],
    );
    return {
      ...row,
      modifieLe: new Date(row.modifieLe).toISOString(),
      livrables: await this.documents.listDocuments('mission_id', missionId, db),
      peutModifier: access.rights.ecrire,
    };
  }

  async create(user: CurrentUser, actor: Actor, input: CreateMissionInput): Promise<MissionDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const territory = await pvdTerritory(em, input.pvdId);
      const fields = fieldsOf(input);
      const financeur = await this.financeur(em, fields.financeurId);
      this.requireActive(financeur);
      if (!territory || !missionRights(user.memberships, territory, financeur.organisation_id).ecrire) {
        // Which one failed says what to fix: the partner's own funder, or a PVD of the chef de projet.
        if (territory && partnerOrganisationIds(user.memberships).length > 0 && !partnerOrganisationIds(user.memberships).includes(financeur.organisation_id ?? '')) {
          throw new AppError('FINANCEUR_NOT_YOURS', 'Vous ne pouvez saisir que les missions financées par votre organisation.', { financeurId: ['Choisissez votre organisation comme financeur.'] });
        }
        throw new AppError('PVD_NOT_FOUND', 'Petite ville de demain introuvable.', { pvdId: ['Choisissez l’une de vos petites villes de demain.'] });
      }
      this.check(fields);
      const [row] = await em.query(
        `INSERT INTO mission (pvd_id, financeur_id, nature, thematique, intitule, prestataire, montant_engage, montant_verse, date_demande, date_debut, date_fin, statut,
                             date_engagement, reference_externe, source, date_source, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
        [input.pvdId, ...this.values(fields), user.id],
      );
      await this.audit.record(em, actor, { action: 'mission.creee', entityType: 'mission', entityId: row.id, pvdId: input.pvdId, before: null, after: await this.snapshot(em, fields) });
      return row.id as string;
    }).catch((error) => this.duplicateReference(error));
    return this.get(user, id);
  }

  async update(user: CurrentUser, actor: Actor, missionId: string, input: UpdateMissionInput): Promise<MissionDto> {
    await this.dataSource.transaction(async (em) => {
      const access = await requireMissionAccess(em, user, missionId, 'ecrire');
      const [current] = await em.query(
        `SELECT m.financeur_id AS "financeurId", m.nature, m.thematique, m.intitule, m.prestataire, m.montant_engage::float8 AS "montantEngage",
                m.montant_verse::float8 AS "montantVerse", m.date_demande::text AS "dateDemande", m.date_debut::text AS "dateDebut", m.date_fin::text AS "dateFin",
                m.statut, m.date_engagement::text AS "dateEngagement", m.reference_externe AS "referenceExterne", m.source, m.date_source::text AS "dateSource",
                m.version, m.updated_at, u.display_name
           FROM mission m LEFT JOIN app_user u ON u.id = m.updated_by WHERE m.id = $1 FOR UPDATE OF m`,
        [missionId],
      );
      if (current.version !== input.version) throw versionConflict({ text: 'Cette mission', feminine: true }, current.display_name, current.updated_at);
      const next = fieldsOf(input);
      if (next.financeurId !== current.financeurId) {
        // A new funder must be one the caller may write for, on this PVD.
        const financeur = await this.financeur(em, next.financeurId);
        this.requireActive(financeur);
        if (!missionRights(user.memberships, access.territory, financeur.organisation_id).ecrire) {
          throw new AppError('FINANCEUR_NOT_YOURS', 'Vous ne pouvez pas attribuer cette mission à un autre financeur.', { financeurId: ['Ce financeur n’est pas le vôtre.'] });
        }
      }
      this.check(next);
      const { version: _v, updated_at: _u, display_name: _d, ...before } = current;
      if (fieldChanges(before, next).length === 0) return;
      await em.query(
        `UPDATE mission SET financeur_id = $2, nature = $3, thematique = $4, intitule = $5, prestataire = $6, montant_engage = $7, montant_verse = $8,
                date_demande = $9, date_debut = $10, date_fin = $11, statut = $12, date_engagement = $13, reference_externe = $14, source = $15, date_source = $16,
                updated_by = $17, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [missionId, ...this.values(next), user.id],
      );
      await this.audit.record(em, actor, {
        action: 'mission.modifiee',
        entityType: 'mission',
        entityId: missionId,
        pvdId: access.pvdId,
        before: await this.snapshot(em, before),
        after: await this.snapshot(em, next),
      });
    }).catch((error) => this.duplicateReference(error));
    return this.get(user, missionId);
  }

  /** PVDs the caller may attach a mission to, by name: all of them for a partner, their own for a chef de projet. */
  async pvdChoix(user: CurrentUser, q: string): Promise<PvdChoixDto[]> {
    const partner = partnerOrganisationIds(user.memberships).length > 0;
    const scope = partner ? { sql: 'TRUE', params: [] as unknown[] } : pvdScopeCondition(scopesFor(user.memberships, 'mission:saisir'), 1);
    const params = [...scope.params, `%${likeEscape(searchKey(q))}%`, `${likeEscape(q.trim().toUpperCase())}%`];
    const n = params.length - 1;
    return this.dataSource.query(
      `SELECT p.id, pn.nom, pn.departement_code AS "departementCode"
         FROM pvd p
         JOIN LATERAL (SELECT string_agg(c.nom, ' – ' ORDER BY c.population DESC NULLS LAST, c.insee) AS nom,
                              (array_agg(c.departement_code ORDER BY c.population DESC NULLS LAST))[1] AS departement_code,
                              bool_or(c.nom_recherche LIKE $${n} OR c.insee LIKE $${n + 1}) AS trouve
                         FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = p.id) pn ON TRUE
        WHERE ${scope.sql} AND pn.trouve ORDER BY pn.nom LIMIT 20`,
      params,
    );
  }

  /** The audited mission: its funder by name, as the history shows it. */
  private async snapshot(em: EntityManager, fields: MissionFieldsRecord): Promise<Record<string, unknown>> {
    const [f] = await em.query('SELECT nom FROM financeur WHERE id = $1', [fields.financeurId]);
    return { ...fields, financeur: f?.nom ?? null };
  }

  private check(fields: MissionFieldsRecord): void {
    const errors = missionErrors(fields, todayInFrance());
    if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', 'La mission ne peut pas être enregistrée : vérifiez les champs signalés.', errors);
  }

  private values(f: MissionFieldsRecord): unknown[] {
    return [
      f.financeurId,
      f.nature,
      f.thematique,
      f.intitule,
      f.prestataire,
      f.montantEngage,
      f.montantVerse,
      f.dateDemande,
      f.dateDebut,
      f.dateFin,
      f.statut,
      f.dateEngagement,
      f.referenceExterne,
      f.source,
      f.dateSource,
    ];
  }

  private async financeur(em: EntityManager, id: string): Promise<{ organisation_id: string | null; actif: boolean }> {
    const [row] = await em.query('SELECT organisation_id, actif FROM financeur WHERE id = $1', [id]);
    if (!row) throw new AppError('FINANCEUR_NOT_FOUND', 'Financeur introuvable.', { financeurId: ['Financeur inconnu.'] });
    return row;
  }

  private requireActive(financeur: { actif: boolean }): void {
    if (!financeur.actif) throw new AppError('VALIDATION_FAILED', 'Ce financeur n’est plus actif dans la liste.', { financeurId: ['Ce financeur n’est plus actif : choisissez-en un autre.'] });
  }

  private duplicateReference(error: unknown): never {
    if ((error as { constraint?: string }).constraint === 'uq_mission_reference') {
      throw new AppError('CONFLICT', 'Une mission de ce financeur porte déjà cette référence.', { referenceExterne: ['Référence déjà utilisée pour ce financeur.'] });
    }
    throw error;
  }
}

