import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canOn, coverageTerritory, fieldChanges, ortDateFin, ortErrors } from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { DataVersionMemo } from '../core/database/data-version-memo';
import { AppError } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import { requireDossierRead } from '../dossiers/pvd-access';
import { checkCoverageWrite, coverageFacet, coverageListConditions, coveredCommunes, pvdsCovering, requireConsistent, requireCoverageAccess, storedCommunes, storedPorteur } from './coverage';
import { requireNamedPlace } from './named-place';
import type { ConventionOrtDto, OrtDto, OrtDuDossierDto, OrtInput, UpdateOrtInput } from './dto/ort.dto';
import type { OrtsPageDto, OrtsQuery, OrtSummaryDto, OrtTri } from './dto/orts-list.dto';

const NOT_FOUND = { code: 'ORT_NOT_FOUND' as const, message: 'ORT introuvable.' };
/** Who writes ORT: a chef de projet over their communes, the ANCT anywhere (national loading and corrections). */
const ORT_WRITE = 'territoire:saisir' as const;

const ORT_SELECT = `
  SELECT o.id, o.libelle, o.epci_siren AS "epciSiren", e.nom AS "epciNom", o.statut, o.date_signature::text AS "dateSignature", o.duree_annees AS "dureeAnnees",
         o.convention_cadre_id AS "conventionCadreId", o.version, o.updated_at AS "modifieLe", u.display_name AS "modifiePar"
    FROM ort o LEFT JOIN epci e ON e.siren = o.epci_siren LEFT JOIN app_user u ON u.id = o.updated_by`;

/** The list's orders; the id last so that pages never overlap. */
const ORDER: Record<OrtTri, string> = {
  libelle: 'o.libelle, o.id',
  '-libelle': 'o.libelle DESC, o.id',
  dateSignature: 'o.date_signature NULLS LAST, o.libelle, o.id',
  '-dateSignature': 'o.date_signature DESC NULLS FIRST, o.libelle, o.id',
};

const CONVENTION_SELECT = `SELECT id, pvd_id AS "pvdId", etat, date_signature::text AS "dateSignature" FROM convention`;

/** The fields of an ORT as stored and audited. */
function fieldsOf(input: OrtInput) {
  return {
    libelle: input.libelle.trim(),
    epciSiren: input.epciSiren ?? null,
    statut: input.statut,
    dateSignature: input.dateSignature ?? null,
    dureeAnnees: input.dureeAnnees ?? null,
    conventionCadreId: input.conventionCadreId ?? null,
    communes: [...input.communes],
  };
}
type OrtFields = ReturnType<typeof fieldsOf>;

/**
 * Opérations de revitalisation de territoire: entered once over the communes they cover, shown on
 * the dossier of every PVD with one of those communes; each change is recorded in each of those
 * dossiers' history.
 */
@Injectable()
export class OrtsService {
  /** Totals (and filter choices), computed once per filter and data version, not at every page. */
  private readonly memo: DataVersionMemo;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    this.memo = new DataVersionMemo(dataSource);
  }

  /**
   * The ORT covering a commune of the PVD, and the PVD's convention-cadre when it is worth ORT: part
   * of the dossier's summary, read by a partner funding something in the PVD.
   */
  async forPvd(user: CurrentUser, pvdId: string): Promise<OrtDuDossierDto> {
    const access = await requireDossierRead(this.dataSource, user, pvdId);
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT oc.ort_id AS id FROM ort_commune oc JOIN pvd_commune pc ON pc.commune_insee = oc.commune_insee WHERE pc.pvd_id = $1`,
      [pvdId],
    );
    const [convention] = await this.dataSource.query(`${CONVENTION_SELECT} WHERE pvd_id = $1 AND type = 'cadre' AND vaut_ort`, [pvdId]);
    return {
      orts: await this.load(user, rows.map((r) => r.id)),
      conventionCadreOrt: (convention as ConventionOrtDto | undefined) ?? null,
      peutCreer: canOn(user.memberships, ORT_WRITE, access.territory),
    };
  }

  /**
   * The national list: the ORT covering a commune of the caller's territory, filtered; the totals
   * count each ORT once and each covered commune once (within the région or département filtered),
   * the programme's communes (members of a PVD today) apart from the others.
   */
  async list(user: CurrentUser, query: OrtsQuery): Promise<OrtsPageDto> {
    const { params, where, geoSql, scope } = coverageListConditions(user, { table: 'ort_commune', column: 'ort_id' }, query, (add) => {
      if (query.statut) add((n) => `o.statut = $${n}`, query.statut);
    });
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [rows, [totaux], regions, departements] = await Promise.all([
      this.dataSource.query(
        `SELECT o.id, o.libelle, o.statut, o.epci_siren AS "epciSiren", e.nom AS "epciNom", o.date_signature::text AS "dateSignature", o.duree_annees AS "dureeAnnees"
           FROM ort o LEFT JOIN epci e ON e.siren = o.epci_siren
          WHERE ${where} ORDER BY ${ORDER[query.tri ?? '-dateSignature']} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ) as Promise<Omit<OrtSummaryDto, 'dateFin' | 'communes'>[]>,
      this.memo.query<{ ort: number; communes: number; communesHorsPvd: number }[]>(
        `SELECT count(DISTINCT o.id)::int AS ort, count(DISTINCT gp.commune_insee)::int AS communes,
                (count(DISTINCT gc.insee) - count(DISTINCT gp.commune_insee))::int AS "communesHorsPvd"
           FROM ort o
           JOIN ort_commune goc ON goc.ort_id = o.id
           JOIN commune gc ON gc.insee = goc.commune_insee AND ${geoSql}
           LEFT JOIN pvd_commune gp ON gp.commune_insee = gc.insee
          WHERE ${where}`,
        params,
      ),
      coverageFacet(this.memo, 'ort_commune', 'region', scope),
      coverageFacet(this.memo, 'ort_commune', 'departement', scope),
    ]);
    const communes = await coveredCommunes(this.dataSource, 'ort_commune', 'ort_id', rows.map((r) => r.id));
    return {
      items: rows.map((row) => ({ ...row, dateFin: ortDateFin(row.dateSignature, row.dureeAnnees), communes: communes.get(row.id) ?? [] })),
      total: totaux?.ort ?? 0,
      page,
      pageSize,
      totaux: totaux ?? { ort: 0, communes: 0, communesHorsPvd: 0 },
      regions,
      departements,
    };
  }

  async create(user: CurrentUser, actor: Actor, input: OrtInput): Promise<OrtDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const fields = fieldsOf(input);
      await this.check(em, user, fields, [], null);
      const [row] = await em.query(
        `INSERT INTO ort (libelle, epci_siren, statut, date_signature, duree_annees, convention_cadre_id, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [fields.libelle, fields.epciSiren, fields.statut, fields.dateSignature, fields.dureeAnnees, fields.conventionCadreId, user.id],
      );
      await em.query('INSERT INTO ort_commune (ort_id, commune_insee) SELECT $1, unnest($2::varchar[])', [row.id, fields.communes]);
      await this.recordAudit(em, actor, 'ort.creee', row.id, null, fields);
      return row.id as string;
    });
    const [ort] = await this.load(user, [id]);
    return ort;
  }

  async update(user: CurrentUser, actor: Actor, ortId: string, input: UpdateOrtInput): Promise<OrtDto> {
    await this.dataSource.transaction(async (em) => {
      const [current] = await em.query(
        `SELECT o.libelle, o.epci_siren AS "epciSiren", o.statut, o.date_signature::text AS "dateSignature", o.duree_annees AS "dureeAnnees",
                o.convention_cadre_id AS "conventionCadreId", o.version, o.updated_at, u.display_name
           FROM ort o LEFT JOIN app_user u ON u.id = o.updated_by WHERE o.id = $1 FOR UPDATE OF o`,
        [ortId],
      );
      if (!current) throw new AppError(NOT_FOUND.code, NOT_FOUND.message);
      const communes: string[] = (await em.query('SELECT commune_insee FROM ort_commune WHERE ort_id = $1 ORDER BY commune_insee', [ortId])).map(
        (r: { commune_insee: string }) => r.commune_insee,
      );
      requireCoverageAccess(user, [...(await storedCommunes(em, communes)).values()], ORT_WRITE, NOT_FOUND);
      if (current.version !== input.version) throw versionConflict({ text: 'Cette ORT', feminine: true }, current.display_name, current.updated_at);
      const { version: _v, updated_at: _u, display_name: _d, ...rest } = current;
      const before: OrtFields = { ...rest, communes };
      const next = fieldsOf(input);
      await this.check(em, user, next, communes, current.epciSiren);
      if (fieldChanges(before, { ...next, communes: [...next.communes].sort() }).length === 0) return;
      await em.query(
        `UPDATE ort SET libelle = $2, epci_siren = $3, statut = $4, date_signature = $5, duree_annees = $6, convention_cadre_id = $7, updated_by = $8, updated_at = now(), version = version + 1 WHERE id = $1`,
        [ortId, next.libelle, next.epciSiren, next.statut, next.dateSignature, next.dureeAnnees, next.conventionCadreId, user.id],
      );
      await em.query('DELETE FROM ort_commune WHERE ort_id = $1 AND NOT (commune_insee = ANY($2::varchar[]))', [ortId, next.communes]);
      await em.query('INSERT INTO ort_commune (ort_id, commune_insee) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING', [ortId, next.communes]);
      await this.recordAudit(em, actor, 'ort.modifiee', ortId, before, next);
    });
    const [ort] = await this.load(user, [ortId]);
    return ort;
  }

  /**
   * Domain consistency, the EPCI's existence, who may write these communes, the signing EPCI
   * against them (all of them its members, within the caller's territory when it changes: see
   * `namedPlaceCheck`), then the convention-cadre worth ORT.
   */
  private async check(em: EntityManager, user: CurrentUser, fields: OrtFields, before: readonly string[], previousEpci: string | null): Promise<void> {
    const errors = ortErrors(fields);
    if (new Set(fields.communes).size !== fields.communes.length) (errors.communes ??= []).push('Chaque commune ne figure qu’une fois.');
    requireConsistent(errors, 'L’ORT');
    const porteur = fields.epciSiren ? await storedPorteur(em, 'epci', fields.epciSiren) : null;
    if (fields.epciSiren && !porteur) throw new AppError('VALIDATION_FAILED', 'EPCI inconnu.', { epciSiren: [`Aucun EPCI ne porte le SIREN ${fields.epciSiren}.`] });
    const covered = await checkCoverageWrite(em, user, { communes: fields.communes, before, porteur, permission: ORT_WRITE });
    if (porteur) {
      requireNamedPlace(user, ORT_WRITE, {
        use: 'epciSignataire',
        field: 'epciSiren',
        record: { communes: covered },
        place: porteur,
        previous: previousEpci ? { kind: 'epci', code: previousEpci } : null,
      });
    }
    if (fields.conventionCadreId) {
      const [convention] = await em.query(
        `SELECT c.id FROM convention c JOIN pvd_commune pc ON pc.pvd_id = c.pvd_id
          WHERE c.id = $1 AND c.type = 'cadre' AND c.vaut_ort AND pc.commune_insee = ANY($2::varchar[]) LIMIT 1`,
        [fields.conventionCadreId, fields.communes],
      );
      if (!convention) {
        throw new AppError('VALIDATION_FAILED', 'Cette convention ne vaut pas ORT pour ces communes.', {
          conventionCadreId: ['Choisissez la convention-cadre valant ORT d’une petite ville de demain couverte.'],
        });
      }
    }
  }

  /** One audit entry per PVD the ORT covers (before or after), so the change shows in each dossier's history. */
  private async recordAudit(em: EntityManager, actor: Actor, action: string, id: string, before: OrtFields | null, after: OrtFields): Promise<void> {
    const pvds = await pvdsCovering(em, [...new Set([...(before?.communes ?? []), ...after.communes])]);
    const snapshot = (f: OrtFields | null) => (f ? { ...f, communes: [...f.communes].sort() } : null);
    await this.audit.recordMany(
      em,
      actor,
      pvds.map((pvdId) => ({ action, entityType: 'ort', entityId: id, pvdId, before: snapshot(before), after: snapshot(after) })),
    );
  }

  private async load(user: CurrentUser, ids: readonly string[]): Promise<OrtDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.query(`${ORT_SELECT} WHERE o.id = ANY($1::uuid[]) ORDER BY o.date_signature DESC NULLS FIRST, o.libelle`, [ids]);
    const communes = await coveredCommunes(this.dataSource, 'ort_commune', 'ort_id', ids);
    const conventionIds = rows.flatMap((r: { conventionCadreId: string | null }) => (r.conventionCadreId ? [r.conventionCadreId] : []));
    const conventions: ConventionOrtDto[] = conventionIds.length ? await this.dataSource.query(`${CONVENTION_SELECT} WHERE id = ANY($1::uuid[])`, [conventionIds]) : [];
    const stored = await storedCommunes(this.dataSource, [...communes.values()].flat().map((c) => c.insee));
    return rows.map(({ conventionCadreId, ...row }: { id: string; conventionCadreId: string | null; dateSignature: string | null; dureeAnnees: number | null; modifieLe: Date }) => {
      const own = communes.get(row.id) ?? [];
      const territory = coverageTerritory(own.flatMap((c) => stored.get(c.insee) ?? []));
      return {
        ...row,
        dateFin: ortDateFin(row.dateSignature, row.dureeAnnees),
        communes: own,
        conventionCadre: conventions.find((c) => c.id === conventionCadreId) ?? null,
        peutModifier: canOn(user.memberships, ORT_WRITE, territory),
        modifieLe: new Date(row.modifieLe).toISOString(),
      } as OrtDto;
    });
  }
}
