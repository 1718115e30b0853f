import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CSV_BOM,
  csvLine,
  INDICATEURS,
  porteeAutorisee,
  porteeParDefaut,
  PORTEE_TYPE_LABELS,
  spreadsheetText,
  type IndicateurId,
  type IndicateurSection,
  type Portee,
  type PorteeType,
  type Territory,
  type Ventilation,
} from '@suivi-pvd/domain';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { todayInFrance } from '../core/time/today';
import { pvdTerritory } from '../dossiers/pvd-access';
import type { DetailPageDto, PorteeDto, ResultatIndicateurDto, TableauDto, ValeurIndicateurDto, ZonesDto } from './dto/indicateurs.dto';
import { IndicateursEngine, type Queryable, type ValeurIndicateur } from './engine/indicateurs-engine';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXPORT_MAX_ROWS = 200_000;
/** Results kept per data version (dashboards are 5–40 KiB each). */
const MEMO_MAX = 300;

interface ResolvedPortee {
  portee: Portee;
  dto: PorteeDto;
}

/**
 * Indicators for the dashboards, the drill-downs and their exports. Every request names a scope
 * (nation, région, département, EPCI, PVD) checked against the caller's memberships on the
 * scope's stored territory, and a day (today by default).
 */
@Injectable()
export class IndicateursService {
  readonly engine: IndicateursEngine;
  private areaNamesCache: Promise<Map<string, string>> | null = null;
  private readonly memo = new Map<string, { version: string; value: Promise<unknown> }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.engine = new IndicateursEngine(db, () => this.areaNames());
  }

  /** The version of the indicators' data: the sum of the source tables' counters (migration 1764100000017). */
  private async dataVersion(q: Queryable): Promise<string> {
    const [row] = await q.query('SELECT COALESCE(sum(version), 0)::text AS v FROM indicateurs_version');
    return row.v as string;
  }

  /**
   * A result computed once per data version, never a stale one: the computation runs in one
   * REPEATABLE READ snapshot that first reads the version, so what is kept is exactly the figure of
   * that version; a request reuses it only while the committed version is the same, and every write
   * to a table the indicators read changes the version in the writer's own transaction. Concurrent
   * requests for the same key share one computation.
   */
  private async memoized<T>(key: string, compute: (engine: IndicateursEngine) => Promise<T>): Promise<T> {
    const current = await this.dataVersion(this.db);
    const hit = this.memo.get(key);
    if (hit && hit.version === current) {
      this.memo.delete(key);
      this.memo.set(key, hit);
      return hit.value as Promise<T>;
    }
    const entry = { version: current, value: Promise.resolve(null) as Promise<unknown> };
    entry.value = this.inSnapshot(compute).then(
      ({ version, value }) => {
        entry.version = version;
        return value;
      },
      (error: unknown) => {
        if (this.memo.get(key) === entry) this.memo.delete(key);
        throw error;
      },
    );
    this.memo.delete(key);
    this.memo.set(key, entry);
    while (this.memo.size > MEMO_MAX) this.memo.delete(this.memo.keys().next().value as string);
    return entry.value as Promise<T>;
  }

  /** Runs a computation on one connection, in one snapshot, with the data version of that snapshot. */
  private async inSnapshot<T>(compute: (engine: IndicateursEngine) => Promise<T>): Promise<{ version: string; value: T }> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      // One connection runs one statement at a time: the computation's concurrent statements queue.
      let tail: Promise<unknown> = Promise.resolve();
      const serial: Queryable = {
        query: (sql, parameters) => {
          const next = tail.then(() => runner.query(sql, parameters));
          tail = next.catch(() => undefined);
          return next;
        },
      };
      const version = await this.dataVersion(serial);
      const value = await compute(new IndicateursEngine(serial, () => this.areaNames(), true));
      await runner.commitTransaction();
      return { version, value };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Names of départements and régions (`departement:23` → « Creuse »), read once: reference data. */
  private areaNames(): Promise<Map<string, string>> {
    this.areaNamesCache ??= this.db
      .query(`SELECT 'departement:' || code AS k, nom FROM departement UNION ALL SELECT 'region:' || code, nom FROM region`)
      .then((rows: { k: string; nom: string }[]) => new Map(rows.map((r) => [r.k, r.nom])))
      .catch((error: unknown) => {
        this.areaNamesCache = null;
        throw error;
      });
    return this.areaNamesCache;
  }

  /** The requested scope, or the widest the user reads; 403 outside what the user may read, 404 for an unknown area. */
  async resolvePortee(user: CurrentUser, type: PorteeType | undefined, code: string | undefined): Promise<ResolvedPortee> {
    let portee: Portee | null;
    if (type === undefined) portee = porteeParDefaut(user.memberships);
    else if (type === 'nation') portee = { type: 'nation' };
    else portee = { type, code: code ?? '' };
    if (!portee) throw new AppError('FORBIDDEN', 'Choisissez une zone : vos indicateurs sont ceux de votre Petite ville de demain.');
    const found = await this.territoryOf(portee);
    if (!found) throw new AppError('TERRITORY_NOT_FOUND', 'Zone inconnue.', { code: ['Zone inconnue.'] });
    if (!porteeAutorisee(user.memberships, portee, found.territory)) throw new AppError('FORBIDDEN', 'Vous n’avez pas accès aux indicateurs de cette zone.');
    return { portee, dto: { type: portee.type, code: portee.type === 'nation' ? null : portee.code, libelle: found.libelle } };
  }

  /**
   * The régions and départements whose indicators the user reads (by the same rule as every
   * figure), for the dashboards' scope picker: all for a national membership, a SGAR's région and
   * its départements, a préfecture's département alone.
   */
  async zones(user: CurrentUser): Promise<ZonesDto> {
    const rows: { dep: string; dep_nom: string; reg: string; reg_nom: string }[] = await this.db.query(
      `SELECT d.code AS dep, d.nom AS dep_nom, r.code AS reg, r.nom AS reg_nom FROM departement d JOIN region r ON r.code = d.region_code ORDER BY r.nom, d.code`,
    );
    const t = (o: Partial<Territory>): Territory => ({ communes: [], epciSirens: [], departementCodes: [], regionCodes: [], ...o });
    const regions = new Map<string, ZonesDto['regions'][number]>();
    for (const row of rows) {
      let region = regions.get(row.reg);
      if (!region) {
        region = { code: row.reg, nom: row.reg_nom, lisible: porteeAutorisee(user.memberships, { type: 'region', code: row.reg }, t({ regionCodes: [row.reg] })), departements: [] };
        regions.set(row.reg, region);
      }
      if (porteeAutorisee(user.memberships, { type: 'departement', code: row.dep }, t({ departementCodes: [row.dep], regionCodes: [row.reg] }))) region.departements.push({ code: row.dep, nom: row.dep_nom });
    }
    const defaut = porteeParDefaut(user.memberships);
    let parDefaut: PorteeDto | null = null;
    if (defaut?.type === 'nation') parDefaut = { type: 'nation', code: null, libelle: PORTEE_TYPE_LABELS.nation };
    else if (defaut) {
      const names = await this.areaNames();
      parDefaut = { type: defaut.type, code: defaut.code, libelle: names.get(`${defaut.type}:${defaut.code}`) ?? defaut.code };
    }
    return {
      nation: porteeAutorisee(user.memberships, { type: 'nation' }, t({})),
      parDefaut,
      regions: [...regions.values()].filter((r) => r.lisible || r.departements.length > 0),
    };
  }

  private async territoryOf(portee: Portee): Promise<{ territory: Territory; libelle: string } | null> {
    const t = (o: Partial<Territory>): Territory => ({ communes: [], epciSirens: [], departementCodes: [], regionCodes: [], ...o });
    switch (portee.type) {
      case 'nation':
        return { territory: t({}), libelle: PORTEE_TYPE_LABELS.nation };
      case 'region': {
        const [r] = await this.db.query('SELECT nom FROM region WHERE code = $1', [portee.code]);
        return r ? { territory: t({ regionCodes: [portee.code] }), libelle: r.nom } : null;
      }
      case 'departement': {
        const [d] = await this.db.query('SELECT nom, region_code FROM departement WHERE code = $1', [portee.code]);
        return d ? { territory: t({ departementCodes: [portee.code], regionCodes: [d.region_code] }), libelle: `${d.nom} (${portee.code})` } : null;
      }
      case 'epci': {
        const [e] = await this.db.query(
          `SELECT e.nom, array_remove(array_agg(DISTINCT c.departement_code), NULL) AS deps, array_remove(array_agg(DISTINCT c.region_code), NULL) AS regs
             FROM epci e LEFT JOIN commune c ON c.epci_siren = e.siren WHERE e.siren = $1 GROUP BY e.nom`,
          [portee.code],
        );
        return e ? { territory: t({ epciSirens: [portee.code], departementCodes: e.deps, regionCodes: e.regs }), libelle: e.nom } : null;
      }
      case 'pvd': {
        if (!UUID.test(portee.code)) return null;
        const territory = await pvdTerritory(this.db, portee.code);
        if (!territory) return null;
        const [p] = await this.db.query(
          `SELECT COALESCE(string_agg(c.nom, ', ' ORDER BY c.population DESC NULLS LAST), p.id_pvd) AS nom
             FROM pvd p LEFT JOIN pvd_commune pc ON pc.pvd_id = p.id LEFT JOIN commune c ON c.insee = pc.commune_insee WHERE p.id = $1 GROUP BY p.id_pvd`,
          [portee.code],
        );
        return { territory, libelle: p?.nom ?? portee.code };
      }
    }
  }

  /**
   * A figure for anyone (the public pages), from the same engine and memo as the dashboards: the
   * caller has checked the indicator is public and the scope is one of the public pages'.
   */
  async valeurPublique(id: IndicateurId, portee: Portee, jour: string, ventilations: Ventilation[] = []): Promise<ValeurIndicateur> {
    const usable = ventilations.filter((v) => this.engine.supports(id, v));
    return this.memoized(`one|${id}|${porteeKey(portee)}|${jour}|${usable.join(',')}`, (engine) => engine.compute(id, portee, jour, usable));
  }

  async one(user: CurrentUser, id: IndicateurId, type: PorteeType | undefined, code: string | undefined, date: string | undefined, ventilations: Ventilation[] = []): Promise<ResultatIndicateurDto> {
    const { portee, dto } = await this.resolvePortee(user, type, code);
    const jour = date ?? todayInFrance();
    const usable = ventilations.filter((v) => this.engine.supports(id, v));
    const value = await this.memoized(`one|${id}|${porteeKey(portee)}|${jour}|${usable.join(',')}`, (engine) => engine.compute(id, portee, jour, usable));
    return { ...value, portee: dto };
  }

  /**
   * A dashboard section in one round trip: every indicator of the section with the breakdowns its
   * charts and maps need, the value on the comparison day when asked, and the national value when
   * the scope is narrower (the report's comparison).
   */
  async tableau(user: CurrentUser, section: IndicateurSection, type: PorteeType | undefined, code: string | undefined, date: string | undefined, comparaison: string | undefined): Promise<TableauDto> {
    const { portee, dto } = await this.resolvePortee(user, type, code);
    const jour = date ?? todayInFrance();
    const defs = INDICATEURS.filter((i) => i.section === section);
    const indicateurs = await this.memoized(`tableau|${section}|${porteeKey(portee)}|${jour}|${comparaison ?? ''}`, (engine) => this.sectionValues(engine, defs, portee, jour, comparaison));
    return { section, portee: dto, date: jour, comparaison: comparaison ?? null, indicateurs };
  }

  private sectionValues(engine: IndicateursEngine, defs: typeof INDICATEURS, portee: Portee, jour: string, comparaison: string | undefined): Promise<ValeurIndicateurDto[]> {
    return Promise.all(
      defs.map(async (def) => {
        const wanted = new Set<Ventilation>();
        for (const r of def.representations) {
          if (r.kind === 'camembert' || r.kind === 'barres' || r.kind === 'series') wanted.add(r.ventilation);
          if (r.kind === 'carte' && portee.type !== 'pvd' && portee.type !== 'epci') wanted.add(r.niveau);
        }
        const [value, compared, national] = await Promise.all([
          engine.compute(def.id, portee, jour, [...wanted].filter((v) => engine.supports(def.id, v))),
          comparaison ? engine.compute(def.id, portee, comparaison) : Promise.resolve(null),
          portee.type !== 'nation' && def.disponible ? engine.compute(def.id, { type: 'nation' }, jour) : Promise.resolve(null),
        ]);
        const out: ValeurIndicateurDto = { ...value };
        if (compared) out.comparaison = { date: comparaison as string, valeur: compared.valeur, evolution: value.valeur !== null && compared.valeur !== null ? value.valeur - compared.valeur : null };
        if (national) out.national = national.valeur;
        return out;
      }),
    );
  }

  async detail(
    user: CurrentUser,
    id: IndicateurId,
    query: { portee?: PorteeType; code?: string; date?: string; ventilation?: Ventilation; cle?: string; page?: number; pageSize?: number },
  ): Promise<DetailPageDto> {
    const { portee } = await this.resolvePortee(user, query.portee, query.code);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const jour = query.date ?? todayInFrance();
    const options = { ventilation: query.ventilation, cle: query.cle, offset: (page - 1) * pageSize, limit: pageSize };
    const found = await this.memoized(`detail|${id}|${porteeKey(portee)}|${jour}|${options.ventilation ?? ''}|${options.cle ?? ''}|${options.offset}|${options.limit}`, (engine) =>
      engine.detail(id, portee, jour, options),
    );
    if (!found) throw new AppError('NOT_FOUND', 'Cet indicateur n’a pas encore de données détaillées.');
    return { colonnes: found.columns.map(({ cle, libelle, kind }) => ({ cle, libelle, kind })), lignes: found.rows, total: found.total, page, pageSize };
  }

  /** The drill-down list as a file: CSV (UTF-8 BOM, « ; », decimal comma, formulas neutralised) or XLSX. */
  async export(
    user: CurrentUser,
    id: IndicateurId,
    query: { portee?: PorteeType; code?: string; date?: string; ventilation?: Ventilation; cle?: string; format: 'csv' | 'xlsx' },
    response: Response,
  ): Promise<void> {
    const { portee } = await this.resolvePortee(user, query.portee, query.code);
    const jour = query.date ?? todayInFrance();
    const found = await this.engine.detail(id, portee, jour, { ventilation: query.ventilation, cle: query.cle, offset: 0, limit: EXPORT_MAX_ROWS });
    if (!found) throw new AppError('NOT_FOUND', 'Cet indicateur n’a pas encore de données détaillées.');
    const name = `indicateur-${id}-${portee.type}${portee.type === 'nation' ? '' : `-${portee.code}`}-${jour}`;
    if (query.format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      const decimal = (v: unknown) => (v === null || v === undefined ? '' : String(v).replace('.', ','));
      let out = CSV_BOM + csvLine(found.columns.map((c) => c.libelle));
      for (const row of found.rows) out += csvLine(found.columns.map((c) => (c.kind === 'euros' ? decimal(row[c.cle]) : (row[c.cle] as string | number | null))));
      response.end(out);
      return;
    }
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: response, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(id);
    sheet.columns = found.columns.map((c) => ({ header: c.libelle, key: c.cle, width: c.kind === 'texte' ? 30 : 16, style: c.kind === 'euros' ? { numFmt: '#,##0.00 "€"' } : {} }));
    for (const row of found.rows) {
      sheet.addRow(Object.fromEntries(found.columns.map((c) => [c.cle, c.kind === 'euros' || c.kind === 'nombre' ? (row[c.cle] === null ? null : Number(row[c.cle])) : spreadsheetText(row[c.cle] as string | null)]))).commit();
    }
    sheet.commit();
    await workbook.commit();
  }
}

const porteeKey = (portee: Portee) => (portee.type === 'nation' ? 'nation' : `${portee.type}:${portee.code}`);
