import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, canOn, coverageTerritory, fieldChanges, habitatOperationErrors, operationHabitatConstats } from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { DataVersionMemo } from '../core/database/data-version-memo';
import { AppError } from '../core/errors/app-error';
import { requirePlausible } from '../core/errors/plausibility';
import { versionConflict } from '../core/errors/version-conflict';
import { pvdTerritory } from '../dossiers/pvd-access';
import { checkCoverageWrite, coverageFacet, coverageListConditions, coveredCommunes, pvdsCovering, requireConsistent, requireCoverageAccess, storedCommunes, storedPorteur } from './coverage';
import { requireNamedPlace } from './named-place';
import type {
  OperationHabitatDto,
  OperationHabitatFields,
  OperationHabitatSummaryDto,
  OperationsHabitatPageDto,
  OperationsHabitatQuery,
  UpdateOperationHabitatInput,
} from './dto/operation-habitat.dto';

const NOT_FOUND = { code: 'OPERATION_NOT_FOUND' as const, message: 'Opération d’habitat introuvable.' };

const SELECT = `
  SELECT o.id, o.type, o.libelle, o.phase, o.maitre_ouvrage_type AS "moType", o.maitre_ouvrage_code AS "moCode", coalesce(mc.nom, me.nom) AS "moNom",
         o.operateur, o.date_debut::text AS "dateDebut", o.date_fin::text AS "dateFin",
         o.engagement_anah::float8 AS "engagementAnah", o.engagement_collectivite::float8 AS "engagementCollectivite", o.objectifs`;
const FROM = `
    FROM operation_habitat o
    LEFT JOIN commune mc ON o.maitre_ouvrage_type = 'commune' AND mc.insee = o.maitre_ouvrage_code
    LEFT JOIN epci me ON o.maitre_ouvrage_type = 'epci' AND me.siren = o.maitre_ouvrage_code`;

interface Row {
  id: string;
  moType: 'commune' | 'epci';
  moCode: string;
  moNom: string | null;
  objectifs: { annee: number; objectif: number | null; traites: number | null }[];
  [key: string]: unknown;
}

/** The fields of an operation as stored and audited (communes as typed: the field paths follow their order). */
function fieldsOf(input: OperationHabitatFields) {
  return {
    type: input.type,
    libelle: input.libelle.trim(),
    maitreOuvrageType: input.maitreOuvrageType,
    maitreOuvrageCode: input.maitreOuvrageCode,
    operateur: input.operateur?.trim() || null,
    phase: input.phase,
    dateDebut: input.dateDebut ?? null,
    dateFin: input.dateFin ?? null,
    communes: [...input.communes],
    objectifs: [...input.objectifs].map((y) => ({ annee: y.annee, objectif: y.objectif ?? null, traites: y.traites ?? null })),
    engagementAnah: input.engagementAnah ?? null,
    engagementCollectivite: input.engagementCollectivite ?? null,
    motifDepassement: input.motifDepassement?.trim() || null,
  };
}
type Fields = ReturnType<typeof fieldsOf>;
const sorted = (f: Fields): Fields => ({ ...f, communes: [...f.communes].sort(), objectifs: [...f.objectifs].sort((a, b) => a.annee - b.annee) });

/**
 * Habitat operations (OPAH, PIG, RHI-THIRORI…): entered once over the communes they cover, shown
 * on the dossier of every PVD with one of those communes, listed nationally with their totals.
 */
@Injectable()
export class OperationsHabitatService {
  /** Totals and filter choices, computed once per filter and data version (not at every page). */
  private readonly memo: DataVersionMemo;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    this.memo = new DataVersionMemo(dataSource);
  }

  /**
   * The operations covering a commune of the caller's territory, filtered; the totals count each
   * operation once and each covered PVD commune once (within the région or département filtered).
   */
  async list(user: CurrentUser, query: OperationsHabitatQuery): Promise<OperationsHabitatPageDto> {
    // The communes counted: those of the région or département filtered, all otherwise.
    const { params, where, geoSql, scope } = coverageListConditions(user, { table: 'operation_habitat_commune', column: 'operation_id' }, query, (add) => {
      if (query.type) add((n) => `o.type = $${n}`, query.type);
      if (query.phase) add((n) => `o.phase = $${n}`, query.phase);
    });
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [rows, [totaux], regions, departements] = await Promise.all([
      this.dataSource.query(`${SELECT} ${FROM} WHERE ${where} ORDER BY o.date_debut DESC NULLS FIRST, o.libelle, o.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params) as Promise<Row[]>,
      this.memo.query<{ operations: number; communes: number; communesHorsPvd: number; pvd: number }[]>(
        // The counting rules: a covered commune counts for the programme when it is a member (today);
        // the others are covered « hors PVD », counted apart.
        `SELECT count(DISTINCT o.id)::int AS operations, count(DISTINCT gp.commune_insee)::int AS communes,
                (count(DISTINCT gc.insee) - count(DISTINCT gp.commune_insee))::int AS "communesHorsPvd", count(DISTINCT gp.pvd_id)::int AS pvd
           FROM operation_habitat o
           JOIN operation_habitat_commune goc ON goc.operation_id = o.id
           JOIN commune gc ON gc.insee = goc.commune_insee AND ${geoSql}
           LEFT JOIN pvd_commune gp ON gp.commune_insee = gc.insee
          WHERE ${where}`,
        params,
      ),
      coverageFacet(this.memo, 'operation_habitat_commune', 'region', scope),
      coverageFacet(this.memo, 'operation_habitat_commune', 'departement', scope),
    ]);
    return {
      items: await this.summaries(rows),
      total: totaux.operations,
      page,
      pageSize,
      totaux,
      regions,
      departements,
      peutCreer: await this.canCreate(user, query.pvdId),
    };
  }

  private async canCreate(user: CurrentUser, pvdId: string | undefined): Promise<boolean> {
    if (!pvdId) return can(user.memberships, 'pvd:modifier');
    const territory = await pvdTerritory(this.dataSource, pvdId);
    return territory !== null && canOn(user.memberships, 'pvd:modifier', territory);
  }

  async get(user: CurrentUser, id: string): Promise<OperationHabitatDto> {
    const communes = await this.communesOf(this.dataSource, id);
    requireCoverageAccess(user, [...(await storedCommunes(this.dataSource, communes)).values()], 'pvd:lire', NOT_FOUND);
    const [row] = await this.dataSource.query(
      `${SELECT}, o.reference_externe AS "referenceExterne", o.motif_depassement AS "motifDepassement", o.version, o.updated_at AS "modifieLe", u.display_name AS "modifiePar"
         ${FROM} LEFT JOIN app_user u ON u.id = o.updated_by WHERE o.id = $1`,
      [id],
    );
    const [summary] = await this.summaries([row]);
    const territory = coverageTerritory([...(await storedCommunes(this.dataSource, communes)).values()]);
    return {
      ...summary,
      objectifs: [...row.objectifs].sort((a: { annee: number }, b: { annee: number }) => a.annee - b.annee),
      referenceExterne: row.referenceExterne,
      motifDepassement: row.motifDepassement,
      peutModifier: canOn(user.memberships, 'pvd:modifier', territory),
      version: row.version,
      modifieLe: new Date(row.modifieLe).toISOString(),
      modifiePar: row.modifiePar,
    };
  }

  async create(user: CurrentUser, actor: Actor, input: OperationHabitatFields): Promise<OperationHabitatDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const fields = fieldsOf(input);
      await this.check(em, user, fields, [], null);
      const [row] = await em.query(
        `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, operateur, phase, date_debut, date_fin, objectifs, engagement_anah, engagement_collectivite,
                                        motif_depassement, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [...this.values(fields), user.id],
      );
      await em.query('INSERT INTO operation_habitat_commune (operation_id, commune_insee) SELECT $1, unnest($2::varchar[])', [row.id, fields.communes]);
      await this.recordAudit(em, actor, 'operation_habitat.creee', row.id, null, fields);
      return row.id as string;
    });
    return this.get(user, id);
  }

  async update(user: CurrentUser, actor: Actor, id: string, input: UpdateOperationHabitatInput): Promise<OperationHabitatDto> {
    await this.dataSource.transaction(async (em) => {
      const [current] = await em.query(
        `SELECT o.type, o.libelle, o.maitre_ouvrage_type AS "maitreOuvrageType", o.maitre_ouvrage_code AS "maitreOuvrageCode", o.operateur, o.phase,
                o.date_debut::text AS "dateDebut", o.date_fin::text AS "dateFin", o.objectifs, o.engagement_anah::float8 AS "engagementAnah",
                o.engagement_collectivite::float8 AS "engagementCollectivite", o.motif_depassement AS "motifDepassement", o.version, o.updated_at, u.display_name
           FROM operation_habitat o LEFT JOIN app_user u ON u.id = o.updated_by WHERE o.id = $1 FOR UPDATE OF o`,
        [id],
      );
      if (!current) throw new AppError(NOT_FOUND.code, NOT_FOUND.message);
      const communes = await this.communesOf(em, id);
      requireCoverageAccess(user, [...(await storedCommunes(em, communes)).values()], 'pvd:modifier', NOT_FOUND);
      if (current.version !== input.version) throw versionConflict({ text: 'Cette opération', feminine: true }, current.display_name, current.updated_at);
      const { version: _v, updated_at: _u, display_name: _d, ...rest } = current;
      const before = sorted({ ...rest, communes });
      const next = fieldsOf(input);
      await this.check(em, user, next, communes, { kind: current.maitreOuvrageType, code: current.maitreOuvrageCode });
      if (fieldChanges(before, sorted(next)).length === 0) return;
      await em.query(
        `UPDATE operation_habitat SET type = $2, libelle = $3, maitre_ouvrage_type = $4, maitre_ouvrage_code = $5, operateur = $6, phase = $7, date_debut = $8, date_fin = $9,
                objectifs = $10, engagement_anah = $11, engagement_collectivite = $12, motif_depassement = $13, updated_by = $14, updated_at = now(), version = version + 1
          WHERE id = $1`,
        [id, ...this.values(next), user.id],
      );
      await em.query('DELETE FROM operation_habitat_commune WHERE operation_id = $1 AND NOT (commune_insee = ANY($2::varchar[]))', [id, next.communes]);
      await em.query('INSERT INTO operation_habitat_commune (operation_id, commune_insee) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING', [id, next.communes]);
      await this.recordAudit(em, actor, 'operation_habitat.modifiee', id, before, next);
    });
    return this.get(user, id);
  }

  private async communesOf(db: DataSource | EntityManager, id: string): Promise<string[]> {
    const rows: { commune_insee: string }[] = await db.query('SELECT commune_insee FROM operation_habitat_commune WHERE operation_id = $1 ORDER BY commune_insee', [id]);
    return rows.map((r) => r.commune_insee);
  }

  /**
   * Domain consistency, the maître d'ouvrage's existence, who may write these communes, then the
   * maître d'ouvrage against them: one of the covered communes or an EPCI one of them belongs to,
   * within the caller's territory when it changes (see `namedPlaceCheck`).
   */
  private async check(em: EntityManager, user: CurrentUser, fields: Fields, before: readonly string[], previous: { kind: 'commune' | 'epci'; code: string } | null): Promise<void> {
    requireConsistent(habitatOperationErrors(fields), 'L’opération');
    const expected = fields.maitreOuvrageType === 'epci' ? /^\d{9}$/ : /^(\d{5}|2[AB]\d{3})$/;
    const porteur = expected.test(fields.maitreOuvrageCode) ? await storedPorteur(em, fields.maitreOuvrageType, fields.maitreOuvrageCode) : null;
    if (!porteur) {
      throw new AppError('VALIDATION_FAILED', 'Maître d’ouvrage inconnu.', {
        maitreOuvrageCode: [fields.maitreOuvrageType === 'epci' ? 'Aucun EPCI ne porte ce SIREN.' : 'Aucune commune ne porte ce code INSEE.'],
      });
    }
    const covered = await checkCoverageWrite(em, user, { communes: fields.communes, before, porteur });
    requireNamedPlace(user, 'pvd:modifier', { use: 'maitreOuvrage', field: 'maitreOuvrageCode', record: { communes: covered }, place: porteur, previous });
    // The commitments against the population of the communes covered: the reason is kept only when they are unusual.
    const [{ population }] = await em.query('SELECT sum(population)::float8 AS population FROM commune WHERE insee = ANY($1::varchar[])', [fields.communes]);
    fields.motifDepassement = requirePlausible(operationHabitatConstats({ ...fields, population }), fields.motifDepassement);
  }

  /** One audit entry per PVD the operation covers (before or after): it shows in each dossier's history. */
  private async recordAudit(em: EntityManager, actor: Actor, action: string, id: string, before: Fields | null, after: Fields): Promise<void> {
    const pvds = await pvdsCovering(em, [...new Set([...(before?.communes ?? []), ...after.communes])]);
    const snapshot = (f: Fields | null) => (f ? sorted(f) : null);
    await this.audit.recordMany(
      em,
      actor,
      pvds.map((pvdId) => ({ action, entityType: 'operation_habitat', entityId: id, pvdId, before: snapshot(before), after: snapshot(after) })),
    );
  }

  private values(f: Fields): unknown[] {
    return [f.type, f.libelle, f.maitreOuvrageType, f.maitreOuvrageCode, f.operateur, f.phase, f.dateDebut, f.dateFin, JSON.stringify(f.objectifs), f.engagementAnah, f.engagementCollectivite, f.motifDepassement];
  }

  private async summaries(rows: Row[]): Promise<OperationHabitatSummaryDto[]> {
    const communes = await coveredCommunes(this.dataSource, 'operation_habitat_commune', 'operation_id', rows.map((r) => r.id));
    const total = (values: (number | null)[]) => (values.some((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null);
    return rows.map(({ moType, moCode, moNom, objectifs, ...row }) => ({
      ...(row as unknown as Omit<OperationHabitatSummaryDto, 'maitreOuvrage' | 'communes' | 'objectifTotal' | 'traitesTotal'>),
      maitreOuvrage: { type: moType, code: moCode, nom: moNom },
      communes: communes.get(row.id) ?? [],
      objectifTotal: total(objectifs.map((y) => y.objectif)),
      traitesTotal: total(objectifs.map((y) => y.traites)),
    }));
  }
}
