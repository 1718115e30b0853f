import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  A_COMPLETER_LATE_AFTER_DAYS,
  isProvisionalPvdId,
  ORT_STATUT_PRIORITE,
  PVD_RETARD_MOTIFS,
  scopesFor,
  searchKey,
  type PvdConventionStatut,
  type PvdOrtStatut,
  type PvdPosteFiltre,
  type PvdRetardMotif,
} from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { aCompleterSansReponseSql, adhesionDaySql, cadreDueDaySql, cadreEnRetardSql, etatDepuisJourSql } from '../conventions/convention-lateness-sql';
import type { CurrentUser } from '../core/auth/current-user';
import { DataVersionMemo } from '../core/database/data-version-memo';
import { likeEscape } from '../core/database/like-escape';
import { AppError } from '../core/errors/app-error';
import { todayInFrance } from '../core/time/today';
import { posteCofinanceAuSql, posteTenuAuSql } from '../indicateurs/engine/comptage-sql';
import { pvdResumeCondition, requireDossierRead } from '../dossiers/pvd-access';
import { pvdScopeIdsCondition } from '../organisations/scope-sql';
import type { AiresDto } from '../referentiel/dto/aires.dto';
import type { PvdListItemDto, PvdPageDto, PvdSummaryDto, PvdTri } from './dto/pvd.dto';

export interface PvdFilters {
  departement?: string;
  region?: string;
  q?: string;
  adhesion?: PvdConventionStatut;
  cadre?: PvdConventionStatut;
  ort?: PvdOrtStatut;
  poste?: PvdPosteFiltre;
  enRetard?: 'true' | 'false';
  tri?: PvdTri;
}

/** The orders of the list, over the columns of `suivi` below; the id last so that pages never overlap. */
const ORDER: Record<PvdTri, string> = {
  nom: 'nom_cle, id_pvd',
  '-nom': 'nom_cle DESC, id_pvd DESC',
  idPvd: 'id_pvd',
  '-idPvd': 'id_pvd DESC',
  dateSelection: 'date_selection NULLS LAST, nom_cle, id_pvd',
  '-dateSelection': 'date_selection DESC NULLS LAST, nom_cle, id_pvd',
  departement: 'departement_code, nom_cle, id_pvd',
  '-departement': 'departement_code DESC, nom_cle, id_pvd',
  echeance: 'cadre_limite NULLS LAST, nom_cle, id_pvd',
  '-echeance': 'cadre_limite DESC NULLS LAST, nom_cle, id_pvd',
  miseAJour: 'mise_a_jour, nom_cle, id_pvd',
  '-miseAJour': 'mise_a_jour DESC, nom_cle, id_pvd',
};

/** The posts filters (`pvdPosteFiltreCouvre`) over the counts of `suivi`. */
const POSTE_SQL: Record<PvdPosteFiltre, string> = {
  aucun: 'postes_total = 0',
  vacant: 'postes_vacants > 0',
  cofinance: 'postes_cofinances > 0',
  sans_cofinancement: 'postes_total > 0 AND postes_cofinances = 0',
};

const ORT_PRIORITE_SQL = `ARRAY[${ORT_STATUT_PRIORITE.map((s) => `'${s}'`).join(', ')}]::varchar[]`;

/** `today` and the « à compléter » delay: the first two parameters of the list's query. */
const TODAY = '$1::date';
const A_COMPLETER_DAYS = '$2::int';

/**
 * The list's computed columns, by group: joins over a row `s` of the PVD (its `id` and
 * `date_convention_adhesion`), the columns they give (`columns`, kept as they are through the
 * paging) and their text as read by `toItem` (`output`). A group the filters or the order need is
 * computed for every PVD in scope before paging; the others, for the page's rows only.
 * `OFFSET 0` keeps a lateral subquery from being merged into the query above it, where each
 * mention of its column would compute it again.
 */
type Group = 'conventions' | 'ort' | 'postes' | 'miseAJour';
const GROUPS: readonly Group[] = ['conventions', 'ort', 'postes', 'miseAJour'];
const GROUP_SQL: Record<Group, { joins: string; columns: string[]; output: string[] }> = {
  conventions: {
    joins: `LEFT JOIN convention adh ON adh.pvd_id = s.id AND adh.type = 'adhesion'
            LEFT JOIN convention cad ON cad.pvd_id = s.id AND cad.type = 'cadre'
            CROSS JOIN LATERAL (SELECT ${adhesionDaySql('s')} AS jour OFFSET 0) a
            CROSS JOIN LATERAL (SELECT ${cadreDueDaySql('a.jour')} AS limite OFFSET 0) ech`,
    columns: [
      'adh.id AS adhesion_id',
      `CASE WHEN a.jour IS NOT NULL THEN 'signee' ELSE COALESCE(adh.etat, 'aucune') END AS adhesion_etat`,
      `${etatDepuisJourSql('adh')} AS adhesion_depuis`,
      'a.jour AS adhesion_jour',
      'cad.id AS cadre_id',
      `COALESCE(cad.etat, 'aucune') AS cadre_etat`,
      `${etatDepuisJourSql('cad')} AS cadre_depuis`,
      'cad.date_signature AS cadre_signature',
      'ech.limite AS cadre_limite',
      `CASE WHEN ${cadreEnRetardSql('ech.limite', 'cad', TODAY)} THEN ${TODAY} - ech.limite END AS jours_de_retard`,
      `array_remove(ARRAY[
         CASE WHEN ${cadreEnRetardSql('ech.limite', 'cad', TODAY)} THEN '${PVD_RETARD_MOTIFS[0]}' END,
         CASE WHEN EXISTS (SELECT 1 FROM convention k WHERE k.pvd_id = s.id AND ${aCompleterSansReponseSql('k', TODAY, A_COMPLETER_DAYS)}) THEN '${PVD_RETARD_MOTIFS[1]}' END
       ], NULL) AS retards`,
    ],
    output: [
      'adhesion_id',
      'adhesion_etat',
      'adhesion_depuis::text AS adhesion_depuis',
      'adhesion_jour::text AS adhesion_jour',
      'cadre_id',
      'cadre_etat',
      'cadre_depuis::text AS cadre_depuis',
      'cadre_signature::text AS cadre_signature',
      'cadre_limite::text AS cadre_limite',
      'jours_de_retard',
      'retards',
    ],
  },
  ort: {
    joins: `LEFT JOIN LATERAL (
              SELECT o.statut FROM ort o
               WHERE o.id IN (SELECT oc.ort_id FROM pvd_commune opc JOIN ort_commune oc ON oc.commune_insee = opc.commune_insee WHERE opc.pvd_id = s.id)
               ORDER BY array_position(${ORT_PRIORITE_SQL}, o.statut) LIMIT 1
            ) o ON TRUE`,
    columns: [`COALESCE(o.statut, 'aucune') AS ort`],
    output: ['ort'],
  },
  postes: {
    joins: `CROSS JOIN LATERAL (
              SELECT count(*)::int AS total, (count(*) FILTER (WHERE NOT x.tenu))::int AS vacants, (count(*) FILTER (WHERE x.cofinance))::int AS cofinances
                FROM (SELECT ${posteTenuAuSql('p1', TODAY)} AS tenu, ${posteCofinanceAuSql('p1', TODAY)} AS cofinance FROM poste p1 WHERE p1.pvd_id = s.id OFFSET 0) x
            ) po`,
    columns: ['po.total AS postes_total', 'po.vacants AS postes_vacants', 'po.cofinances AS postes_cofinances'],
    output: ['postes_total', 'postes_vacants', 'postes_cofinances'],
  },
  miseAJour: {
    joins: `CROSS JOIN LATERAL (SELECT max(al.at) AS at FROM audit_log al WHERE al.pvd_id = s.id) maj`,
    columns: ['GREATEST(s.updated_at, maj.at) AS mise_a_jour'],
    output: ['mise_a_jour'],
  },
};

interface ListRow {
  id: string;
  id_pvd: string;
  epci_siren: string | null;
  epci_nom: string | null;
  date_selection: string | null;
  date_convention_adhesion: string | null;
  date_retrait: string | null;
  version: number;
  communes: { insee: string; nom: string; departementCode: string; population: number | null }[];
  departement_code: string;
  departement_nom: string | null;
  region_code: string;
  region_nom: string | null;
  adhesion_id: string | null;
  adhesion_etat: PvdConventionStatut;
  adhesion_depuis: string | null;
  adhesion_jour: string | null;
  cadre_id: string | null;
  cadre_etat: PvdConventionStatut;
  cadre_depuis: string | null;
  cadre_signature: string | null;
  cadre_limite: string | null;
  jours_de_retard: number | null;
  retards: PvdRetardMotif[];
  ort: PvdOrtStatut;
  postes_total: number;
  postes_vacants: number;
  postes_cofinances: number;
  mise_a_jour: Date;
}

function toItem(r: ListRow): PvdListItemDto {
  return {
    ...toSummary(r),
    departementCode: r.departement_code,
    departementNom: r.departement_nom,
    regionCode: r.region_code,
    regionNom: r.region_nom,
    adhesion: { etat: r.adhesion_etat, conventionId: r.adhesion_id, depuis: r.adhesion_depuis, dateSignature: r.adhesion_jour },
    cadre: {
      etat: r.cadre_etat,
      conventionId: r.cadre_id,
      depuis: r.cadre_depuis,
      dateSignature: r.cadre_signature,
      dateLimite: r.cadre_limite,
      joursDeRetard: r.jours_de_retard,
    },
    retards: r.retards,
    ort: r.ort,
    postes: { total: r.postes_total, vacants: r.postes_vacants, cofinances: r.postes_cofinances },
    miseAJour: new Date(r.mise_a_jour).toISOString(),
  };
}

const SUMMARY_SELECT = `
  SELECT p.id, p.id_pvd, p.epci_siren, e.nom AS epci_nom, p.date_selection::text, p.date_convention_adhesion::text, p.date_retrait::text, p.version,
         json_agg(json_build_object('insee', c.insee, 'nom', c.nom, 'departementCode', c.departement_code, 'population', c.population) ORDER BY c.population DESC NULLS LAST, c.insee) AS communes
    FROM pvd p
    JOIN pvd_commune pc ON pc.pvd_id = p.id
    JOIN commune c ON c.insee = pc.commune_insee
    LEFT JOIN epci e ON e.siren = p.epci_siren`;

type SummaryRow = Pick<ListRow, 'id' | 'id_pvd' | 'epci_siren' | 'epci_nom' | 'date_selection' | 'date_convention_adhesion' | 'date_retrait' | 'version' | 'communes'>;

function toSummary(r: SummaryRow): PvdSummaryDto {
  return {
    id: r.id,
    idPvd: r.id_pvd,
    nom: r.communes.map((c) => c.nom).join(' – '),
    communes: r.communes,
    epciSiren: r.epci_siren,
    epciNom: r.epci_nom,
    dateSelection: r.date_selection,
    dateConventionAdhesion: r.date_convention_adhesion,
    provisoire: isProvisionalPvdId(r.id_pvd),
    dateRetrait: r.date_retrait,
    version: r.version,
  };
}

/**
 * The PVDs a user may see (their commune's, EPCI's, département's, région's, or all), each with
 * where it stands today: its convention d'adhésion and convention-cadre (state, dates, the
 * convention-cadre's deadline and days late), what is late by the work list's rules, its ORT, its
 * chef de projet posts (vacant, co-financed) and its last change. Filtered, sorted,
 * counted and paged in the database.
 */
@Injectable()
export class ListPvdService {
  /** Pages (their ids and the total), computed once per filter, page and data version: see `list`. */
  private readonly memo: DataVersionMemo;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.memo = new DataVersionMemo(dataSource);
  }

  async list(user: CurrentUser, filters: PvdFilters & { page: number; pageSize: number }, today = todayInFrance()): Promise<PvdPageDto> {
    const params: unknown[] = [today, A_COMPLETER_LATE_AFTER_DAYS];
    // A partner's PVD are those where its organisation funds something (their dossiers' summary).
    const scope = this.visible(user, params.length + 1, 'resume');
    params.push(...scope.params);
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };

    // Filters on the PVD itself narrow the set before anything is computed.
    const pvdWhere = [scope.sql];
    if (filters.departement) {
      pvdWhere.push(`p.id IN (SELECT fpc.pvd_id FROM pvd_commune fpc JOIN commune fc ON fc.insee = fpc.commune_insee WHERE fc.departement_code = ${add(filters.departement)})`);
    }
    if (filters.region) {
      pvdWhere.push(`p.id IN (SELECT rpc.pvd_id FROM pvd_commune rpc JOIN commune rc ON rc.insee = rpc.commune_insee WHERE rc.region_code = ${add(filters.region)})`);
    }
    const q = filters.q?.trim();
    if (q) {
      const [key, raw, code] = [add(`%${likeEscape(searchKey(q))}%`), add(`%${likeEscape(q)}%`), add(q)];
      pvdWhere.push(
        `(p.id_pvd ILIKE ${raw} OR p.id IN (SELECT qpc.pvd_id FROM pvd_commune qpc JOIN commune qc ON qc.insee = qpc.commune_insee WHERE qc.nom_recherche LIKE ${key} OR qc.insee = ${code}))`,
      );
    }

    // Filters on what is computed, and the groups of columns they (and the order) need before paging.
    const suiviWhere: string[] = [];
    const early = new Set<Group>();
    const where = (group: Group, condition: string) => {
      suiviWhere.push(condition);
      early.add(group);
    };
    if (filters.adhesion) where('conventions', `adhesion_etat = ${add(filters.adhesion)}`);
    if (filters.cadre) where('conventions', `cadre_etat = ${add(filters.cadre)}`);
    if (filters.enRetard) where('conventions', `cardinality(retards) ${filters.enRetard === 'true' ? '>' : '='} 0`);
    if (filters.ort) where('ort', `ort = ${add(filters.ort)}`);
    if (filters.poste) where('postes', POSTE_SQL[filters.poste]);
    const tri = filters.tri ?? 'nom';
    if (tri.endsWith('echeance')) early.add('conventions');
    if (tri.endsWith('miseAJour')) early.add('miseAJour');
    const joins = (groups: readonly Group[]) => groups.map((g) => GROUP_SQL[g].joins).join('\n');
    const columns = (groups: readonly Group[]) => groups.flatMap((g) => GROUP_SQL[g].columns.map((c) => `,\n ${c}`)).join('');

    // First the page: the PVDs in scope (narrowed by their own filters), what the filters and the
    // order need, counted, sorted and cut to one page: its ids and the total.
    const pageSql = `
      WITH scoped AS (
        SELECT p.id, p.id_pvd, p.epci_siren, p.date_selection, p.date_convention_adhesion, p.date_retrait, p.version, p.updated_at,
               (array_agg(c.nom_recherche ORDER BY c.population DESC NULLS LAST, c.insee))[1] AS nom_cle,
               (array_agg(c.departement_code ORDER BY c.population DESC NULLS LAST, c.insee))[1] AS departement_code
          FROM pvd p
          JOIN pvd_commune pc ON pc.pvd_id = p.id
          JOIN commune c ON c.insee = pc.commune_insee
         WHERE ${pvdWhere.join(' AND ')}
           AND ${TODAY} IS NOT NULL AND ${A_COMPLETER_DAYS} IS NOT NULL -- typed when no group reads them (evaluated once)
         GROUP BY p.id
      ),
      suivi AS (
        SELECT s.*${columns([...early])}
          FROM scoped s
          ${joins([...early])}
      )
      SELECT id, count(*) OVER () AS total FROM suivi
      ${suiviWhere.length ? `WHERE ${suiviWhere.join(' AND ')}` : ''}
      ORDER BY ${ORDER[tri]}
      LIMIT ${filters.pageSize} OFFSET ${(filters.page - 1) * filters.pageSize}`;
    const computePage = async () => {
      const rows: { id: string; total: string }[] = await this.dataSource.query(pageSql, params);
      return { ids: rows.map((r) => r.id), total: rows.length > 0 ? Number(rows[0].total) : 0 };
    };
    // Kept per data version (ADR 0012) when the page reads only the programme's versioned tables
    // (PVD, communes, ORT): not with the conventions' deadlines (programme parameters), the posts'
    // state or the last change (audit log), which the version does not follow.
    const versioned = early.size === 0 || (early.size === 1 && early.has('ort'));
    const { ids, total } = versioned ? await this.memo.get(JSON.stringify([pageSql, params]), computePage) : await computePage();
    if (ids.length === 0) return { items: [], total, page: filters.page, pageSize: filters.pageSize };

    // Then what the page shows, for its rows only.
    const sql = `
      WITH page AS (
        SELECT p.id, p.id_pvd, p.epci_siren, p.date_selection, p.date_convention_adhesion, p.date_retrait, p.version, p.updated_at, k.departement_code, ids.rang
          FROM unnest($3::uuid[]) WITH ORDINALITY AS ids(id, rang)
          JOIN pvd p ON p.id = ids.id
          CROSS JOIN LATERAL (
            SELECT (array_agg(c.departement_code ORDER BY c.population DESC NULLS LAST, c.insee))[1] AS departement_code
              FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = p.id
          ) k
      ),
      shown AS (
        SELECT s.*${columns(GROUPS)}
          FROM page s
          ${joins(GROUPS)}
      )
      SELECT s.id, s.id_pvd, s.epci_siren, e.nom AS epci_nom, s.date_selection::text, s.date_convention_adhesion::text, s.date_retrait::text, s.version, cm.communes,
             s.departement_code, d.nom AS departement_nom, d.region_code, r.nom AS region_nom,
             ${GROUPS.flatMap((g) => GROUP_SQL[g].output.map((c) => `s.${c}`)).join(', ')}
        FROM shown s
        CROSS JOIN LATERAL (
          SELECT json_agg(json_build_object('insee', c.insee, 'nom', c.nom, 'departementCode', c.departement_code, 'population', c.population) ORDER BY c.population DESC NULLS LAST, c.insee) AS communes
            FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = s.id
        ) cm
        LEFT JOIN epci e ON e.siren = s.epci_siren
        LEFT JOIN departement d ON d.code = s.departement_code
        LEFT JOIN region r ON r.code = d.region_code
       ORDER BY s.rang`;
    const rows: ListRow[] = await this.dataSource.query(sql, [today, A_COMPLETER_LATE_AFTER_DAYS, ids]);
    return { items: rows.map(toItem), total, page: filters.page, pageSize: filters.pageSize };
  }

  /** The PVDs the user reads at least in summary (`complete`: only those whose whole dossier they read). */
  private visible(user: CurrentUser, firstParam: number, lecture: 'resume' | 'complete'): { sql: string; params: unknown[] } {
    // Through the indexes of the caller's territory: a département's list touches only its rows.
    const scope = pvdScopeIdsCondition(scopesFor(user.memberships, 'pvd:lire'), firstParam);
    if (lecture === 'complete') return scope;
    const resume = pvdResumeCondition(user, scope, firstParam + scope.params.length);
    return { sql: resume.sql, params: [...scope.params, ...resume.params] };
  }

  /**
   * One PVD; outside the caller's scope it does not exist (404, not 403: no existence leak). With
   * `resume`, a partner also gets the PVDs where its organisation funds something, and a 403 for
   * the others (see `requireDossierRead`).
   */
  async get(user: CurrentUser, id: string, lecture: 'resume' | 'complete' = 'complete'): Promise<PvdSummaryDto> {
    if (lecture === 'resume') await requireDossierRead(this.dataSource, user, id);
    const scope = this.visible(user, 2, lecture);
    const [row]: SummaryRow[] = await this.dataSource.query(`${SUMMARY_SELECT} WHERE p.id = $1 AND ${scope.sql} GROUP BY p.id, e.nom`, [id, ...scope.params]);
    if (!row) throw new AppError('PVD_NOT_FOUND', 'Petite ville de demain introuvable.');
    return toSummary(row);
  }

  /** The régions and départements where the caller sees PVDs (a commune of one of them), named from the référentiel: the list's filter choices. */
  async aires(user: CurrentUser): Promise<AiresDto> {
    const scope = this.visible(user, 1, 'resume');
    const rows: { code: string; nom: string; region_code: string; region_nom: string }[] = await this.dataSource.query(
      `SELECT DISTINCT d.code, d.nom, d.region_code, r.nom AS region_nom
         FROM departement d JOIN region r ON r.code = d.region_code
        WHERE d.code IN (SELECT c.departement_code FROM pvd p JOIN pvd_commune pc ON pc.pvd_id = p.id JOIN commune c ON c.insee = pc.commune_insee WHERE ${scope.sql})
        ORDER BY d.code`,
      scope.params,
    );
    const regions = new Map(rows.map((r) => [r.region_code, r.region_nom]));
    return {
      regions: [...regions].map(([code, nom]) => ({ code, nom })).sort((a, b) => a.nom.localeCompare(b.nom, 'fr')),
      departements: rows.map((r) => ({ code: r.code, nom: r.nom, regionCode: r.region_code })),
    };
  }
}

