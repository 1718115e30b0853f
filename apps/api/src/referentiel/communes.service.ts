import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isInseeCommuneCode, isNiveauDensite, libelleDensite, normaliseInseeCode, searchKey } from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { likeEscape } from '../core/database/like-escape';
import { AppError } from '../core/errors/app-error';
import type { AiresDto } from './dto/aires.dto';
import { CommuneDetailDto, CommunePageDto } from './dto/communes.dto';

@Injectable()
export class CommunesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every région and département of the référentiel with its name: what the screens show for a code (« Creuse (23) »). */
  async aires(): Promise<AiresDto> {
    const [regions, departements] = await Promise.all([
      this.dataSource.query('SELECT code, nom FROM region ORDER BY code'),
      this.dataSource.query('SELECT code, nom, region_code AS "regionCode" FROM departement ORDER BY code'),
    ]);
    return { regions, departements };
  }

  /**
   * Search by name (accent-, case- and punctuation-insensitive) or by INSEE code prefix. Names
   * starting with the text come first, then larger communes.
   */
  async search(q: string | undefined, page = 1, pageSize = 20, epci?: string): Promise<CommunePageDto> {
    const text = (q ?? '').trim();
    const key = searchKey(text);
    const code = text.toUpperCase();
    const byCode = /^(\d|2[AB])[\dAB]{0,4}$/i.test(text);
    // The filter's parameters come first ($1, $2), so the count below can pass exactly them.
    const params: unknown[] = [];
    const conditions: string[] = [];
    let order = 'c.population DESC NULLS LAST, c.insee';
    if (byCode) {
      params.push(`${likeEscape(code)}%`);
      conditions.push(`c.insee LIKE $${params.length}`);
      order = 'c.insee';
    } else if (key) {
      params.push(`%${likeEscape(key)}%`);
      conditions.push(`c.nom_recherche LIKE $${params.length}`);
    }
    if (epci) {
      params.push(epci);
      conditions.push(`c.epci_siren = $${params.length}`);
    }
    const where = conditions.length > 0 ? conditions.join(' AND ') : 'TRUE';
    const filterParams = [...params];
    if (!byCode && key) {
      params.push(`${likeEscape(key)}%`, key);
      order = `CASE WHEN c.nom_recherche = $${params.length} THEN 0 WHEN c.nom_recherche LIKE $${params.length - 1} THEN 1 ELSE 2 END, ${order}`;
    }
    const offset = (page - 1) * pageSize;
    // Rank and page on the commune table alone; join the labels and the PVD for one page only.
    const rows: {
      insee: string;
      nom: string;
      departement_code: string;
      departement_nom: string;
      population: number | null;
      pvd_id: string | null;
      id_pvd: string | null;
      total: string;
    }[] = await this.dataSource.query(
      `WITH matches AS (
         SELECT c.insee FROM commune c WHERE ${where}
       ), page AS (
         SELECT c.insee, row_number() OVER (ORDER BY ${order}) AS position
           FROM commune c WHERE ${where}
          ORDER BY ${order}
          LIMIT ${pageSize} OFFSET ${offset}
       )
       SELECT c.insee, c.nom, c.departement_code, d.nom AS departement_nom, c.population,
              p.id AS pvd_id, p.id_pvd, (SELECT count(*) FROM matches) AS total
         FROM page
         JOIN commune c ON c.insee = page.insee
         JOIN departement d ON d.code = c.departement_code
         LEFT JOIN pvd_commune pc ON pc.commune_insee = c.insee
         LEFT JOIN pvd p ON p.id = pc.pvd_id
        ORDER BY page.position`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && offset > 0) {
      const [{ count }] = await this.dataSource.query(`SELECT count(*) FROM commune c WHERE ${where}`, filterParams);
      total = Number(count);
    }
    return {
      items: rows.map((r) => ({
        insee: r.insee,
        nom: r.nom,
        departementCode: r.departement_code,
        departementNom: r.departement_nom,
        population: r.population,
        pvd: r.pvd_id && r.id_pvd ? { id: r.pvd_id, idPvd: r.id_pvd } : null,
      })),
      total,
      page,
      pageSize,
    };
  }

  async get(rawInsee: string): Promise<CommuneDetailDto> {
    const insee = normaliseInseeCode(rawInsee);
    if (!isInseeCommuneCode(insee)) throw new AppError('COMMUNE_NOT_FOUND', `Aucune commune de code INSEE « ${rawInsee} ».`);
    const [row] = await this.dataSource.query(
      `SELECT c.insee, c.siren, c.nom, c.population, c.densite,
              d.code AS dep_code, d.nom AS dep_nom, r.code AS reg_code, r.nom AS reg_nom,
              e.siren AS epci_siren, e.nom AS epci_nom, e.type AS epci_type,
              p.id AS pvd_id, p.id_pvd, p.date_selection::text, p.date_convention_adhesion::text,
              pe.siren AS pvd_epci_siren, pe.nom AS pvd_epci_nom, pe.type AS pvd_epci_type
         FROM commune c
         JOIN departement d ON d.code = c.departement_code
         JOIN region r ON r.code = c.region_code
         LEFT JOIN epci e ON e.siren = c.epci_siren
         LEFT JOIN pvd_commune pc ON pc.commune_insee = c.insee
         LEFT JOIN pvd p ON p.id = pc.pvd_id
         LEFT JOIN epci pe ON pe.siren = p.epci_siren
        WHERE c.insee = $1`,
      [insee],
    );
    if (!row) throw new AppError('COMMUNE_NOT_FOUND', `Aucune commune de code INSEE « ${rawInsee} ».`);
    let pvd: CommuneDetailDto['pvd'] = null;
    if (row.pvd_id) {
      const communes: { insee: string; nom: string }[] = await this.dataSource.query(
        `SELECT c.insee, c.nom FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee
          WHERE pc.pvd_id = $1 ORDER BY c.nom`,
        [row.pvd_id],
      );
      pvd = {
        id: row.pvd_id,
        idPvd: row.id_pvd,
        dateSelection: row.date_selection,
        dateConventionAdhesion: row.date_convention_adhesion,
        epci: row.pvd_epci_siren ? { siren: row.pvd_epci_siren, nom: row.pvd_epci_nom, type: row.pvd_epci_type } : null,
        communes,
      };
    }
    const niveau: number | null = row.densite;
    return {
      insee: row.insee,
      siren: row.siren,
      nom: row.nom,
      population: row.population,
      densite: niveau != null && isNiveauDensite(niveau) ? { niveau, libelle: libelleDensite(niveau) ?? '' } : null,
      departement: { code: row.dep_code, nom: row.dep_nom },
      region: { code: row.reg_code, nom: row.reg_nom },
      epci: row.epci_siren ? { siren: row.epci_siren, nom: row.epci_nom, type: row.epci_type } : null,
      pvd,
    };
  }
}
