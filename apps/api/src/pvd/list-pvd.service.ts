import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isProvisionalPvdId, scopesFor, searchKey } from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import { likeEscape } from '../core/database/like-escape';
import { AppError } from '../core/errors/app-error';
import { pvdScopeCondition } from '../organisations/scope-sql';
import { pvdResumeCondition, requireDossierRead } from '../dossiers/pvd-access';
import { PvdPageDto, PvdSummaryDto, type PvdTri } from './dto/pvd.dto';

const NAME_KEY = '(array_agg(c.nom_recherche ORDER BY c.population DESC NULLS LAST, c.insee))[1]';
const ORDER: Record<PvdTri, string> = {
  nom: `${NAME_KEY}, p.id_pvd`,
  '-nom': `${NAME_KEY} DESC, p.id_pvd DESC`,
  idPvd: 'p.id_pvd',
  '-idPvd': 'p.id_pvd DESC',
  dateSelection: `p.date_selection NULLS LAST, ${NAME_KEY}, p.id_pvd`,
  '-dateSelection': `p.date_selection DESC NULLS LAST, ${NAME_KEY}, p.id_pvd`,
};

export interface PvdFilters {
  departement?: string;
  q?: string;
  tri?: PvdTri;
}

const SELECT = `
  SELECT p.id, p.id_pvd, p.epci_siren, e.nom AS epci_nom, p.date_selection::text, p.date_convention_adhesion::text, p.date_retrait::text, p.version,
         json_agg(json_build_object('insee', c.insee, 'nom', c.nom, 'departementCode', c.departement_code, 'population', c.population) ORDER BY c.population DESC NULLS LAST, c.insee) AS communes,
         count(*) OVER () AS total
    FROM pvd p
    JOIN pvd_commune pc ON pc.pvd_id = p.id
    JOIN commune c ON c.insee = pc.commune_insee
    LEFT JOIN epci e ON e.siren = p.epci_siren`;

interface Row {
  id: string;
  id_pvd: string;
  epci_siren: string | null;
  epci_nom: string | null;
  date_selection: string | null;
  date_convention_adhesion: string | null;
  date_retrait: string | null;
  version: number;
  communes: { insee: string; nom: string; departementCode: string; population: number | null }[];
  total: string;
}

function toDto(r: Row): PvdSummaryDto {
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
 * The PVDs a user may see (their commune's, EPCI's, département's, région's, or all), by name; a
 * partner's are those where its organisation funds something (their dossiers' summary).
 */
@Injectable()
export class ListPvdService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The PVDs the user reads at least in summary (`complete`: only those whose whole dossier they read). */
  private visible(user: CurrentUser, firstParam: number, lecture: 'resume' | 'complete'): { sql: string; params: unknown[] } {
    const scope = pvdScopeCondition(scopesFor(user.memberships, 'pvd:lire'), firstParam);
    if (lecture === 'complete') return scope;
    const resume = pvdResumeCondition(user, scope, firstParam + scope.params.length);
    return { sql: resume.sql, params: [...scope.params, ...resume.params] };
  }

  async list(user: CurrentUser, filters: PvdFilters & { page: number; pageSize: number }): Promise<PvdPageDto> {
    const scope = this.visible(user, 1, 'resume');
    const params: unknown[] = [...scope.params];
    let where = scope.sql;
    if (filters.departement) {
      params.push(filters.departement);
      where += ` AND EXISTS (SELECT 1 FROM pvd_commune fpc JOIN commune fc ON fc.insee = fpc.commune_insee WHERE fpc.pvd_id = p.id AND fc.departement_code = $${params.length})`;
    }
    const q = filters.q?.trim();
    if (q) {
      params.push(`%${likeEscape(searchKey(q))}%`, `%${likeEscape(q)}%`, q);
      const [key, raw, code] = [params.length - 2, params.length - 1, params.length];
      where += ` AND (p.id_pvd ILIKE $${raw} OR EXISTS (SELECT 1 FROM pvd_commune qpc JOIN commune qc ON qc.insee = qpc.commune_insee WHERE qpc.pvd_id = p.id AND (qc.nom_recherche LIKE $${key} OR qc.insee = $${code})))`;
    }
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} WHERE ${where} GROUP BY p.id, e.nom ORDER BY ${ORDER[filters.tri ?? 'nom']} LIMIT ${filters.pageSize} OFFSET ${(filters.page - 1) * filters.pageSize}`,
      params,
    );
    return { items: rows.map(toDto), total: rows.length > 0 ? Number(rows[0].total) : 0, page: filters.page, pageSize: filters.pageSize };
  }

  /**
   * One PVD; outside the caller's scope it does not exist (404, not 403: no existence leak). With
   * `resume`, a partner also gets the PVDs where its organisation funds something, and a 403 for
   * the others (see `requireDossierRead`).
   */
  async get(user: CurrentUser, id: string, lecture: 'resume' | 'complete' = 'complete'): Promise<PvdSummaryDto> {
    if (lecture === 'resume') await requireDossierRead(this.dataSource, user, id);
    const scope = this.visible(user, 2, lecture);
    const [row]: Row[] = await this.dataSource.query(`${SELECT} WHERE p.id = $1 AND ${scope.sql} GROUP BY p.id, e.nom`, [id, ...scope.params]);
    if (!row) throw new AppError('PVD_NOT_FOUND', 'Petite ville de demain introuvable.');
    return toDto(row);
  }
}
