import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  can,
  dispositifCouvre,
  fieldChanges,
  FINANCEMENT_STATUTS_ENGAGES,
  type FinancementNature,
  isForeignDispositif,
  ligneFinancementConstats,
  ligneFinancementErrors,
  ligneFinancementRights,
  partnerOrganisationIds,
  roleCan,
  scopesFor,
  searchKey,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { likeEscape } from '../core/database/like-escape';
import { DataVersionMemo } from '../core/database/data-version-memo';
import { GENERIC_PLAN } from '../core/database/preparing-client';
import { AppError } from '../core/errors/app-error';
import { requirePlausible } from '../core/errors/plausibility';
import { versionConflict } from '../core/errors/version-conflict';
import { beneficiaireDansLeProgrammeSql, siegeEpciLateralSql } from '../comptage/comptage-sql';
import { pvdResumeCondition, pvdTerritory } from '../dossiers/pvd-access';
import { pvdScopeCondition } from '../organisations/scope-sql';
import { beneficiaireScopeCondition, beneficiaireTerritoire, pvdsOfBeneficiaire } from './beneficiaire-sql';
import type { BeneficiaireDto, LigneDto, LigneFields, LignesFilters, LignesPageDto, LignesQuery, LigneSummaryDto, LignesTotauxDto, UpdateLigneInput } from './dto/financements.dto';
import { requireLigneAccess } from './ligne-access';

/** The columns of a line as listed and exported. */
export const LIGNE_SELECT = `
  SELECT l.id, l.dispositif_id AS "dispositifId", d.nom AS "dispositifNom", d.financeur_id AS "financeurId", f.nom AS "financeurNom", d.pilier, d.nature,
         l.beneficiaire_type AS "beneficiaireType", l.beneficiaire_code AS "beneficiaireCode", COALESCE(bc.nom, be.nom, l.beneficiaire_code) AS "beneficiaireNom",
         COALESCE(bc.departement_code, bs.departement_code) AS "departementCode", NOT dp.dans_pvd AS "horsPvd",
         l.projet, l.montant::float8 AS montant, l.statut, l.date_demande::text AS "dateDemande", l.date_engagement::text AS "dateEngagement",
         l.date_contractualisation::text AS "dateContractualisation", l.date_versement::text AS "dateVersement", l.annee_campagne AS "anneeCampagne",
         l.reference_externe AS "referenceExterne", l.source, l.date_source::text AS "dateSource", l.logements, l.dossiers`;

/** The line with its dispositif and funder: enough to choose a page when no filter reads the beneficiary. */
const LIGNE_BASE_FROM = `
    FROM ligne_financement l
    JOIN dispositif d ON d.id = l.dispositif_id
    JOIN financeur f ON f.id = d.financeur_id`;
export const LIGNE_FROM = `${LIGNE_BASE_FROM}
    LEFT JOIN commune bc ON l.beneficiaire_type = 'commune' AND bc.insee = l.beneficiaire_code
    LEFT JOIN epci be ON l.beneficiaire_type = 'epci' AND be.siren = l.beneficiaire_code
    LEFT JOIN LATERAL ${siegeEpciLateralSql('be.siren')} bs ON l.beneficiaire_type = 'epci'
    CROSS JOIN LATERAL (SELECT ${beneficiaireDansLeProgrammeSql('l.beneficiaire_type', 'l.beneficiaire_code')} AS dans_pvd) dp`;

/**
 * The ids (column `id`) of the PVDs of a line's beneficiary: the commune's; for an EPCI, its
 * communes' and those attached to it. One index probe per branch (the commune's key, the EPCI's
 * communes' keys as one array, `idx_pvd_epci`): written as OR'd `IN` conditions over `pvd`, it
 * scanned every PVD of the nation and every commune of a PVD for each line shown.
 */
function beneficiairePvdIdsSql(type: string, code: string): string {
  return `(SELECT lp.pvd_id AS id FROM pvd_commune lp WHERE ${type} = 'commune' AND lp.commune_insee = ${code}
           UNION SELECT lp.pvd_id FROM pvd_commune lp
                  WHERE ${type} = 'epci' AND lp.commune_insee = ANY (ARRAY(SELECT lc.insee FROM commune lc WHERE lc.epci_siren = ${code}))
           UNION SELECT le.id FROM pvd le WHERE ${type} = 'epci' AND le.epci_siren = ${code})`;
}

/** A PVD's name (alias `p`): its communes', the most populous first. */
const PVD_NOM_LATERAL = `(SELECT string_agg(pc2.nom, ' – ' ORDER BY pc2.population DESC NULLS LAST, pc2.insee) AS nom
                           FROM pvd_commune pp JOIN commune pc2 ON pc2.insee = pp.commune_insee WHERE pp.pvd_id = p.id)`;

/** The lists' order: the most recent status first (index idx_ligne_financement_recence), the id last so pages never overlap. */
const LIGNE_ORDER = 'COALESCE(l.date_versement, l.date_contractualisation, l.date_engagement, l.date_demande) DESC NULLS LAST, l.created_at DESC, l.id';

/** The fields of a line as stored and audited. */
function fieldsOf(input: LigneFields) {
  return {
    dispositifId: input.dispositifId,
    beneficiaireType: input.beneficiaireType,
    beneficiaireCode: input.beneficiaireCode,
    projet: input.projet.trim(),
    montant: input.montant,
    statut: input.statut,
    dateDemande: input.dateDemande ?? null,
    dateEngagement: input.dateEngagement ?? null,
    dateContractualisation: input.dateContractualisation ?? null,
    dateVersement: input.dateVersement ?? null,
    anneeCampagne: input.anneeCampagne ?? null,
    referenceExterne: input.referenceExterne?.trim() || null,
    source: input.source?.trim() || null,
    dateSource: input.dateSource ?? null,
    logements: input.logements ?? null,
    dossiers: input.dossiers ?? null,
    motifDepassement: input.motifDepassement?.trim() || null,
  };
}
type LigneRecord = ReturnType<typeof fieldsOf>;

interface DispositifRow {
  id: string;
  code: string;
  nom: string;
  nature: FinancementNature;
  actif: boolean;
  organisation_id: string | null;
  annee_debut: number | null;
  annee_fin: number | null;
  compte_logements: boolean;
  compte_dossiers: boolean;
}

/**
 * Financing lines: read by the readers of the beneficiary's territory and by the partner owning
 * the dispositif; written by a chef de projet over the beneficiary, or by that partner anywhere.
 */
@Injectable()
export class LignesService {
  /** Totals (and filter choices), computed once per filter and data version, not at every page. */
  private readonly memo: DataVersionMemo;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    this.memo = new DataVersionMemo(dataSource);
  }

  /** The WHERE clause of the lines the caller may read, with the filters. */
  where(user: CurrentUser, filters: LignesFilters): { sql: string; params: unknown[]; readsBeneficiaire: boolean; readsDispositif: boolean } {
    const scope = beneficiaireScopeCondition(scopesFor(user.memberships, 'pvd:lire'), 1, true);
    const params: unknown[] = [...scope.params, partnerOrganisationIds(user.memberships)];
    // A national reader reads every line: the financer's organisation is not asked (nor joined).
    const national = scope.sql === 'TRUE';
    const conditions = [national ? `(TRUE OR $${params.length}::uuid[] IS NULL)` : `(${scope.sql} OR f.organisation_id = ANY($${params.length}::uuid[]))`];
    const filter = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(params.length));
    };
    if (filters.pvdId)
      filter(
        // One (type, code) list probed through the beneficiary index: a dossier's lines cost the
        // same whatever the nation's size (two OR'd IN conditions made PostgreSQL scan every line).
        (n) => `(l.beneficiaire_type, l.beneficiaire_code) IN (
                  SELECT 'commune', fpc.commune_insee FROM pvd_commune fpc WHERE fpc.pvd_id = $${n}
                  UNION ALL SELECT 'epci', fc.epci_siren FROM pvd_commune fpc JOIN commune fc ON fc.insee = fpc.commune_insee WHERE fpc.pvd_id = $${n} AND fc.epci_siren IS NOT NULL
                  UNION ALL SELECT 'epci', fp.epci_siren FROM pvd fp WHERE fp.id = $${n} AND fp.epci_siren IS NOT NULL)`,
        filters.pvdId,
      );
    if (filters.dispositifId) filter((n) => `l.dispositif_id = $${n}`, filters.dispositifId);
    if (filters.financeurId) filter((n) => `d.financeur_id = $${n}`, filters.financeurId);
    if (filters.pilier) filter((n) => `d.pilier = $${n}`, filters.pilier);
    if (filters.statut) filter((n) => `l.statut = $${n}`, filters.statut);
    if (filters.annee) filter((n) => `l.annee_campagne = $${n}`, filters.annee);
    // The attribution area of the counting rules (`zoneDuBeneficiaire`, as the indicators): a
    // commune's département (région), an EPCI's seat's — an EPCI's line is in one area only, so
    // the areas' totals add up to the nation's.
    if (filters.departement) filter((n) => `COALESCE(bc.departement_code, bs.departement_code) = $${n}`, filters.departement);
    if (filters.region) filter((n) => `COALESCE(bc.region_code, bs.region_code) = $${n}`, filters.region);
    if (filters.horsPvd !== undefined) filter((n) => `dp.dans_pvd <> $${n}::boolean`, filters.horsPvd);
    if (filters.q?.trim()) {
      params.push(`%${likeEscape(filters.q.trim())}%`, `%${likeEscape(searchKey(filters.q))}%`);
      const [text, key] = [params.length - 1, params.length];
      conditions.push(
        `(l.projet ILIKE $${text} OR l.reference_externe ILIKE $${text} OR d.nom ILIKE $${text} OR be.nom ILIKE $${text} OR bc.nom_recherche LIKE $${key} OR l.beneficiaire_code LIKE $${text})`,
      );
    }
    // The filters that read the beneficiary's joins (aliases bc, be, bs, dp of LIGNE_FROM); the scope reads the line alone.
    const readsBeneficiaire = Boolean(filters.departement || filters.region || filters.horsPvd !== undefined || filters.q?.trim());
    // Those that read the line's dispositif or financer (aliases d, f).
    const readsDispositif = !national || Boolean(filters.financeurId || filters.pilier || filters.q?.trim());
    return { sql: conditions.join(' AND '), params, readsBeneficiaire, readsDispositif };
  }

  /** `peutModifier` of each listed line, in SQL: the same rule as `ligneFinancementRights`. */
  private writeColumn(user: CurrentUser, firstParam: number): { sql: string; params: unknown[] } {
    const writers = user.memberships.filter((m) => m.organisationType !== 'partenaire');
    const scope = beneficiaireScopeCondition(scopesFor(writers, 'pvd:modifier'), firstParam, false);
    const owners = [...new Set(user.memberships.filter((m) => m.organisationType === 'partenaire' && roleCan(m.role, 'financement:saisir')).map((m) => m.organisationId))];
    const n = firstParam + scope.params.length;
    return { sql: `(${scope.sql} OR f.organisation_id = ANY($${n}::uuid[])) AS "peutModifier"`, params: [...scope.params, owners] };
  }

  /** Which PVDs (alias `p`, a few: those a page of lines links to) the caller opens, at least in summary. */
  private visiblePvds(user: CurrentUser, firstParam: number): { sql: string; params: unknown[] } {
    const scope = pvdScopeCondition(scopesFor(user.memberships, 'pvd:lire'), firstParam, true);
    const visible = pvdResumeCondition(user, scope, firstParam + scope.params.length);
    return { sql: visible.sql, params: [...scope.params, ...visible.params] };
  }

  /**
   * `pvds` of the lines of table `page` (their ids), in SQL: the PVDs of each line's beneficiary
   * (the commune's; the EPCI's communes' and those attached to the EPCI, as a dossier's financing
   * section lists them) whose dossier the caller opens, at least in summary — links from the line
   * to the dossier. Computed once per beneficiary and each PVD's name once (lines of one
   * beneficiary share their PVDs): CTEs to put after `page`, and the join that gives each line its
   * `pvds` (alias `bp`). A page of the list, or the one line read.
   */
  private pagePvds(user: CurrentUser, firstParam: number): { ctes: string; join: string; params: unknown[] } {
    const visible = this.visiblePvds(user, firstParam);
    return {
      ctes: `page_benef AS (
           SELECT DISTINCT pl.beneficiaire_type, pl.beneficiaire_code FROM ligne_financement pl WHERE pl.id IN (SELECT id FROM page)),
         page_benef_pvd AS (
           SELECT b.beneficiaire_type, b.beneficiaire_code, lb.id AS pvd_id
             FROM page_benef b CROSS JOIN LATERAL ${beneficiairePvdIdsSql('b.beneficiaire_type', 'b.beneficiaire_code')} lb),
         page_pvd AS (
           SELECT p.id, pn.nom FROM (SELECT DISTINCT pvd_id FROM page_benef_pvd) d JOIN pvd p ON p.id = d.pvd_id
            CROSS JOIN LATERAL ${PVD_NOM_LATERAL} pn
            WHERE ${visible.sql}),
         page_pvds AS (
           SELECT bp.beneficiaire_type, bp.beneficiaire_code, json_agg(json_build_object('id', pp.id, 'nom', pp.nom) ORDER BY pp.nom, pp.id) AS pvds
             FROM page_benef_pvd bp JOIN page_pvd pp ON pp.id = bp.pvd_id GROUP BY bp.beneficiaire_type, bp.beneficiaire_code)`,
      join: 'LEFT JOIN page_pvds bp ON bp.beneficiaire_type = l.beneficiaire_type AND bp.beneficiaire_code = l.beneficiaire_code',
      params: visible.params,
    };
  }

  async list(user: CurrentUser, query: LignesQuery): Promise<LignesPageDto> {
    const { sql: where, params, readsBeneficiaire, readsDispositif } = this.where(user, query);
    const write = this.writeColumn(user, params.length + 1);
    const pvds = this.pagePvds(user, params.length + write.params.length + 1);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const engages = FINANCEMENT_STATUTS_ENGAGES as readonly string[];
    const [rows, [totaux]] = await Promise.all([
      // The page is chosen first (filters and the recency order only, through the recency index; the
      // beneficiary's joins, the dispositif's and the financer's only when a condition reads them:
      // a national page 200 skips 9,950 index entries, 8.5 ms with the joins, 3.7 without); what each row
      // shows besides (rights, the dossiers it opens) is computed for the page's rows alone.
      // A dossier's lines: every parameter an id or a scope's codes, a generic plan (see GENERIC_PLAN).
      this.dataSource.query(
        `${query.pvdId ? GENERIC_PLAN : ''}WITH page AS (
           SELECT l.id ${readsBeneficiaire ? LIGNE_FROM : readsDispositif ? LIGNE_BASE_FROM : 'FROM ligne_financement l'} WHERE ${where}
            ORDER BY ${LIGNE_ORDER} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}),
         ${pvds.ctes}
         ${LIGNE_SELECT}, ${write.sql}, COALESCE(bp.pvds, '[]'::json) AS pvds ${LIGNE_FROM} ${pvds.join}
          WHERE l.id IN (SELECT id FROM page) ORDER BY ${LIGNE_ORDER}`,
        [...params, ...write.params, ...pvds.params],
      ) as Promise<LigneSummaryDto[]>,
      // The counting rules: a line whose beneficiary is outside the programme (« hors PVD ») is
      // listed and counted apart, never in the amounts; engaged money is the domain's engaged statuses.
      this.memo.query<(Omit<LignesTotauxDto, 'engageParPilier'> & { engageIngenierie: number; engageThematique: number })[]>(
        `SELECT count(*)::int AS nombre, (count(*) FILTER (WHERE NOT dp.dans_pvd))::int AS "nombreHorsPvd",
                COALESCE(sum(l.montant) FILTER (WHERE dp.dans_pvd), 0)::float8 AS montant,
                COALESCE(sum(l.montant) FILTER (WHERE dp.dans_pvd AND l.statut = ANY($${params.length + 1}::text[])), 0)::float8 AS "montantEngage",
                COALESCE(sum(l.montant) FILTER (WHERE dp.dans_pvd AND l.statut = 'verse'), 0)::float8 AS "montantVerse",
                COALESCE(sum(l.montant) FILTER (WHERE dp.dans_pvd AND l.statut = ANY($${params.length + 1}::text[]) AND d.pilier = 'ingenierie'), 0)::float8 AS "engageIngenierie",
                COALESCE(sum(l.montant) FILTER (WHERE dp.dans_pvd AND l.statut = ANY($${params.length + 1}::text[]) AND d.pilier = 'thematique'), 0)::float8 AS "engageThematique",
                COALESCE(sum(l.logements) FILTER (WHERE dp.dans_pvd AND d.compte_logements), 0)::int AS logements,
                COALESCE(sum(l.dossiers) FILTER (WHERE dp.dans_pvd AND d.compte_dossiers), 0)::int AS dossiers
           ${LIGNE_FROM} WHERE ${where}`,
        [...params, engages],
      ),
    ]);
    const { engageIngenierie, engageThematique, ...rest } = totaux;
    return {
      items: rows,
      total: totaux.nombre,
      page,
      pageSize,
      totaux: { ...rest, engageParPilier: { ingenierie: engageIngenierie, thematique: engageThematique } },
      peutCreer: await this.canCreate(user, query.pvdId),
    };
  }

  /** Whether the caller may enter a line: for that PVD's communes when the list is one PVD's, anywhere otherwise. */
  private async canCreate(user: CurrentUser, pvdId: string | undefined): Promise<boolean> {
    const partner = user.memberships.some((m) => m.organisationType === 'partenaire' && roleCan(m.role, 'financement:saisir'));
    const writers = user.memberships.filter((m) => m.organisationType !== 'partenaire');
    if (partner) {
      const [owned] = await this.dataSource.query(
        'SELECT 1 FROM dispositif d JOIN financeur f ON f.id = d.financeur_id WHERE d.actif AND f.organisation_id = ANY($1::uuid[]) LIMIT 1',
        [partnerOrganisationIds(user.memberships)],
      );
      if (owned) return true;
    }
    if (!pvdId) return can(writers, 'pvd:modifier');
    const territory = await pvdTerritory(this.dataSource, pvdId);
    return territory !== null && ligneFinancementRights(writers, { type: 'commune', territory }, null).ecrire;
  }

  async get(user: CurrentUser, id: string, db: DataSource | EntityManager = this.dataSource): Promise<LigneDto> {
    const access = await requireLigneAccess(db, user, id, 'lire');
    const pvds = this.pagePvds(user, 2);
    const [row] = await db.query(
      `WITH page AS (SELECT $1::uuid AS id), ${pvds.ctes}
       ${LIGNE_SELECT}, l.import_id AS "importId", l.motif_depassement AS "motifDepassement", l.version, l.updated_at AS "modifieLe", u.display_name AS "modifiePar",
              COALESCE(bp.pvds, '[]'::json) AS pvds
         ${LIGNE_FROM} ${pvds.join} LEFT JOIN app_user u ON u.id = l.updated_by WHERE l.id = $1`,
      [id, ...pvds.params],
    );
    return { ...row, peutModifier: access.rights.ecrire, modifieLe: new Date(row.modifieLe).toISOString() };
  }

  async create(user: CurrentUser, actor: Actor, input: LigneFields): Promise<LigneDto> {
    const id = await this.dataSource
      .transaction(async (em) => {
        const fields = fieldsOf(input);
        const dispositif = await this.dispositif(em, fields.dispositifId);
        this.requireActive(dispositif);
        await this.requireWritable(em, user, fields, dispositif);
        this.check(fields, dispositif);
        const [row] = await em.query(
          `INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande, date_engagement, date_contractualisation,
                                          date_versement, annee_campagne, reference_externe, source, date_source, logements, dossiers, motif_depassement, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
          [...this.values(fields), user.id],
        );
        await this.recordAudit(em, actor, 'ligne_financement.creee', row.id, null, fields);
        return row.id as string;
      })
      .catch((error) => this.duplicateReference(error));
    return this.get(user, id);
  }

  async update(user: CurrentUser, actor: Actor, id: string, input: UpdateLigneInput): Promise<LigneDto> {
    await this.dataSource
      .transaction(async (em) => {
        await requireLigneAccess(em, user, id, 'ecrire');
        const current = await this.current(em, id);
        if (current.version !== input.version) throw versionConflict({ text: 'Cette ligne de financement', feminine: true }, current.display_name, current.updated_at);
        const next = fieldsOf(input);
        const dispositif = await this.dispositif(em, next.dispositifId);
        const { version: _v, updated_at: _u, display_name: _d, ...before } = current;
        if (next.dispositifId !== before.dispositifId) this.requireActive(dispositif);
        // Moving the line (another dispositif or beneficiary): the caller must be able to write it there too.
        if (next.dispositifId !== before.dispositifId || next.beneficiaireType !== before.beneficiaireType || next.beneficiaireCode !== before.beneficiaireCode) {
          await this.requireWritable(em, user, next, dispositif);
        }
        this.check(next, dispositif);
        if (fieldChanges(before, next).length === 0) return;
        await em.query(
          `UPDATE ligne_financement SET dispositif_id = $2, beneficiaire_type = $3, beneficiaire_code = $4, projet = $5, montant = $6, statut = $7, date_demande = $8,
                  date_engagement = $9, date_contractualisation = $10, date_versement = $11, annee_campagne = $12, reference_externe = $13, source = $14, date_source = $15,
                  logements = $16, dossiers = $17, motif_depassement = $18, updated_by = $19, updated_at = now(), version = version + 1
            WHERE id = $1`,
          [id, ...this.values(next), user.id],
        );
        await this.recordAudit(em, actor, 'ligne_financement.modifiee', id, before, next);
      })
      .catch((error) => this.duplicateReference(error));
    return this.get(user, id);
  }

  async remove(user: CurrentUser, actor: Actor, id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await requireLigneAccess(em, user, id, 'ecrire');
      const current = await this.current(em, id);
      if (current.version !== version) throw versionConflict({ text: 'Cette ligne de financement', feminine: true }, current.display_name, current.updated_at);
      const { version: _v, updated_at: _u, display_name: _d, ...before } = current;
      await em.query('DELETE FROM ligne_financement WHERE id = $1', [id]);
      await this.recordAudit(em, actor, 'ligne_financement.supprimee', id, before, null);
    });
  }

  /** Communes and EPCIs the caller may enter a line for, by name or code: anywhere for a partner, their own territory for a chef de projet. */
  async beneficiaires(user: CurrentUser, q: string, pvdId: string | undefined): Promise<BeneficiaireDto[]> {
    const partner = user.memberships.some((m) => m.organisationType === 'partenaire' && roleCan(m.role, 'financement:saisir'));
    const scopes = scopesFor(
      user.memberships.filter((m) => m.organisationType !== 'partenaire'),
      'pvd:modifier',
    );
    if (!partner && scopes.length === 0) return [];
    const national = partner || scopes.some((s) => s.kind === 'national');
    const list = (kind: 'commune' | 'epci' | 'departement' | 'region') =>
      scopes.flatMap((s) => (s.kind === kind ? [kind === 'commune' ? (s as { insee: string }).insee : kind === 'epci' ? (s as { siren: string }).siren : (s as { code: string }).code] : []));
    const text = q.trim();
    const params = [`%${likeEscape(searchKey(text))}%`, `${likeEscape(text.toUpperCase())}%`, national, list('commune'), list('epci'), list('departement'), list('region'), pvdId ?? null, `%${likeEscape(text)}%`];
    // A commune is in a writer's scope by itself, its EPCI, département or région; an EPCI by itself, or a département/région of its communes.
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT 'commune' AS type, c.insee AS code, c.nom, c.departement_code AS "departementCode",
                EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.pvd_id = $8 AND pc.commune_insee = c.insee) AS du_pvd, c.population
           FROM commune c
          WHERE (c.nom_recherche LIKE $1 OR c.insee LIKE $2)
            AND ($3 OR c.insee = ANY($4::varchar[]) OR c.epci_siren = ANY($5::varchar[]) OR c.departement_code = ANY($6::varchar[]) OR c.region_code = ANY($7::varchar[]))
          ORDER BY c.population DESC NULLS LAST LIMIT 20) communes
       UNION ALL
       SELECT * FROM (
         SELECT 'epci' AS type, e.siren AS code, e.nom,
                (SELECT ec.departement_code FROM commune ec WHERE ec.epci_siren = e.siren GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS "departementCode",
                EXISTS (SELECT 1 FROM pvd_commune pc JOIN commune pcc ON pcc.insee = pc.commune_insee WHERE pc.pvd_id = $8 AND pcc.epci_siren = e.siren) AS du_pvd, e.population
           FROM epci e
          WHERE (e.nom ILIKE $9 OR e.siren LIKE $2)
            AND ($3 OR e.siren = ANY($5::varchar[]) OR e.siren IN (SELECT ec.epci_siren FROM commune ec WHERE ec.departement_code = ANY($6::varchar[]) OR ec.region_code = ANY($7::varchar[])))
          ORDER BY e.population DESC NULLS LAST LIMIT 10) epcis
       ORDER BY du_pvd DESC, population DESC NULLS LAST, nom LIMIT 20`,
      params,
    ).then((rows: (BeneficiaireDto & { du_pvd: boolean; population: number | null })[]) => rows.map(({ type, code, nom, departementCode }) => ({ type, code, nom, departementCode })));
  }

  private async current(em: EntityManager, id: string) {
    const [current] = await em.query(
      `SELECT l.dispositif_id AS "dispositifId", l.beneficiaire_type AS "beneficiaireType", l.beneficiaire_code AS "beneficiaireCode", l.projet, l.montant::float8 AS montant,
              l.statut, l.date_demande::text AS "dateDemande", l.date_engagement::text AS "dateEngagement", l.date_contractualisation::text AS "dateContractualisation",
              l.date_versement::text AS "dateVersement", l.annee_campagne AS "anneeCampagne", l.reference_externe AS "referenceExterne", l.source,
              l.date_source::text AS "dateSource", l.logements, l.dossiers, l.motif_depassement AS "motifDepassement", l.version, l.updated_at, u.display_name
         FROM ligne_financement l LEFT JOIN app_user u ON u.id = l.updated_by WHERE l.id = $1 FOR UPDATE OF l`,
      [id],
    );
    return current as LigneRecord & { version: number; updated_at: Date; display_name: string | null };
  }

  /** The caller writes the line for this beneficiary and dispositif, or gets the reason. */
  private async requireWritable(em: EntityManager, user: CurrentUser, fields: LigneRecord, dispositif: DispositifRow): Promise<void> {
    if (isForeignDispositif(user.memberships, dispositif.organisation_id) && !user.memberships.some((m) => m.organisationType !== 'partenaire' && roleCan(m.role, 'pvd:modifier'))) {
      throw new AppError('DISPOSITIF_NOT_YOURS', 'Vous ne saisissez que les financements des dispositifs de votre organisation.', {
        dispositifId: ['Ce dispositif n’est pas celui de votre organisation.'],
      });
    }
    const beneficiaire = await beneficiaireTerritoire(em, fields.beneficiaireType, fields.beneficiaireCode);
    if (!beneficiaire) {
      throw new AppError('VALIDATION_FAILED', 'Bénéficiaire introuvable dans le référentiel.', {
        beneficiaireCode: [fields.beneficiaireType === 'commune' ? 'Aucune commune ne porte ce code INSEE.' : 'Aucun EPCI ne porte ce SIREN.'],
      });
    }
    const rights = ligneFinancementRights(user.memberships, beneficiaire, dispositif.organisation_id);
    if (rights.ecrire) return;
    if (!rights.lire) {
      throw new AppError('COMMUNE_HORS_TERRITOIRE', 'Ce bénéficiaire est hors de votre territoire.', { beneficiaireCode: ['Choisissez une commune ou un EPCI de votre territoire.'] });
    }
    throw new AppError('FORBIDDEN', 'Votre rôle ne permet pas de saisir des financements pour ce bénéficiaire.');
  }

  private check(fields: LigneRecord, dispositif: DispositifRow): void {
    const errors = ligneFinancementErrors(fields, { compteLogements: dispositif.compte_logements, compteDossiers: dispositif.compte_dossiers });
    if (fields.anneeCampagne !== null && !errors.anneeCampagne && !dispositifCouvre({ anneeDebut: dispositif.annee_debut, anneeFin: dispositif.annee_fin }, fields.anneeCampagne)) {
      const span = `${dispositif.annee_debut ?? '…'}–${dispositif.annee_fin ?? '…'}`;
      errors.anneeCampagne = [`Le dispositif ${dispositif.nom} couvre les années ${span}.`];
    }
    if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', 'La ligne de financement ne peut pas être enregistrée : vérifiez les champs signalés.', errors);
    // The amount for its dispositif: the reason is kept only when the amount is unusual.
    fields.motifDepassement = requirePlausible(ligneFinancementConstats(fields, dispositif), fields.motifDepassement);
  }

  private values(f: LigneRecord): unknown[] {
    return [
      f.dispositifId,
      f.beneficiaireType,
      f.beneficiaireCode,
      f.projet,
      f.montant,
      f.statut,
      f.dateDemande,
      f.dateEngagement,
      f.dateContractualisation,
      f.dateVersement,
      f.anneeCampagne,
      f.referenceExterne,
      f.source,
      f.dateSource,
      f.logements,
      f.dossiers,
      f.motifDepassement,
    ];
  }

  private async dispositif(em: EntityManager, id: string): Promise<DispositifRow> {
    const [row] = await em.query(
      `SELECT d.id, d.code, d.nom, d.nature, d.actif, f.organisation_id, d.annee_debut, d.annee_fin, d.compte_logements, d.compte_dossiers
         FROM dispositif d JOIN financeur f ON f.id = d.financeur_id WHERE d.id = $1`,
      [id],
    );
    if (!row) throw new AppError('DISPOSITIF_NOT_FOUND', 'Dispositif introuvable.', { dispositifId: ['Dispositif inconnu.'] });
    return row;
  }

  private requireActive(dispositif: DispositifRow): void {
    if (!dispositif.actif) throw new AppError('VALIDATION_FAILED', 'Ce dispositif est fermé.', { dispositifId: ['Ce dispositif n’est plus ouvert : choisissez-en un autre.'] });
  }

  /**
   * Audits a change in the history of each PVD concerned (the commune's, or each PVD of the EPCI),
   * with the dispositif and beneficiary by name, as the history shows them.
   */
  private async recordAudit(em: EntityManager, actor: Actor, action: string, id: string, before: LigneRecord | null, after: LigneRecord | null): Promise<void> {
    const snapshot = async (f: LigneRecord | null) => {
      if (!f) return null;
      const [d] = await em.query('SELECT nom FROM dispositif WHERE id = $1', [f.dispositifId]);
      const b = await beneficiaireTerritoire(em, f.beneficiaireType, f.beneficiaireCode);
      return { ...f, dispositif: d?.nom ?? null, beneficiaire: b?.nom ?? f.beneficiaireCode };
    };
    const [b, a] = await Promise.all([snapshot(before), snapshot(after)]);
    const pvds = new Set<string | null>();
    for (const f of [before, after]) if (f) for (const p of await pvdsOfBeneficiaire(em, f.beneficiaireType, f.beneficiaireCode)) pvds.add(p);
    // One entry per PVD; none when a PVD is concerned.
    if (pvds.size > 1) pvds.delete(null);
    await this.audit.recordMany(
      em,
      actor,
      [...pvds].map((pvdId) => ({ action, entityType: 'ligne_financement', entityId: id, pvdId, before: b, after: a })),
    );
  }

  private duplicateReference(error: unknown): never {
    if ((error as { constraint?: string }).constraint === 'uq_ligne_financement_reference') {
      throw new AppError('CONFLICT', 'Une ligne de ce dispositif porte déjà cette référence.', { referenceExterne: ['Référence déjà utilisée pour ce dispositif.'] });
    }
    throw error;
  }
}
