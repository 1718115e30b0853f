import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { densiteGridProblem, densiteLabelGrid, densiteLabelMatches, isInseeCommuneCode, isNiveauDensite, NIVEAUX_DENSITE, normaliseInseeCode, type NiveauDensite } from '@suivi-pvd/domain';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, Actor } from '../core/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { DEFAULT_TABLE_LIMITS, type TableLimits } from '../core/files/table-limits';
import { DensiteImportResultDto, DensiteRejectedLineDto } from './dto/densite-import.dto';
import { densiteFileInvalid, readDensiteFile, type DensiteFile } from './read-densite-file';

/** The grid shipped with the application (INSEE, 7 levels, geography at 1 January 2024), loaded at first start. */
export const SHIPPED_DENSITE_GRID = resolve(__dirname, '../../assets/grille_densite_7_niveaux_2024.xlsx');
const META_KEY = 'grille-densite';
const STARTUP_ACTOR: Actor = { id: null, label: 'Chargement au démarrage (grille de densité INSEE 2024)' };

export interface ShippedGridLoadResult {
  skipped: boolean;
  updated: number;
  rejected: number;
  ms: number;
}

interface Parsed {
  file: DensiteFile;
  accepted: Map<string, { line: number; niveau: NiveauDensite }>;
  rejected: DensiteRejectedLineDto[];
}

/**
 * Sets each commune's density level (INSEE grille communale de densité, 7 levels) from INSEE's
 * file, XLSX as published or CSV: a code column (CODGEO), a level column (DENS) and, when
 * present, the level's label (LIBDENS). The old 4-level grid is refused as a whole; unknown codes,
 * bad levels and labels that contradict their level are reported line by line; the rest is
 * applied in one transaction.
 */
@Injectable()
export class ImportDensiteService {
  private readonly logger = new Logger(ImportDensiteService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    // Absent when built by hand (the test template's loader): the default limits.
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  private get limits(): TableLimits {
    return this.config?.importLimits ?? DEFAULT_TABLE_LIMITS;
  }

  async import(buffer: Buffer, actor: Actor): Promise<DensiteImportResultDto> {
    const parsed = await parse(buffer, this.limits);
    return this.dataSource.transaction((em) => this.apply(em, parsed, actor));
  }

  /**
   * Loads the grid shipped with the application, unless this very file (by hash) was loaded
   * already: a fresh start knows every commune's density, a restart costs a hash.
   */
  async loadShipped(options: { force?: boolean; path?: string } = {}): Promise<ShippedGridLoadResult> {
    const started = Date.now();
    const buffer = readFileSync(options.path ?? SHIPPED_DENSITE_GRID);
    const version = createHash('sha256').update(buffer).digest('hex');
    const current = async (em: EntityManager | DataSource) =>
      ((await em.query('SELECT value FROM referentiel_meta WHERE key = $1', [META_KEY])) as { value: string }[])[0]?.value;
    if (!options.force && (await current(this.dataSource)) === version) return { skipped: true, updated: 0, rejected: 0, ms: Date.now() - started };
    const parsed = await parse(buffer, this.limits);
    const result = await this.dataSource.transaction(async (em) => {
      // One loader at a time (several API replicas may start together).
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['densite-load']);
      if (!options.force && (await current(em)) === version) return null;
      const report = await this.apply(em, parsed, STARTUP_ACTOR);
      await em.query(
        `INSERT INTO referentiel_meta (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [META_KEY, version],
      );
      return report;
    });
    const outcome = { skipped: result === null, updated: result?.updated ?? 0, rejected: result?.rejected ?? 0, ms: Date.now() - started };
    if (result) this.logger.log(`Density grid loaded: ${outcome.updated} communes updated, ${outcome.rejected} lines rejected, in ${outcome.ms} ms`);
    return outcome;
  }

  private async apply(em: EntityManager, { file, accepted, rejected: parseRejected }: Parsed, actor: Actor): Promise<DensiteImportResultDto> {
    const rejected = [...parseRejected];
    const codes = [...accepted.keys()];
    const levels = [...accepted.values()].map((a) => a.niveau);
    const known: { insee: string; densite: number | null }[] = await em.query('SELECT insee, densite FROM commune WHERE insee = ANY($1::varchar[])', [codes]);
    const before = new Map(known.map((k) => [k.insee, k.densite]));
    for (const [insee, { line }] of accepted) {
      if (!before.has(insee)) rejected.push({ line, insee, message: `Code INSEE ${insee} inconnu du référentiel.` });
    }
    const changed: { insee: string }[] = await em.query(
      `WITH changed AS (
         UPDATE commune c SET densite = v.niveau
           FROM unnest($1::varchar[], $2::smallint[]) AS v(insee, niveau)
          WHERE c.insee = v.insee AND c.densite IS DISTINCT FROM v.niveau
        RETURNING c.insee)
       SELECT insee FROM changed`,
      [codes, levels],
    );
    if (changed.length > 0) {
      await this.audit.record(em, actor, {
        action: 'referentiel.densite.import',
        entityType: 'referentiel',
        entityId: 'densite',
        before: { communes: changed.length, exemples: changed.slice(0, 20).map((c) => ({ insee: c.insee, densite: before.get(c.insee) })) },
        after: { communes: changed.length, exemples: changed.slice(0, 20).map((c) => ({ insee: c.insee, densite: accepted.get(c.insee)?.niveau })) },
      });
    }
    rejected.sort((a, b) => a.line - b.line);
    return {
      format: file.format,
      headerLine: file.headerLine,
      totalLines: file.lines.length,
      updated: changed.length,
      unchanged: before.size - changed.length,
      rejected: rejected.length,
      lines: rejected,
    };
  }
}

/** Reads and checks the file: the whole file refused when it is not the 7-level grid, bad lines set aside. */
async function parse(buffer: Buffer, limits: TableLimits): Promise<Parsed> {
  const file = await readDensiteFile(buffer, limits);
  const labels = new Set<string>();
  const levelsSeen = new Set<number>();
  const rejected: DensiteRejectedLineDto[] = [];
  const accepted = new Map<string, { line: number; niveau: NiveauDensite }>();
  for (const row of file.lines) {
    const insee = normaliseInseeCode(row.code);
    const niveau = Number(/^\d+/.exec(row.level)?.[0] ?? NaN);
    if (row.label) labels.add(row.label);
    if (!isInseeCommuneCode(insee)) {
      rejected.push({ line: row.line, insee: insee || null, message: `Code INSEE « ${insee} » invalide.` });
    } else if (!isNiveauDensite(niveau)) {
      rejected.push({ line: row.line, insee, message: `Niveau de densité « ${row.level} » invalide (1 à 7 attendu).` });
    } else if (row.label && densiteLabelGrid(row.label) === 7 && !densiteLabelMatches(niveau, row.label)) {
      levelsSeen.add(niveau);
      rejected.push({ line: row.line, insee, message: `Le libellé « ${row.label} » ne correspond pas au niveau ${niveau} (« ${NIVEAUX_DENSITE[niveau]} »).` });
    } else if (accepted.has(insee)) {
      rejected.push({ line: row.line, insee, message: `Code INSEE ${insee} déjà présent ligne ${accepted.get(insee)?.line}.` });
    } else {
      levelsSeen.add(niveau);
      accepted.set(insee, { line: row.line, niveau });
    }
  }
  const problem = densiteGridProblem({ levels: levelsSeen, labels: [...labels], hasLabelColumn: file.hasLabelColumn });
  if (problem) throw densiteFileInvalid(problem);
  return { file, accepted, rejected };
}
