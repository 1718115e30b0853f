import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parseEurosToCents, parseFrenchDate, valeurReferenceErrors, VALEURS_REFERENCE, type ValeurReferenceSaisie } from '@suivi-pvd/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { readTable, TableRefused } from '../core/files/read-table';
import { DEFAULT_TABLE_LIMITS } from '../core/files/table-limits';
import type { ValeurReferenceDto, ValeurReferenceInput, ValeursReferenceDto, ValeursReferenceImportDto } from './dto/valeurs-reference.dto';

const SELECT = `SELECT v.id, v.cle, v.zone_type AS "zoneType", v.zone_code AS "zoneCode", v.date_valeur::text AS "dateValeur", v.valeur::float8 AS valeur, v.source, v.commentaire,
                       v.created_at AS "createdAt", u.display_name AS "createdBy"
                  FROM valeur_reference v LEFT JOIN app_user u ON u.id = v.created_by`;
const HEADERS = ['cle', 'zone_type', 'zone_code', 'date_valeur', 'valeur', 'source'] as const;

/**
 * Dated reference values (national totals outside the programme) that shares need as their
 * denominator. Everyone who reads indicators reads them; the ANCT enters, imports and deletes them.
 */
@Injectable()
export class ValeursReferenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ValeursReferenceDto> {
    const rows: ValeurReferenceDto[] = await this.db.query(`${SELECT} ORDER BY v.cle, v.zone_type, v.zone_code, v.date_valeur DESC`);
    return { cles: Object.entries(VALEURS_REFERENCE).map(([cle, d]) => ({ cle, libelle: d.libelle, unite: d.unite, indicateur: d.indicateur })), items: rows.map(toDto) };
  }

  async create(user: CurrentUser, actor: Actor, input: ValeurReferenceInput): Promise<ValeurReferenceDto> {
    const v = normalise(input);
    const errors = { ...valeurReferenceErrors(v), ...(await this.zoneErrors(this.db, v)) };
    if (Object.keys(errors).length) throw new AppError('VALIDATION_FAILED', 'La valeur de référence ne peut pas être enregistrée.', errors);
    const id = await this.db.transaction(async (em) => this.insert(em, user, actor, v, input.commentaire ?? null));
    const [row] = await this.db.query(`${SELECT} WHERE v.id = $1`, [id]);
    return toDto(row);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const [row] = await em.query(`${SELECT} WHERE v.id = $1 FOR UPDATE OF v`, [id]);
      if (!row) throw new AppError('NOT_FOUND', 'Valeur de référence introuvable.');
      await em.query('DELETE FROM valeur_reference WHERE id = $1', [id]);
      await this.audit.record(em, actor, { action: 'valeur_reference.supprimee', entityType: 'valeur_reference', entityId: id, before: snapshot(toDto(row)), after: null });
    });
  }

  /**
   * Imports a CSV or XLSX of values (`cle; zone_type; zone_code; date_valeur; valeur; source`), all
   * or nothing: any bad line refuses the file with every line's errors; an identical value already
   * there is left unchanged, a different value for the same key, area and day is an error.
   */
  async import(user: CurrentUser, actor: Actor, file: Buffer): Promise<ValeursReferenceImportDto> {
    let table;
    try {
      table = await readTable(file, { ...DEFAULT_TABLE_LIMITS, maxLines: 10_000, maxColumns: 20 });
    } catch (error) {
      if (error instanceof TableRefused) throw new AppError('VALIDATION_FAILED', error.message, { fichier: [error.message] });
      throw error;
    }
    const header = table.header.map((h) => h.trim().toLowerCase());
    const missing = HEADERS.filter((h) => !header.includes(h));
    if (missing.length) {
      const message = `Colonnes manquantes : ${missing.join(', ')}.`;
      throw new AppError('VALIDATION_FAILED', message, { fichier: [message] });
    }
    const at = (cells: string[], h: (typeof HEADERS)[number]) => (cells[header.indexOf(h)] ?? '').trim();
    const lignes: { ligne: number; champ: string; message: string }[] = [];
    const values: { ligne: number; v: ValeurReferenceSaisie }[] = [];
    for (const row of table.rows) {
      const valeur = parseEurosToCents(at(row.cells, 'valeur'));
      const jour = parseFrenchDate(at(row.cells, 'date_valeur'));
      const v = normalise({
        cle: at(row.cells, 'cle'),
        zoneType: at(row.cells, 'zone_type'),
        zoneCode: at(row.cells, 'zone_code'),
        dateValeur: jour.ok ? jour.value : at(row.cells, 'date_valeur'),
        valeur: valeur.ok ? valeur.value / 100 : Number.NaN,
        source: at(row.cells, 'source'),
      });
      const errors = { ...valeurReferenceErrors(v), ...(await this.zoneErrors(this.db, v)) };
      for (const [champ, messages] of Object.entries(errors)) for (const message of messages) lignes.push({ ligne: row.ligne, champ, message });
      values.push({ ligne: row.ligne, v });
    }
    if (lignes.length) return { crees: 0, inchanges: 0, erreurs: lignes.slice(0, 200), totalErreurs: lignes.length };
    let crees = 0;
    let inchanges = 0;
    await this.db.transaction(async (em) => {
      for (const { ligne, v } of values) {
        const [existing] = await em.query(`SELECT valeur::float8 AS valeur FROM valeur_reference WHERE cle = $1 AND zone_type = $2 AND zone_code = $3 AND date_valeur = $4`, [v.cle, v.zoneType, v.zoneCode, v.dateValeur]);
        if (existing && Number(existing.valeur) === v.valeur) {
          inchanges++;
          continue;
        }
        if (existing) lignes.push({ ligne, champ: 'valeur', message: `Une autre valeur (${existing.valeur}) existe déjà pour ce jour : supprimez-la d’abord.` });
        else {
          await this.insert(em, user, actor, v, null);
          crees++;
        }
      }
      // All or nothing: a conflict anywhere leaves the table as it was.
      if (lignes.length) throw new ImportConflicts();
    }).catch((error) => {
      if (!(error instanceof ImportConflicts)) throw error;
      crees = 0;
      inchanges = 0;
    });
    return { crees, inchanges, erreurs: lignes.slice(0, 200), totalErreurs: lignes.length };
  }

  private async insert(em: EntityManager, user: CurrentUser, actor: Actor, v: ValeurReferenceSaisie, commentaire: string | null): Promise<string> {
    const [row] = await em
      .query(
        `INSERT INTO valeur_reference (cle, zone_type, zone_code, date_valeur, valeur, source, commentaire, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [v.cle, v.zoneType, v.zoneCode, v.dateValeur, v.valeur, v.source, commentaire, user.id],
      )
      .catch((error: { code?: string }) => {
        if (error.code === '23505') throw new AppError('CONFLICT', 'Une valeur existe déjà pour cette clé, cette zone et ce jour : supprimez-la d’abord.', { dateValeur: ['Une valeur existe déjà ce jour-là.'] });
        throw error;
      });
    await this.audit.record(em, actor, { action: 'valeur_reference.ajoutee', entityType: 'valeur_reference', entityId: row.id, before: null, after: snapshot(v) });
    return row.id as string;
  }

  /** The area must exist in the référentiel. */
  private async zoneErrors(db: DataSource | EntityManager, v: ValeurReferenceSaisie): Promise<Record<string, string[]>> {
    if (v.zoneType !== 'region' && v.zoneType !== 'departement') return {};
    if (!/^(\d{2,3}|2[AB])$/.test(v.zoneCode)) return {};
    const [row] = await db.query(`SELECT 1 FROM ${v.zoneType} WHERE code = $1`, [v.zoneCode]);
    return row ? {} : { zoneCode: [v.zoneType === 'region' ? 'Région inconnue.' : 'Département inconnu.'] };
  }
}

class ImportConflicts extends Error {}

function normalise(input: { cle: string; zoneType: string; zoneCode?: string | null; dateValeur: string; valeur: number; source: string }): ValeurReferenceSaisie {
  // The column holds hundredths: a value is rounded to them (-0 and subnormal values become 0).
  const valeur = Number.isFinite(input.valeur) ? Math.round(input.valeur * 100) / 100 + 0 : input.valeur;
  return { cle: input.cle.trim(), zoneType: input.zoneType.trim(), zoneCode: (input.zoneCode ?? '').trim().toUpperCase(), dateValeur: input.dateValeur.trim(), valeur, source: input.source.trim() };
}

function toDto(row: ValeurReferenceDto & { createdAt: Date | string }): ValeurReferenceDto {
  return { ...row, valeur: Number(row.valeur), createdAt: new Date(row.createdAt).toISOString() };
}

function snapshot(v: Pick<ValeurReferenceSaisie, 'cle' | 'zoneType' | 'zoneCode' | 'dateValeur' | 'valeur' | 'source'>) {
  return { cle: v.cle, zoneType: v.zoneType, zoneCode: v.zoneCode, dateValeur: v.dateValeur, valeur: v.valeur, source: v.source };
}
