import {
  CLUB_EVENEMENT_TYPE_LABELS,
  COFINANCEUR_LABELS,
  FINANCEMENT_NATURE_LABELS,
  FINANCEMENT_STATUT_LABELS,
  HABITAT_OPERATION_TYPE_LABELS,
  indicateur,
  MISSION_NATURE_LABELS,
  PAS_ENCORE_DE_DONNEES,
  PILIER_LABELS,
  type IndicateurId,
  type IndicateurUnite,
  type Portee,
  type Ventilation,
} from '@suivi-pvd/domain';
import { DETAIL_COLUMNS, SPECS, type DetailColumn, type IndicateurSpec, type Mesure } from './definitions';
import { SOURCES, withClause, withDependencies, type SourceName } from './sources';

export interface LigneVentilation {
  cle: string;
  libelle: string;
  valeur: number;
  /** Running total, for breakdowns over time. */
  cumul?: number;
  /** Share in % (of the scope's total, or of the area's reference value), for maps. */
  part?: number | null;
}

export interface ValeurIndicateur {
  id: IndicateurId;
  libelle: string;
  unite: IndicateurUnite;
  disponible: boolean;
  message: string | null;
  date: string;
  valeur: number | null;
  secondaires: { cle: string; libelle: string; unite: IndicateurUnite; valeur: number }[];
  parts: { cle: string; libelle: string; valeur: number | null; denominateur: { libelle: string; valeur: number | null } }[];
  ventilations: { par: Ventilation; lignes: LigneVentilation[] }[];
  sources: string[];
  dateDonnees: string | null;
}

/** What the engine runs its statements on: the DataSource, or one connection (a QueryRunner) for one snapshot. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Builds numbered parameters: `$1` is always the day. */
class Params {
  readonly values: unknown[];
  constructor(jour: string) {
    this.values = [jour];
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The scope condition over a source's area columns (alias `s`). */
function zoneSql(portee: Portee, params: Params): string {
  if (portee.type === 'nation') return 'TRUE';
  const code = params.add(portee.code);
  switch (portee.type) {
    case 'region':
      return `s.reg = ${code}`;
    case 'departement':
      return `s.dep = ${code}`;
    case 'epci':
      return `s.epci = ${code}`;
    case 'pvd':
      return `${code}::uuid = ANY(s.pvd_ids)`;
  }
}

const where = (zone: string, m: Mesure) => `${zone}${m.filtre ? ` AND (${m.filtre})` : ''}`;
const scalar = (m: Mesure, zone: string) => `(SELECT ${m.agg} FROM ${m.source} s WHERE ${where(zone, m)})::float8`;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The reference value's zone for a scope: the same area, when it is one the ANCT enters values for. */
function referenceZone(portee: Portee): { type: 'nation' | 'region' | 'departement'; code: string } | null {
  if (portee.type === 'nation') return { type: 'nation', code: '' };
  if (portee.type === 'region' || portee.type === 'departement') return { type: portee.type, code: portee.code };
  return null;
}

const MEMBERSHIP_SOURCE = 'ANCT – liste des communes Petites villes de demain';

/**
 * The indicators engine: any available indicator of the catalogue for a scope and a day, computed
 * in PostgreSQL from the records as they stood on that day (membership, statuses and engagement
 * dates), by the counting rules of the domain. Nothing is loaded into Node but the results.
 */
export class IndicateursEngine {
  /** Sources built in this session, by temporary table name. */
  private readonly built = new Map<string, Promise<void>>();

  /**
   * @param session when the engine runs on one connection inside one transaction: each source of
   * a day is then built once, as a temporary table dropped at commit, and every statement of the
   * computation reads it instead of recomputing it.
   */
  constructor(
    private readonly db: Queryable,
    private readonly areaNames: () => Promise<Map<string, string>>,
    private readonly session = false,
  ) {}

  /** The WITH clause of a statement over these sources on day `jour` (`$1`). */
  private async sourcesFor(needed: readonly SourceName[], jour: string): Promise<string> {
    if (!this.session) return withClause(needed);
    const all = withDependencies(needed);
    await Promise.all(all.map((n) => this.build(n, jour)));
    return this.tableClause(all, jour);
  }

  private tableClause(names: readonly SourceName[], jour: string): string {
    // `jour` keeps `$1` in every statement, as the statements' other parameters are numbered after it.
    return `WITH indicateurs_jour AS (SELECT $1::date AS jour)${names.map((n) => `, ${n} AS NOT MATERIALIZED (SELECT * FROM ${tableName(n, jour)})`).join('')}`;
  }

  private build(name: SourceName, jour: string): Promise<void> {
    const table = tableName(name, jour);
    let done = this.built.get(table);
    if (!done) {
      done = (async () => {
        const deps = withDependencies(SOURCES[name].deps);
        await Promise.all(deps.map((d) => this.build(d, jour)));
        await this.db.query(`CREATE TEMPORARY TABLE ${table} ON COMMIT DROP AS ${this.tableClause(deps, jour)} ${SOURCES[name].sql}`, [jour]);
      })();
      this.built.set(table, done);
    }
    return done;
  }

  async compute(id: IndicateurId, portee: Portee, jour: string, ventilations: readonly Ventilation[] = []): Promise<ValeurIndicateur> {
    const def = indicateur(id);
    const base: ValeurIndicateur = {
      id,
      libelle: def.libelle,
      unite: def.unite,
      disponible: def.disponible,
      message: null,
      date: jour,
      valeur: null,
      secondaires: [],
      parts: [],
      ventilations: [],
      sources: [],
      dateDonnees: null,
    };
    const spec = SPECS[id];
    if (!def.disponible || !spec) return { ...base, disponible: false, message: PAS_ENCORE_DE_DONNEES };

    const params = new Params(jour);
    const zone = zoneSql(portee, params);
    const refZone = referenceZone(portee);
    const main = 'ratio' in spec.principal ? spec.principal.ratio[0] : spec.principal;
    const selects: string[] = [];
    const needed = new Set<SourceName>(['membres', main.source]);
    if ('ratio' in spec.principal) {
      const [n, d] = spec.principal.ratio;
      needed.add(n.source).add(d.source);
      selects.push(`${scalar(n, zone)} / NULLIF(${scalar(d, zone)}, 0) AS principal`);
    } else {
      selects.push(`${scalar(spec.principal, zone)} AS principal`);
    }
    for (const [i, s] of (spec.secondaires ?? []).entries()) {
      needed.add(s.mesure.source);
      selects.push(`${scalar(s.mesure, zone)} AS s${i}`);
    }
    selects.push(`(SELECT count(*) FROM membres s WHERE ${zone})::float8 AS p1`);
    for (const [i, part] of (spec.parts ?? []).entries()) {
      if (part.sur.kind !== 'reference') continue;
      selects.push(
        refZone
          ? `(SELECT valeur::float8 FROM valeur_reference WHERE cle = ${params.add(part.sur.cle)} AND zone_type = ${params.add(refZone.type)} AND zone_code = ${params.add(refZone.code)} AND date_valeur <= $1::date ORDER BY date_valeur DESC LIMIT 1) AS r${i}`
          : `NULL::float8 AS r${i}`,
      );
    }
    if (SOURCES[main.source].dated) {
      selects.push(`(SELECT max(date_donnee)::text FROM ${main.source} s WHERE ${where(zone, main)}) AS date_donnees`);
      selects.push(`(SELECT array_agg(source) FROM (SELECT source FROM ${main.source} s WHERE ${where(zone, main)} GROUP BY source ORDER BY count(*) DESC, source LIMIT 5) x) AS sources`);
    } else {
      selects.push(`(SELECT max(GREATEST(debut, COALESCE(fin, debut)))::text FROM pvd_commune_periode WHERE debut <= $1::date) AS date_donnees`);
      selects.push(`ARRAY[${params.add(MEMBERSHIP_SOURCE)}::text] AS sources`);
    }
    const [row] = await this.db.query(`${await this.sourcesFor([...needed], jour)}\nSELECT ${selects.join(',\n       ')}`, params.values);

    const valeurs: Record<string, number | null> = { principal: num(row.principal) };
    const secondaires = (spec.secondaires ?? []).map((s, i) => {
      valeurs[s.cle] = num(row[`s${i}`]);
      return { cle: s.cle, libelle: s.libelle, unite: s.unite, valeur: num(row[`s${i}`]) ?? 0 };
    });
    const p1 = num(row.p1);
    const parts = (spec.parts ?? []).map((part, i) => {
      const denominateur = part.sur.kind === 'P1' ? { libelle: 'Communes PVD (P1)', valeur: p1 } : { libelle: part.sur.libelle, valeur: num(row[`r${i}`]) };
      const numerateur = valeurs[part.de];
      const valeur = numerateur !== null && numerateur !== undefined && denominateur.valeur ? Math.round((10_000 * numerateur) / denominateur.valeur) / 100 : null;
      return { cle: part.cle, libelle: part.libelle, valeur, denominateur };
    });
    const result: ValeurIndicateur = {
      ...base,
      valeur: valeurs.principal ?? 0,
      secondaires,
      parts,
      sources: (row.sources as string[] | null) ?? [],
      dateDonnees: row.date_donnees ?? null,
    };
    for (const v of ventilations) {
      const lignes = await this.ventiler(spec, v, portee, jour);
      if (lignes) result.ventilations.push({ par: v, lignes });
    }
    return result;
  }

  /** Which breakdowns an indicator supports here (its source offers the key). */
  supports(id: IndicateurId, v: Ventilation): boolean {
    const spec = SPECS[id];
    if (!spec) return false;
    if ('ratio' in spec.principal) return v === 'departement' || v === 'region';
    return SOURCES[spec.principal.source].keys[v] !== undefined;
  }

  private async ventiler(spec: IndicateurSpec, v: Ventilation, portee: Portee, jour: string): Promise<LigneVentilation[] | null> {
    const params = new Params(jour);
    const zone = zoneSql(portee, params);
    let sql: string;
    if ('ratio' in spec.principal) {
      if (v !== 'departement' && v !== 'region') return null;
      const [n, d] = spec.principal.ratio;
      const key = v === 'departement' ? 'dep' : 'reg';
      sql = `${await this.sourcesFor([n.source, d.source], jour)}
        SELECT d.cle, NULL AS libelle, COALESCE(n.valeur, 0) / NULLIF(d.valeur, 0) AS valeur
          FROM (SELECT ${key} AS cle, ${d.agg}::float8 AS valeur FROM ${d.source} s WHERE ${where(zone, d)} GROUP BY 1) d
          LEFT JOIN (SELECT ${key} AS cle, ${n.agg}::float8 AS valeur FROM ${n.source} s WHERE ${where(zone, n)} GROUP BY 1) n ON n.cle = d.cle
         ORDER BY 1`;
    } else {
      const m = spec.repartition?.[v] ?? spec.principal;
      const key = SOURCES[m.source].keys[v];
      if (!key) return null;
      const cumul = spec.cumul?.includes(v) ? ', sum(valeur) OVER (ORDER BY cle) AS cumul' : '';
      let part = '';
      let join = '';
      if ((v === 'departement' || v === 'region') && spec.partCarte) {
        if (spec.partCarte.kind === 'total') part = ', 100 * valeur / NULLIF(sum(valeur) OVER (), 0) AS part';
        else if (spec.partCarte.kind === 'P1') {
          // The area's PVD communes on the day (P1 of the area).
          const area = v === 'departement' ? 'dep' : 'reg';
          join = `LEFT JOIN (SELECT ${area} AS cle, count(*)::float8 AS n FROM membres s WHERE ${zone} GROUP BY 1) p1 ON p1.cle = g.cle`;
          part = ', 100 * valeur / NULLIF(p1.n, 0) AS part';
        } else {
          join = `LEFT JOIN LATERAL (SELECT valeur AS ref FROM valeur_reference vr WHERE vr.cle = ${params.add(spec.partCarte.cle)} AND vr.zone_type = '${v}'
                                      AND vr.zone_code = g.cle AND vr.date_valeur <= $1::date ORDER BY vr.date_valeur DESC LIMIT 1) r ON TRUE`;
          part = ', 100 * valeur / NULLIF(r.ref, 0) AS part';
        }
      }
      sql = `${await this.sourcesFor(spec.partCarte?.kind === 'P1' ? [m.source, 'membres'] : [m.source], jour)}
        SELECT g.*${cumul}${part} FROM (
          SELECT (${key.cle})::text AS cle, ${key.libelle ?? 'NULL'} AS libelle, ${m.agg}::float8 AS valeur
            FROM ${m.source} s WHERE ${where(zone, m)} AND (${key.cle}) IS NOT NULL GROUP BY 1) g ${join}
         ORDER BY g.cle`;
    }
    const rows: { cle: string; libelle: string | null; valeur: number; cumul?: number; part?: number | null }[] = await this.db.query(sql, params.values);
    const names = v === 'departement' || v === 'region' ? await this.areaNames() : null;
    return rows.map((r) => ({
      cle: r.cle,
      libelle: r.libelle ?? (names ? (names.get(`${v}:${r.cle}`) ?? r.cle) : labelOf(v, r.cle, spec)),
      valeur: Number(r.valeur),
      ...(r.cumul !== undefined ? { cumul: Number(r.cumul) } : {}),
      ...(r.part !== undefined ? { part: r.part === null ? null : Math.round(Number(r.part) * 100) / 100 } : {}),
    }));
  }

  /** The records behind a figure, a page at a time, optionally those of one breakdown key (a map area, a chart segment). */
  async detail(
    id: IndicateurId,
    portee: Portee,
    jour: string,
    options: { ventilation?: Ventilation; cle?: string; offset: number; limit: number },
  ): Promise<{ columns: DetailColumn[]; rows: Record<string, unknown>[]; total: number } | null> {
    const spec = SPECS[id];
    if (!spec) return null;
    const m = spec.detail;
    const layout = DETAIL_COLUMNS[m.source];
    if (!layout) return null;
    const params = new Params(jour);
    let condition = where(zoneSql(portee, params), m);
    if (options.ventilation && options.cle !== undefined) {
      const key = SOURCES[m.source].keys[options.ventilation];
      if (!key) return { columns: layout.columns, rows: [], total: 0 };
      condition += ` AND (${key.cle})::text = ${params.add(options.cle)}`;
    }
    const limit = params.add(options.limit);
    const offset = params.add(options.offset);
    const sources = await this.sourcesFor([m.source], jour);
    const rows: Record<string, unknown>[] = await this.db.query(
      `${sources}
       SELECT ${layout.columns.map((c) => `${c.sql} AS "${c.cle}"`).join(', ')}, count(*) OVER () AS __total
         FROM ${m.source} s ${layout.join}
        WHERE ${condition}${layout.group ? ` GROUP BY ${layout.group}` : ''}
        ORDER BY ${layout.order}
        LIMIT ${limit} OFFSET ${offset}`,
      params.values,
    );
    let total = rows.length ? Number(rows[0].__total) : 0;
    if (!rows.length && options.offset > 0) {
      const [count] = await this.db.query(`${sources} SELECT count(${layout.group ? `DISTINCT ${layout.group}` : '*'})::int AS n FROM ${m.source} s WHERE ${condition}`, params.values.slice(0, -2));
      total = count.n;
    }
    for (const r of rows) delete r.__total;
    return { columns: layout.columns, rows, total };
  }
}

/** A source's temporary table for a day (days are validated `YYYY-MM-DD`: digits only remain). */
const tableName = (name: SourceName, jour: string) => `indicateurs_${name}_${jour.replace(/[^0-9]/g, '')}`;

const DENSITE_LABELS: Record<string, string> = { rurale: 'Peu dense ou très peu dense (rurale)', urbaine: 'Densité intermédiaire ou densément peuplée', inconnue: 'Densité inconnue' };
const ENGAGEMENT_NATURE_LABELS: Record<string, string> = { postes: 'Postes de chef de projet', missions: 'Missions d’expertise', autres: 'Autres financements d’ingénierie', thematique: 'Appui thématique' };
const VAA_LABELS: Record<string, string> = {
  'ville_amie_aines:membre': 'Ville amie des aînés : membres',
  'ville_amie_aines:en démarche vers le label': 'Ville amie des aînés : en route vers le label',
  'ville_amie_aines:labellisée': 'Ville amie des aînés : labellisées',
  fabrique_prospective: 'Fabrique prospective',
};

/** French label of a breakdown key, from the domain's label tables. */
function labelOf(v: Ventilation, cle: string, spec: IndicateurSpec): string {
  const source = 'ratio' in spec.principal ? spec.principal.ratio[0].source : spec.principal.source;
  const table: Record<string, string> | undefined = (() => {
    switch (v) {
      case 'nature':
        return source === 'lignes' ? FINANCEMENT_NATURE_LABELS : source === 'engagements' ? ENGAGEMENT_NATURE_LABELS : MISSION_NATURE_LABELS;
      case 'statut':
        return FINANCEMENT_STATUT_LABELS;
      case 'pilier':
        return PILIER_LABELS;
      case 'cofinanceur':
        return COFINANCEUR_LABELS;
      case 'densite':
        return DENSITE_LABELS;
      case 'type':
        return source === 'evenements_c'
          ? CLUB_EVENEMENT_TYPE_LABELS
          : { ...HABITAT_OPERATION_TYPE_LABELS, ...VAA_LABELS, portrait: 'Portraits', carnet: 'Carnets', reportage: 'Reportages', aucune: 'Sans publication' };
      default:
        return undefined;
    }
  })();
  return table?.[cle] ?? cle;
}
