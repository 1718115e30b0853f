import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  A_COMPLETER_LATE_AFTER_DAYS,
  availableActions,
  conventionTitle,
  rolesCovering,
  scopesFor,
  searchKey,
  WORK_LIST_MOTIFS,
  type ConventionState,
  type ConventionType,
  type WorkListMotif,
} from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import { likeEscape } from '../core/database/like-escape';
import { todayInFrance } from '../core/time/today';
import { pvdScopeIdsCondition } from '../organisations/scope-sql';
import { aCompleterSansReponseSql, adhesionDaySql, cadreDueDaySql, cadreEnRetardSql, etatDepuisJourSql } from './convention-lateness-sql';
import type { WorkListPageDto, WorkListQuery } from './dto/convention.dto';

interface Row {
  motifs: WorkListMotif[];
  pvd_id: string;
  pvd_nom: string;
  departement_code: string;
  departement_codes: string[];
  region_codes: string[];
  communes: string[];
  epci_sirens: string[];
  convention_id: string | null;
  type: ConventionType;
  numero: number | null;
  etat: ConventionState | null;
  version: number | null;
  depuis_jour: string;
  date_limite_jour: string | null;
  jours: number;
  jours_dans_etat: number | null;
  jours_de_retard: number | null;
  total: string;
}

const ORDER = {
  anciennete: 'depuis ASC, pvd_nom',
  retard: 'jours DESC, pvd_nom',
  commune: 'pvd_nom, depuis ASC',
} as const;

/**
 * The préfecture's work list: conventions of its territory awaiting it (déposées, en instruction),
 * conventions sent back « à compléter » and left without an answer for more than 30 days, and
 * PVDs whose convention-cadre is past its deadline (created or not). One row per item (a
 * convention, or a PVD whose late convention-cadre does not exist yet) with all its motifs: a
 * convention-cadre both déposée and late is one item with two motifs. Counts are of distinct
 * items, in total and per motif. One SQL query over the caller's scope, filtered, sorted and
 * paged in the database. The SGAR (its région) and the ANCT (national) read the same list; their
 * roles give no action on the items.
 */
@Injectable()
export class WorkListService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(user: CurrentUser, query: WorkListQuery): Promise<WorkListPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const today = todayInFrance();
    const scope = pvdScopeIdsCondition(scopesFor(user.memberships, 'convention:suivre'), 3);
    const params: unknown[] = [today, A_COMPLETER_LATE_AFTER_DAYS, ...scope.params];
    const filters: string[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      filters.push(sql(params.length));
    };
    if (query.type) add((n) => `type = $${n}`, query.type);
    if (query.departement) add((n) => `$${n} = ANY(departement_codes)`, query.departement);
    const key = searchKey(query.q ?? '');
    if (key) add((n) => `nom_recherche LIKE $${n}`, `%${likeEscape(key)}%`);
    const filtered = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
    if (query.motif) add((n) => `$${n} = ANY(motifs)`, query.motif);
    const motifFiltered = filters.length ? `WHERE ${filters.join(' AND ')}` : '';

    const base = `
      WITH scoped AS (
        -- The PVDs in scope first (through the indexes of the caller's territory), then each one's communes.
        SELECT p.id, p.date_convention_adhesion, cm.*
          FROM pvd p
          CROSS JOIN LATERAL (
            SELECT string_agg(c.nom, ' – ' ORDER BY c.population DESC NULLS LAST, c.insee) AS nom,
                   string_agg(c.nom_recherche, ' ') AS nom_recherche,
                   (array_agg(c.departement_code ORDER BY c.population DESC NULLS LAST, c.insee))[1] AS departement_code,
                   array_agg(DISTINCT c.departement_code) AS departement_codes,
                   array_agg(DISTINCT c.region_code) AS region_codes,
                   array_agg(DISTINCT c.insee) AS communes,
                   array_remove(array_agg(DISTINCT c.epci_siren) || p.epci_siren, NULL) AS epci_sirens
              FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee
             WHERE pc.pvd_id = p.id
            HAVING count(*) > 0
          ) cm
         WHERE ${scope.sql}
      ),
      items AS (
        SELECT CASE k.etat WHEN 'deposee' THEN 'a_instruire' WHEN 'en_instruction' THEN 'en_instruction' ELSE 'a_completer_sans_reponse' END AS motif,
               s.id AS pvd_id, s.nom AS pvd_nom, s.nom_recherche, s.departement_code, s.departement_codes, s.region_codes, s.communes, s.epci_sirens,
               k.id AS convention_id, k.type, k.numero, k.etat, k.version,
               ${etatDepuisJourSql('k')} AS depuis, NULL::date AS date_limite
          FROM convention k JOIN scoped s ON s.id = k.pvd_id
         WHERE k.etat IN ('deposee', 'en_instruction') OR ${aCompleterSansReponseSql('k', '$1::date', '$2::int')}
        UNION ALL
        SELECT 'cadre_en_retard', s.id, s.nom, s.nom_recherche, s.departement_code, s.departement_codes, s.region_codes, s.communes, s.epci_sirens,
               k.id, 'cadre', NULL, k.etat, k.version, d.limite, d.limite
          FROM scoped s
          CROSS JOIN LATERAL (SELECT ${adhesionDaySql('s')} AS adhesion) a
          CROSS JOIN LATERAL (SELECT ${cadreDueDaySql('a.adhesion')} AS limite) d
          LEFT JOIN convention k ON k.pvd_id = s.id AND k.type = 'cadre'
         WHERE a.adhesion IS NOT NULL AND ${cadreEnRetardSql('d.limite', 'k', '$1::date')}
      ),
      dated AS (SELECT *, ($1::date - depuis) AS jours FROM items),
      -- One item per convention, or per PVD whose late convention-cadre does not exist yet.
      grouped AS (
        SELECT array_agg(motif ORDER BY array_position(ARRAY[${WORK_LIST_MOTIFS.map((m) => `'${m}'`).join(', ')}], motif)) AS motifs,
               pvd_id, pvd_nom, nom_recherche, departement_code, departement_codes, region_codes, communes, epci_sirens,
               convention_id, type, max(numero) AS numero, etat, version,
               min(depuis) AS depuis, max(date_limite) AS date_limite, max(jours) AS jours,
               max(jours) FILTER (WHERE motif <> 'cadre_en_retard') AS jours_dans_etat,
               max(jours) FILTER (WHERE motif = 'cadre_en_retard') AS jours_de_retard
          FROM dated
         GROUP BY pvd_id, pvd_nom, nom_recherche, departement_code, departement_codes, region_codes, communes, epci_sirens,
                  convention_id, type, etat, version
      )`;

    // One statement: the items are grouped once, then paged and counted (per motif, and in all) from that one result.
    const order = `${ORDER[query.tri ?? 'anciennete']}, convention_id NULLS LAST`;
    const answer: (Row & { par_motif: Record<string, number>; tous: number })[] = await this.dataSource.query(
      `${base},
       page AS (
         SELECT motifs, pvd_id, pvd_nom, departement_code, departement_codes, region_codes, communes, epci_sirens, convention_id, type, numero,
                etat, version, depuis, depuis::text AS depuis_jour, date_limite::text AS date_limite_jour, jours, jours_dans_etat, jours_de_retard,
                count(*) OVER () AS total
           FROM grouped ${motifFiltered}
          ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
       )
       SELECT page.*,
              (SELECT COALESCE(json_object_agg(motif, n), '{}') FROM (SELECT motif, count(*)::int AS n FROM grouped CROSS JOIN unnest(motifs) AS motif ${filtered} GROUP BY motif) m) AS par_motif,
              (SELECT count(*)::int FROM grouped ${filtered}) AS tous
         FROM (SELECT 1) one LEFT JOIN page ON TRUE
        ORDER BY ${order}`,
      params,
    );
    const rows = answer.filter((r) => r.pvd_id !== null);
    const counts = Object.entries(answer[0].par_motif).map(([motif, n]) => ({ motif: motif as WorkListMotif, n }));
    const distinct = { n: answer[0].tous };
    const parMotif = Object.fromEntries(WORK_LIST_MOTIFS.map((m) => [m, counts.find((c) => c.motif === m)?.n ?? 0])) as Record<WorkListMotif, number>;
    return {
      items: rows.map((r) => ({
        motifs: r.motifs,
        pvdId: r.pvd_id,
        pvdNom: r.pvd_nom,
        departementCode: r.departement_code,
        conventionId: r.convention_id,
        type: r.type,
        titre: conventionTitle(r.type, r.numero),
        etat: r.etat,
        version: r.version,
        depuis: r.depuis_jour,
        dateLimite: r.date_limite_jour,
        jours: Number(r.jours),
        joursDansEtat: r.jours_dans_etat === null ? null : Number(r.jours_dans_etat),
        joursDeRetard: r.jours_de_retard === null ? null : Number(r.jours_de_retard),
        actionsPossibles: r.etat
          ? availableActions(r.etat, rolesCovering(user.memberships, { communes: r.communes, epciSirens: r.epci_sirens, departementCodes: r.departement_codes, regionCodes: r.region_codes }))
          : [],
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      page,
      pageSize,
      parMotif,
      totalTousMotifs: distinct.n,
    };
  }
}
