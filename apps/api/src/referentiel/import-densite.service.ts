import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isInseeCommuneCode, isNiveauDensite, normaliseInseeCode } from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { AuditService, Actor } from '../audit/audit.service';
import { AppError } from '../core/errors/app-error';
import { readCsv } from '../core/files/read-csv';
import { DensiteImportResultDto, DensiteRejectedLineDto } from './dto/densite-import.dto';

const CODE_COLUMNS = ['codgeo', 'code_insee', 'insee_com', 'com'];
const LEVEL_COLUMNS = ['dens', 'dens7', 'densite', 'niveau', 'niveau_densite', 'degre_densite', 'grille_densite'];

/**
 * Sets each commune's density level (INSEE grille communale de densité, 1–7) from the INSEE
 * file: a code column (CODGEO) and a level column (DENS). Unknown codes and bad levels are
 * reported line by line; the rest is applied in one transaction.
 */
@Injectable()
export class ImportDensiteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async import(buffer: Buffer, actor: Actor): Promise<DensiteImportResultDto> {
    const { header, rows } = readCsv(buffer, 'DENSITE_FILE_INVALID');
    const codeColumn = CODE_COLUMNS.find((c) => header.includes(c));
    const levelColumn = LEVEL_COLUMNS.find((c) => header.includes(c));
    if (!codeColumn || !levelColumn) {
      throw new AppError(
        'DENSITE_FILE_INVALID',
        `Colonnes attendues : CODGEO (code INSEE) et DENS (niveau de densité de 1 à 7). Colonnes trouvées : ${header.join(', ')}.`,
      );
    }
    const rejected: DensiteRejectedLineDto[] = [];
    const accepted = new Map<string, { line: number; niveau: number }>();
    for (const row of rows) {
      const insee = normaliseInseeCode(row.values[codeColumn] ?? '');
      const rawLevel = (row.values[levelColumn] ?? '').trim();
      const niveau = Number(/^\d+/.exec(rawLevel)?.[0] ?? NaN);
      if (!isInseeCommuneCode(insee)) {
        rejected.push({ line: row.line, insee: insee || null, message: `Code INSEE « ${insee} » invalide.` });
      } else if (!isNiveauDensite(niveau)) {
        rejected.push({ line: row.line, insee, message: `Niveau de densité « ${rawLevel} » invalide (1 à 7 attendu).` });
      } else if (accepted.has(insee)) {
        rejected.push({ line: row.line, insee, message: `Code INSEE ${insee} déjà présent ligne ${accepted.get(insee)?.line}.` });
      } else {
        accepted.set(insee, { line: row.line, niveau });
      }
    }
    const codes = [...accepted.keys()];
    const levels = [...accepted.values()].map((a) => a.niveau);

    return this.dataSource.transaction(async (em) => {
      const known: { insee: string; densite: number | null }[] = await em.query(
        'SELECT insee, densite FROM commune WHERE insee = ANY($1::varchar[])',
        [codes],
      );
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
        totalLines: rows.length,
        updated: changed.length,
        unchanged: before.size - changed.length,
        rejected: rejected.length,
        lines: rejected,
      };
    });
  }
}
