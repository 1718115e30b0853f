import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { searchKey } from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';

interface EtalabCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  region?: string;
  siren?: string;
  population?: number;
  chefLieu?: string;
  /** Codes of communes merged into this one that left no commune déléguée (e.g. 71131 Ciel in Verdun-Ciel). */
  anciensCodes?: string[];
}
interface EtalabEpci {
  code: string;
  nom: string;
  type: string;
  populationTotale?: number;
  membres: { code: string }[];
}
interface EtalabZone {
  code: string;
  nom: string;
  region?: string;
  chefLieu?: string;
}

const PACKAGE = '@etalab/decoupage-administratif';
const META_KEY = 'decoupage-administratif';

function readData<T>(file: string): { rows: T; raw: Buffer } {
  const raw = readFileSync(require.resolve(`${PACKAGE}/data/${file}`));
  return { rows: JSON.parse(raw.toString('utf8')) as T, raw };
}

export interface ReferentielLoadResult {
  skipped: boolean;
  regions: number;
  departements: number;
  epci: number;
  communes: number;
  communesAnciennes: number;
  ms: number;
}

/**
 * Loads régions, départements, EPCI and communes from @etalab/decoupage-administratif.
 * Idempotent: skipped when the same data (by hash) is already loaded; otherwise upserted in a
 * few bulk statements (arrays unnested server-side), in one transaction. The density level is
 * never touched: it comes from its own import.
 */
@Injectable()
export class LoadReferentielService {
  private readonly logger = new Logger(LoadReferentielService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(options: { force?: boolean } = {}): Promise<ReferentielLoadResult> {
    const started = Date.now();
    const regions = readData<EtalabZone[]>('regions.json');
    const departements = readData<EtalabZone[]>('departements.json');
    const epci = readData<EtalabEpci[]>('epci.json');
    const communes = readData<EtalabCommune[]>('communes.json');
    const digest = createHash('sha256');
    // The loader's own version too: what it reads from the same data may change (v2: anciensCodes).
    digest.update('loader-v2');
    for (const d of [regions, departements, epci, communes]) digest.update(d.raw);
    const version = digest.digest('hex');

    const actuelles = communes.rows.filter((c) => c.type === 'commune-actuelle');
    const actuelleCodes = new Set(actuelles.map((c) => c.code));
    const anciennes: { code: string; nom: string; type: string; successeur: string | null }[] = communes.rows
      .filter((c) => (c.type === 'commune-deleguee' || c.type === 'commune-associee') && !actuelleCodes.has(c.code))
      .map((c) => ({ code: c.code, nom: c.nom, type: c.type, successeur: c.chefLieu ?? null }));
    // Former codes of a commune nouvelle with no commune déléguée left: their successor is known,
    // not their name (the successor's stands for it).
    const known = new Set([...actuelleCodes, ...anciennes.map((a) => a.code)]);
    for (const c of actuelles) {
      for (const code of c.anciensCodes ?? []) {
        if (known.has(code)) continue;
        known.add(code);
        anciennes.push({ code, nom: `ancienne commune ${code}`, type: 'ancien-code', successeur: c.code });
      }
    }
    const epciByCommune = new Map<string, string>();
    for (const e of epci.rows) for (const m of e.membres) epciByCommune.set(m.code, e.code);

    const result = await this.dataSource.transaction(async (em) => {
      // One loader at a time (several API replicas may start together).
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['referentiel-load']);
      const [current] = await em.query('SELECT value FROM referentiel_meta WHERE key = $1', [META_KEY]);
      if (!options.force && current?.value === version) return null;

      await upsert(em, 'region', ['code', 'nom'], ['varchar', 'text'], regions.rows.map((r) => [r.code, r.nom]));
      await upsert(
        em,
        'departement',
        ['code', 'nom', 'region_code', 'chef_lieu'],
        ['varchar', 'text', 'varchar', 'varchar'],
        departements.rows.map((d) => [d.code, d.nom, d.region ?? null, d.chefLieu ?? null]),
      );
      await upsert(
        em,
        'epci',
        ['siren', 'nom', 'type', 'population'],
        ['varchar', 'text', 'varchar', 'int'],
        epci.rows.map((e) => [e.code, e.nom, e.type, e.populationTotale ?? null]),
      );
      await upsert(
        em,
        'commune',
        ['insee', 'siren', 'nom', 'nom_recherche', 'population', 'departement_code', 'region_code', 'epci_siren'],
        ['varchar', 'varchar', 'text', 'text', 'int', 'varchar', 'varchar', 'varchar'],
        actuelles.map((c) => [
          c.code,
          c.siren ?? null,
          c.nom,
          searchKey(c.nom),
          c.population ?? null,
          c.departement ?? null,
          c.region ?? null,
          epciByCommune.get(c.code) ?? null,
        ]),
      );
      await upsert(
        em,
        'commune_ancienne',
        ['insee', 'nom', 'type', 'commune_actuelle_insee'],
        ['varchar', 'text', 'varchar', 'varchar'],
        anciennes.map((c) => [c.code, c.nom, c.type, c.successeur]),
      );
      // Communes gone from the référentiel (merged) become former communes, unless still referenced.
      await em.query(
        `DELETE FROM commune c WHERE NOT (c.insee = ANY($1::varchar[]))
           AND NOT EXISTS (SELECT 1 FROM pvd_commune p WHERE p.commune_insee = c.insee)
           AND NOT EXISTS (SELECT 1 FROM organisation o WHERE o.commune_insee = c.insee)`,
        [[...actuelleCodes]],
      );
      await em.query(
        `INSERT INTO referentiel_meta (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [META_KEY, version],
      );
      return {
        regions: regions.rows.length,
        departements: departements.rows.length,
        epci: epci.rows.length,
        communes: actuelles.length,
        communesAnciennes: anciennes.length,
      };
    });
    if (result) {
      // Fresh statistics, so that the planner knows the tables it has just filled.
      await this.dataSource.query('ANALYZE region, departement, epci, commune, commune_ancienne');
    }
    const ms = Date.now() - started;
    if (!result) {
      this.logger.log({ ms }, 'Référentiel already up to date');
      return { skipped: true, regions: 0, departements: 0, epci: 0, communes: 0, communesAnciennes: 0, ms };
    }
    this.logger.log({ ...result, ms }, 'Référentiel loaded');
    return { skipped: false, ...result, ms };
  }
}

/**
 * INSERT … SELECT FROM unnest(arrays) ON CONFLICT (first column) DO UPDATE: one statement per
 * 5,000 rows whatever the number of columns, instead of one per row.
 */
async function upsert(
  em: EntityManager,
  table: string,
  columns: string[],
  types: string[],
  rows: unknown[][],
  chunkSize = 5000,
): Promise<void> {
  const [key, ...rest] = columns;
  const set = rest.map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  const changed = rest.map((c) => `${table}.${c} IS DISTINCT FROM EXCLUDED.${c}`).join(' OR ');
  const sql =
    `INSERT INTO ${table} (${columns.join(', ')}) ` +
    `SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) ` +
    `ON CONFLICT (${key}) DO UPDATE SET ${set} WHERE ${changed}`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await em.query(sql, columns.map((_, i) => chunk.map((row) => row[i])));
  }
}
